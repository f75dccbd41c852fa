// The threads that lay out the PDFs: one worker per core, at most one per document. Tasks are
// answered in the order they were asked whichever worker finishes first, so the bundle's bytes
// never depend on timing. With one core or one document the build's own thread lays them out.
import {existsSync} from 'node:fs'
import {availableParallelism} from 'node:os'
import {join} from 'node:path'
import {Worker} from 'node:worker_threads'
import {UserError} from '../model/errors'
import {runPdfTask, type PdfAnswer, type PdfSetup, type PdfTask} from '../render/pdf-tasks'

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
  throw answer.user ? new UserError(answer.error) : new Error(answer.error)
}

function inThread(setup: PdfSetup): PdfPool {
  const elsewhere = new Set(setup.destinations)
  return {
    size: 1,
    render: async (task) => answered(await runPdfTask(task, setup, elsewhere)),
    close: async () => {}
  }
}

interface Waiting {
  task: PdfTask
  resolve(answer: {pdf: Uint8Array; startup: number}): void
  reject(error: unknown): void
}

class WorkerPool implements PdfPool {
  private readonly idle: Worker[] = []
  private readonly queue: Waiting[] = []
  private readonly busy = new Map<Worker, Waiting>()
  private readonly workers: Worker[]

  constructor(
    file: string,
    setup: PdfSetup,
    readonly size: number
  ) {
    this.workers = Array.from({length: size}, () => {
      const worker = new Worker(file, {workerData: setup})
      worker.on('message', (answer: PdfAnswer) => this.settle(worker, (waiting) => {
        try {
          waiting.resolve(answered(answer))
        } catch (error) {
          waiting.reject(error)
        }
      }))
      // A worker that dies (out of memory, a crash) fails its task; the build fails with it.
      worker.on('error', (error) => this.settle(worker, (waiting) => waiting.reject(error), true))
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
    const workers = this.workers.splice(0)
    this.idle.length = 0
    await Promise.all(workers.map((worker) => worker.terminate()))
  }

  private settle(worker: Worker, finish: (waiting: Waiting) => void, gone = false): void {
    const waiting = this.busy.get(worker)
    this.busy.delete(worker)
    if (waiting) finish(waiting)
    if (!gone && this.workers.includes(worker)) this.idle.push(worker)
    else if (gone) {
      // Nothing is left to run what waits once every worker is gone.
      const index = this.workers.indexOf(worker)
      if (index >= 0) this.workers.splice(index, 1)
      if (this.workers.length === 0) for (const queued of this.queue.splice(0)) queued.reject(new Error('no PDF worker is left to lay out the documents'))
    }
    this.next()
  }

  private next(): void {
    while (this.idle.length > 0 && this.queue.length > 0) {
      const worker = this.idle.shift()!
      const waiting = this.queue.shift()!
      this.busy.set(worker, waiting)
      worker.postMessage(waiting.task)
    }
  }
}
