// Splits a large check across worker threads. Each thread parses its share of the documents,
// the index entries (ids, anchors) are pooled into one corpus, then each thread runs the rules
// on its own share. Results are identical to a single-threaded check.
import {Worker} from 'node:worker_threads'
import {VFile} from 'vfile'
import type {Point, Position} from 'unist'
import type {Day} from './dates'
import {createCorpus, indexEntry, type Document, type IndexEntry} from './document'
import type {Config} from './load/config'
import {documentsFolder, loadDocument} from './load/corpus'
import {lintDocuments} from './rules/run'

/** Below this many documents a worker's start-up costs more than it saves (see BENCHMARKS.md). */
export const parallelThreshold = 200

export function shouldRunInParallel(documentCount: number, threads: number): boolean {
  return threads > 1 && documentCount >= parallelThreshold
}

/** What a worker is given. */
export interface Share {
  root: string
  paths: string[]
  config: Config
  today: Day
}

export interface SerializedFile {
  path: string
  messages: {reason: string; place?: Position | Point; ruleId?: string; source?: string; fatal?: boolean | null}[]
}

export type FromWorker = {type: 'index'; entries: IndexEntry[]} | {type: 'files'; files: SerializedFile[]}
export interface ToWorker {
  entries: IndexEntry[]
  files: string[]
}

export function serializeFile(document: Document): SerializedFile {
  return {
    path: document.path,
    messages: document.file.messages.map(({reason, place, ruleId, source, fatal}) => ({reason, place, ruleId, source, fatal}))
  }
}

function deserializeFile(serialized: SerializedFile): VFile {
  const file = new VFile({path: serialized.path})
  for (const {reason, place, ruleId, source, fatal} of serialized.messages) {
    const message = file.message(reason, {place, ruleId, source})
    message.fatal = fatal
  }
  return file
}

export async function checkInParallel(options: {root: string; documentPaths: string[]; files: string[]; config: Config; today: Day; threads: number}): Promise<VFile[]> {
  const {root, documentPaths, files, config, today, threads} = options
  // Every n-th document to the same thread keeps the shares even when sizes drift along the folder.
  const shares = Array.from({length: threads}, (_, thread) => documentPaths.filter((_, index) => index % threads === thread))
  const workers = shares.slice(1).map((paths) => startWorker({root, paths, config, today}))
  try {
    const own = (shares[0] ?? []).map((path) => loadDocument(root, path))
    const entries = [...own.map(indexEntry), ...(await Promise.all(workers.map((worker) => worker.index))).flat()]
    for (const worker of workers) worker.send({entries, files})
    lintDocuments(own, createCorpus(documentsFolder, entries, files), config, today)
    const checked = (await Promise.all(workers.map((worker) => worker.files))).flat()
    return [...own.map((document) => document.file), ...checked.map(deserializeFile)]
  } finally {
    for (const worker of workers) void worker.stop()
  }
}

function startWorker(share: Share) {
  const worker = new Worker(new URL('./check-worker.js', import.meta.url), {workerData: share})
  let settleIndex: (entries: IndexEntry[]) => void = () => {}
  let settleFiles: (files: SerializedFile[]) => void = () => {}
  let fail: (error: Error) => void = () => {}
  const index = new Promise<IndexEntry[]>((resolve, reject) => {
    settleIndex = resolve
    fail = reject
  })
  const files = new Promise<SerializedFile[]>((resolve, reject) => {
    settleFiles = resolve
    const failIndex = fail
    fail = (error) => {
      failIndex(error)
      reject(error)
    }
  })
  // Both promises may be awaited late; mark them handled so a failure surfaces where awaited.
  index.catch(() => {})
  files.catch(() => {})
  worker.on('message', (message: FromWorker) => (message.type === 'index' ? settleIndex(message.entries) : settleFiles(message.files)))
  worker.on('error', (error) => fail(error))
  worker.on('exit', (code) => fail(new Error(`a check worker stopped early (exit code ${code})`)))
  return {
    index,
    files,
    send: (message: ToWorker) => worker.postMessage(message),
    stop: () => worker.terminate()
  }
}
