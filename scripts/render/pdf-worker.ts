// A worker thread of the build's PDF pool (compiled to lib/pdf-worker.cjs): it is given the
// bundle's facts once, then lays out one task at a time and answers with the PDF's bytes.
import {parentPort, workerData} from 'node:worker_threads'
import {failureOf, runPdfTask, type PdfSetup, type PdfTask} from './pdf-tasks'

const setup = workerData as PdfSetup
const elsewhere = new Set(setup.destinations)
parentPort!.on('message', async (task: PdfTask) => {
  let answer: {pdf: Uint8Array; startup: number}
  try {
    answer = await runPdfTask(task, setup, elsewhere)
  } catch (error) {
    return parentPort!.postMessage({failure: failureOf(error)})
  }
  // The bytes move to the build's thread rather than being copied again; a copy of their own
  // first, since a Buffer may share its memory with others.
  const pdf = new Uint8Array(answer.pdf)
  parentPort!.postMessage({...answer, pdf}, [pdf.buffer])
})
