// Reads documents' files and front matter. With many documents a second thread does it
// (lib/reader-thread.cjs), running ahead of the Markdown parsing on the main thread: reading and
// YAML are a fifth of a large check, and the main thread never waits once the reader is ahead.
// Results come back in path order; if the thread cannot start or stops answering, the main
// thread reads the rest itself, so the outcome is the same either way.
import {existsSync} from 'node:fs'
import {join} from 'node:path'
import {MessageChannel, receiveMessageOnPort, Worker, type MessagePort} from 'node:worker_threads'
import {readDocumentFile, type ReadResult} from './files'
import {readFrontMatter, type FrontMatterRead} from './front-matter'

export interface DocumentRead {
  read: ReadResult
  /** The front matter, when the file could be read as text; from the thread, without its YAML Document. */
  frontMatter?: FrontMatterRead
}

export function readDocument(root: string, path: string): DocumentRead {
  const read = readDocumentFile(root, path)
  return 'text' in read ? {read, frontMatter: readFrontMatter(read.text)} : {read}
}

/** Below this many documents the thread costs more than it saves (measured: -6% at 100, even at 300, +8% at 1,000). */
export const threadFrom = 300

/** Each document read, with its path, in the order of `paths`. `CHARTER_READER_THREAD=off` reads on this thread only. */
export function* readDocuments(root: string, paths: readonly string[]): Generator<DocumentRead & {path: string}> {
  const thread = paths.length >= threadFrom && process.env.CHARTER_READER_THREAD !== 'off' ? startReaderThread(root, paths) : undefined
  try {
    for (const [index, path] of paths.entries()) yield {path, ...(thread?.take(index) ?? readDocument(root, path))}
  } finally {
    thread?.stop()
  }
}

interface ThreadData {
  root: string
  paths: readonly string[]
  /** [0]: how many documents the thread has sent; -1 once it has failed. */
  state: Int32Array
  port: MessagePort
}

// The compiled thread program sits beside the compiled command; run from source, there is none.
const besideProgram = typeof __dirname === 'string' ? join(__dirname, 'reader-thread.cjs') : undefined

export interface ReaderThread {
  /** The document at `index` (taken in order), or undefined once the thread has failed: read it here. */
  take(index: number): DocumentRead | undefined
  stop(): void
}

/**
 * Starts the thread, or returns undefined when it cannot start. `patienceMs`: how long to wait
 * for one document before giving up on the thread (it never takes more than a few milliseconds).
 */
export function startReaderThread(
  root: string,
  paths: readonly string[],
  {program = besideProgram, patienceMs = 10_000}: {program?: string | undefined; patienceMs?: number} = {}
): ReaderThread | undefined {
  if (!program || !existsSync(program)) return undefined
  const state = new Int32Array(new SharedArrayBuffer(4))
  const {port1, port2} = new MessageChannel()
  let worker: Worker
  try {
    worker = new Worker(program, {workerData: {root, paths, state, port: port2} satisfies ThreadData, transferList: [port2]})
  } catch {
    return undefined
  }
  worker.unref()
  let failed = false
  return {
    take(index) {
      while (!failed) {
        const sent = Atomics.load(state, 0)
        if (sent > index) break
        if (sent < 0 || Atomics.wait(state, 0, sent, patienceMs) === 'timed-out') failed = true
      }
      const message = failed ? undefined : receiveMessageOnPort(port1)
      if (!message) failed = true
      return message?.message as DocumentRead | undefined
    },
    stop() {
      port1.close()
      void worker.terminate()
    }
  }
}

/** The reader thread's work: each document in order, counted in `state` as it is sent. */
export function runReaderThread({root, paths, state, port}: ThreadData): void {
  try {
    for (const path of paths) {
      const {read, frontMatter} = readDocument(root, path)
      // A YAML Document cannot cross threads; the main thread parses it again if a message needs a position.
      port.postMessage(frontMatter ? {read, frontMatter: {fields: frontMatter.fields}} : {read})
      Atomics.add(state, 0, 1)
      Atomics.notify(state, 0)
    }
  } catch {
    Atomics.store(state, 0, -1)
    Atomics.notify(state, 0)
  }
}
