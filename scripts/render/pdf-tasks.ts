// What a PDF worker is asked to lay out, and the answer: one document's own PDF, or the cover and
// contents of the combined PDF. The same function runs in a worker thread and, with one core, in
// the build's own thread, so the bytes never depend on where they were made.
import {UsageError, UserError} from '../model/errors'
import {pdfStartupSeconds, renderFrontPdf, renderPdf, type PdfBundle, type PdfContentsEntry, type PdfDocument, type PdfLinkTarget} from './pdf'

/** What every task of one build shares, sent once to each worker. */
export interface PdfSetup {
  bundle: PdfBundle
  /** Every named destination of the bundle's documents, so a link to another document's heading opens its PDF. */
  destinations: string[]
}

/** A document without its link resolver (a function cannot cross to a thread): its relative links, resolved. */
export type PdfDocumentTask = Omit<PdfDocument, 'resolveLink'> & {links: [string, PdfLinkTarget][]}

export type PdfTask = {kind: 'document'; document: PdfDocumentTask} | {kind: 'front'; entries: PdfContentsEntry[]; landings: [string, number][]}

export type PdfAnswer = {pdf: Uint8Array; startup: number} | {failure: PdfFailure}

/** An error as it crosses from a worker: what the build's thread needs to report it as it would its own. */
export interface PdfFailure {
  message: string
  /** The exit status of a UserError (1, or 2 for a UsageError); absent for any other error. */
  exitCode?: number
  /** A file system error's code and path, which the report turns into one line with advice. */
  code?: string
  path?: string
  stack?: string
}

export function failureOf(error: unknown): PdfFailure {
  const {message, stack, code, path} = (error instanceof Error ? error : new Error(String(error))) as NodeJS.ErrnoException
  return {message, stack, ...(error instanceof UserError ? {exitCode: error.exitCode} : {}), ...(code ? {code} : {}), ...(path ? {path} : {})}
}

export function errorOf(failure: PdfFailure): Error {
  const error: Error & Partial<NodeJS.ErrnoException> =
    failure.exitCode === undefined ? new Error(failure.message) : failure.exitCode === 2 ? new UsageError(failure.message) : new UserError(failure.message)
  if (failure.code) error.code = failure.code
  if (failure.path) error.path = failure.path
  if (failure.stack) error.stack = failure.stack
  return error
}

/** Lays out one task; in a worker, the caller sends a failure back as an answer, so a worker never dies of one. */
export async function runPdfTask(task: PdfTask, setup: PdfSetup, elsewhere: ReadonlySet<string>): Promise<{pdf: Uint8Array; startup: number}> {
  // A Buffer crosses to a thread as a plain Uint8Array; the cover wants the Buffer back.
  const logo = setup.bundle.logo ? {...setup.bundle.logo, bytes: Buffer.from(setup.bundle.logo.bytes)} : undefined
  const bundle = {...setup.bundle, ...(logo ? {logo} : {})}
  if (task.kind === 'front') {
    const landings = new Map(task.landings)
    const {pdf} = await renderFrontPdf(task.entries, bundle, (destination) => landings.get(destination))
    return {pdf, startup: pdfStartupSeconds}
  }
  const links = new Map(task.document.links)
  const document: PdfDocument = {...task.document, resolveLink: (url) => links.get(url)}
  const pdf = await renderPdf([document], bundle, {elsewhere})
  return {pdf, startup: pdfStartupSeconds}
}
