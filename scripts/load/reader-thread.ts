// The reader thread's program, compiled to lib/reader-thread.cjs: see load/reader.ts.
import {workerData} from 'node:worker_threads'
import {runReaderThread} from './reader'

runReaderThread(workerData)
