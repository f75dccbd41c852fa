// The threads that lay out the PDFs: one worker per core, at most one per document. Tasks are
// answered in the order they were asked whichever worker finishes first, so the bundle's bytes
// never depend on timing. With one core or one document the build's own thread lays them out.
import {existsSync} from 'node:fs'
import {availableParallelism} from 'node:os'
import {join} from 'node:path'
import {Worker} from 'node:worker_threads'
import {errorOf, runPdfTask, type PdfAnswer, type PdfSetup, type PdfTask} from '../render/pdf-tasks'

export interface PdfPool {
  /** How many tasks run at once. */
  readonly size: number
  render(task: PdfTask): Promise<{pdf: Uint8Array; startup: number}>
  close(): Promise<void>
}

/** The compiled worker: beside the compiled program, or in lib/ when the source runs (the tests). */
function workerFile(): string | undefined {
  return [join(__dirname, 'pdf-worker.cjs'), join(__dirname, '..', '..', 'lib', 'pdf-worker.cjs')].find((path) => existsSync(path))
}

/** A pool for `tasks` tasks; `threads` overrides the core count (the bench compares one with two). */
export function startPdfPool(setup: PdfSetup, tasks: number, threads = availableParallelism()): PdfPool {
  const size = Math.max(1, Math.min(threads, tasks))
  const file = size > 1 ? workerFile() : undefined
  return file ? new WorkerPool(file, setup, size) : inThread(setup)
}

function answered(answer: PdfAnswer): {pdf: Uint8Array; startup: number} {
  if ('pdf' in answer) return answer
  throw errorOf(answer.failure)
}

function inThread(setup: PdfSetup): PdfPool {
  const elsewhere = new Set(setup.destinations)
  return {
    size: 1,
    render: (task) => runPdfTask(task, setup, elsewhere),
    close: async () => {}
  }
}

interface Waiting {
  task: PdfTask
  resolve(answer: {pdf: Uint8Array; startup: number}): void
  reject(error: unknown): void
}

/**
 * Each thread's heap, in MB: a document's layout needs far less, and a capped heap is collected
 * before it grows, which keeps a 500-document build inside its memory budget (BENCHMARKS.md). A
 * document that needs more is laid out again on the build's own thread, which has no cap.
 * CHARTER_PDF_THREAD_HEAP_MB sets it (the tests make it tiny to take that way).
 */
function threadHeap(): number {
  const asked = Number(process.env.CHARTER_PDF_THREAD_HEAP_MB)
  return Number.isInteger(asked) && asked > 0 ? asked : 64
}

class WorkerPool implements PdfPool {
  private readonly idle: Worker[] = []
  private readonly queue: Waiting[] = []
  private readonly busy = new Map<Worker, Waiting>()
  private readonly workers: Worker[]
  private ownThread: PdfPool | undefined
  /** Once closed, a worker's end settles nothing and nothing more is laid out. */
  private closed = false

  constructor(
    file: string,
    private readonly setup: PdfSetup,
    readonly size: number
  ) {
    const heap = threadHeap()
    this.workers = Array.from({length: size}, () => {
      const worker = new Worker(file, {workerData: setup, resourceLimits: {maxOldGenerationSizeMb: heap}})
      worker.on('message', (answer: PdfAnswer) => this.settle(worker, (waiting) => {
        try {
          waiting.resolve(answered(answer))
        } catch (error) {
          waiting.reject(error)
        }
      }))
      // A worker whose heap ran out leaves its task to this thread; one that crashed otherwise
      // fails its task, and the build fails with it.
      worker.on('error', (error) =>
        this.settle(worker, (waiting) => ((error as {code?: string}).code === 'ERR_WORKER_OUT_OF_MEMORY' ? this.renderHere(waiting) : waiting.reject(error)), true)
      )
      // An answer that can't be read back would leave its task waiting for ever.
      worker.on('messageerror', (error) => this.settle(worker, (waiting) => waiting.reject(error), true))
      worker.on('exit', (code) => this.settle(worker, (waiting) => waiting.reject(new Error(`a PDF worker stopped (exit code ${code})`)), true))
      this.idle.push(worker)
      return worker
    })
  }

  render(task: PdfTask): Promise<{pdf: Uint8Array; startup: number}> {
    return new Promise((resolve, reject) => {
      this.queue.push({task, resolve, reject})
      this.next()
    })
  }

  async close(): Promise<void> {
    this.closed = true
    const workers = this.workers.splice(0)
    this.idle.length = 0
    await Promise.all(workers.map((worker) => worker.terminate()))
  }

  private settle(worker: Worker, finish: (waiting: Waiting) => void, gone = false): void {
    if (this.closed) return
    const waiting = this.busy.get(worker)
    this.busy.delete(worker)
    if (waiting) finish(waiting)
    if (!gone && this.workers.includes(worker)) this.idle.push(worker)
    else if (gone) {
      // A worker that is gone takes no more tasks, whether it died at work or idle.
      for (const list of [this.workers, this.idle]) {
        const index = list.indexOf(worker)
        if (index >= 0) list.splice(index, 1)
      }
    }
    this.next()
  }

  /** Lays out a task on the build's own thread, one at a time, in the order asked. */
  private renderHere(waiting: Waiting): void {
    this.ownThread ??= inThread(this.setup)
    const {render} = this.ownThread
    this.here = this.here.then(() => render(waiting.task).then(waiting.resolve, waiting.reject))
  }

  private here: Promise<void> = Promise.resolve()

  private next(): void {
    if (this.closed) return
    // Once every worker is gone, this thread lays out what waits.
    if (this.workers.length === 0) for (const queued of this.queue.splice(0)) this.renderHere(queued)
    while (this.idle.length > 0 && this.queue.length > 0) {
      const worker = this.idle.shift()!
      const waiting = this.queue.shift()!
      this.busy.set(worker, waiting)
      worker.postMessage(waiting.task)
    }
  }
}
