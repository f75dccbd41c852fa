// Builds the versioned bundle: the security page (site/), the PDFs (pdf/), security.txt
// (.well-known/) and manifest.json with every file's SHA-256, after the same check `charter check` runs. It is written to a
// temporary folder beside the output and renamed into place, so a failed or killed build leaves
// the previous bundle as it was, and an output folder is replaced only when charter made it.
import {existsSync} from 'node:fs'
import {join} from 'node:path'
import type {VFile} from 'vfile'
import {checkRepository} from '../lint/repository'
import {parseDay, type Day} from '../model/dates'
import {UserError} from '../model/errors'
import {registerStanding, type RegisterStanding} from '../model/register-standing'
import type {Config} from '../load/config'
import {readVendorRegister, type VendorRegister} from '../load/vendor-register'
import {count, findings} from '../report/messages'
import {gitHubEvidence, type GitHubEvidence} from '../history/pull-request-evidence'
import {releasesOf} from '../history/releases'
import {pdfDestinations, type PdfBundle, type PdfDocument} from '../render/pdf'
import {Attachments} from './attachments'
import {gatherDocuments, type Audience, type AudienceDocuments} from './audience-documents'
import {combinedPdfName, pagePath, pdfPath} from './bundle-layout'
import {documentControls, type DocumentControl} from './document-control'
import {outputProblem} from './output'
import {changelogFeedPath} from './changelog-feed'
import {CombinedPdf} from './combined-pdf'
import {pdfBundle, pdfDocument, pdfDocumentTask} from './pdf-inputs'
import {startPdfPool} from './pdf-pool'
import {securityTxt, securityTxtPath} from './security-txt'
import {copyAttachments, renderSite} from './site-pages'
import {subprocessorPage} from './subprocessor-page'
import {signalsDelivered, stageAndSwap, type StagedBundle} from './staging'
import {bundleVersion, type BundleFacts, type BundleVersion} from './version'
import {vendorRegisterPdf, vendorRegisterPdfPath, vendorRegisterSection, type VendorRegisterSection} from './vendor-register-page'

export type {Audience} from './audience-documents'
export {combinedPdfName, documentFolder} from './bundle-layout'

export interface BuildOptions {
  root: string
  out: string
  audience: Audience
  pdf: boolean
  config: Config
  /** The config file, relative to the root, for the check that runs first. */
  configPath: string
  /** Build even when the check finds errors, marking every page and PDF unofficial. */
  allowErrors?: boolean
  /** With `--github`: makes the client that gives the pull requests' approvals and titles. */
  connect?: () => GitHub
  /** Threads laying out the PDFs; the cores available when not given. */
  pdfThreads?: number
}

type GitHub = Parameters<typeof gitHubEvidence>[0]

/** The check found errors and the build was not allowed to go on: nothing was written. */
export class BuildRefused extends UserError {
  constructor(
    readonly files: VFile[],
    readonly documentCount: number,
    readonly errors: number
  ) {
    super(`charter check finds ${errors} error${errors === 1 ? '' : 's'}`)
  }
}

export interface BuildReport {
  version: string
  documents: number
  /** Files listed in the manifest (the manifest itself not counted). */
  files: number
  /** Pages in the combined PDF, and in every PDF written. */
  pdfPages?: {combined: number; all: number}
  /** Seconds; pdfStartup is the part of pdf spent loading pdfmake and its fonts. */
  timings: {html: number; pdf: number; pdfStartup: number}
  /** Errors the check found, built anyway with --allow-errors. */
  errors: number
  /** With `--github`, when GitHub could not answer: why, and for how many changes. */
  unavailable?: {reason: string; missing: number}
}

/** Checks, gathers the audience's documents, then writes pages, attachments, PDFs and the manifest into a staging folder that replaces `out`. */
export async function buildBundle(options: BuildOptions): Promise<BuildReport> {
  const {root, config, audience, out, pdf} = options
  const problem = outputProblem(out)
  if (problem) throw problem
  const {version, today} = versionAndDay(root, config)
  const {errors, vendors} = checkFirst(options, today)
  const facts: BundleFacts = {version, today, audience, pdf, errors}
  // Its git runs while the documents' history is read; a failure is reported where it is awaited.
  const subprocessorsRead = subprocessorPage(root, config, vendors)
  subprocessorsRead.catch(() => {})
  const documents = await gatherDocuments(root, audience, config)
  const github = options.connect ? await pullRequestFacts(options.connect, documents) : undefined
  const controls = documentControls(documents, config, today, {audience, ...(github ? {github: github.evidence} : {})})
  const releases = releasesOf(root)
  const subprocessors = await subprocessorsRead
  const register = vendors?.() ?? readVendorRegister(root, config)
  // The register's page and PDF section are the internal edition's alone: the public one never shows a vendor's tier, findings or reports.
  const registerSection = audience === 'internal' ? vendorRegisterSection(register, config, today, version.commit) : undefined
  return stageAndSwap(out, async (bundle) => {
    const htmlStarted = performance.now()
    const attachments = new Attachments(root)
    await renderSite(bundle, {root, config, facts, documents, controls, attachments, releases, ...registerStandingOf(register, config, today), ...(subprocessors ? {subprocessors} : {}), ...(registerSection ? {vendorRegister: registerSection} : {})})
    copyAttachments(bundle, attachments, config.documents)
    // At the bundle's root, which the publish workflow serves as the site's root.
    const securityFile = securityTxt(config, version.date)
    if (securityFile !== undefined) bundle.write(securityTxtPath, securityFile)
    const pdfStarted = performance.now()
    const pdfs = pdf ? await renderPdfs(bundle, documents, controls, config, pdfBundle(root, config, facts), options.pdfThreads, registerSection) : undefined
    const pdfPages = pdfs?.pages
    const pdfEnded = performance.now()
    writeManifest(bundle, config, facts, documents)
    const timings = {html: (pdfStarted - htmlStarted) / 1000, pdf: (pdfEnded - pdfStarted) / 1000, pdfStartup: pdfs?.startup ?? 0}
    return {version: version.version, documents: documents.entries.length, files: bundle.written.size - 1, ...(pdfPages !== undefined ? {pdfPages} : {}), timings, errors, ...(github?.unavailable ? {unavailable: github.unavailable} : {})}
  })
}

/** The vendor register as the controls page counts it; nothing when the repository keeps none, so such a bundle is as before. */
function registerStandingOf(register: VendorRegister, config: Config, today: Day): {register?: RegisterStanding} {
  return register.files.length > 0 || register.folderProblem ? {register: registerStanding(register, config, today)} : {}
}

/** The published revisions' pull requests on GitHub: their approvals and titles, and what could not be asked. */
async function pullRequestFacts(connect: () => GitHub, documents: AudienceDocuments): Promise<{evidence: GitHubEvidence; unavailable?: BuildReport['unavailable']}> {
  // Revisions from before Charter were never pull requests to this repository.
  const revisions = documents.entries.flatMap((entry) => entry.revisions.filter((revision) => !revision.beforeCharter))
  const evidence = await gitHubEvidence(connect(), revisions)
  if (!evidence.unavailable) return {evidence}
  const missing = new Set(revisions.filter((revision) => !evidence.byCommit.has(revision.commit)).map((revision) => revision.commit)).size
  return {evidence, unavailable: {reason: evidence.unavailable, missing}}
}

/** The bundle's version from the commit, and the commit's day, which the build is made for. */
function versionAndDay(root: string, config: Config): {version: BundleVersion; today: Day} {
  const inputs = [config.documents, config.vendors.folder, 'templates', 'charter.config.yaml', ...(config.branding.logo ? [config.branding.logo] : [])].filter((path) => existsSync(join(root, path)))
  const version = bundleVersion(root, inputs)
  return {version, today: parseDay(new Date(version.date).toISOString().slice(0, 10))!}
}

/** The same check as `charter check`, on the day the pages' review badges are computed for; refuses on errors unless allowed. */
function checkFirst(options: BuildOptions, today: Day): {errors: number; vendors?: () => VendorRegister} {
  const checked = checkRepository(options.root, {configPath: options.configPath, today})
  const {errors} = count(findings(checked.files))
  if (errors > 0 && !options.allowErrors) throw new BuildRefused(checked.files, checked.documentCount, errors)
  return {errors, ...(checked.vendors ? {vendors: checked.vendors} : {})}
}

/** The audience's documents as the PDFs lay them out, written as `writePdfs` writes them. */
async function renderPdfs(bundle: StagedBundle, documents: AudienceDocuments, controls: readonly DocumentControl[], config: Config, facts: PdfBundle, threads?: number, register?: VendorRegisterSection): Promise<{pages: {combined: number; all: number}; startup: number}> {
  const pdfDocuments = [...documents.entries.map((entry, index) => pdfDocument(controls[index]!, entry, documents, config)), ...(register ? [vendorRegisterPdf(register)] : [])]
  const paths = [...documents.entries.map((entry) => pdfPath(entry.id)), ...(register ? [vendorRegisterPdfPath] : [])]
  return writePdfs(bundle, pdfDocuments, facts, threads, paths)
}

/**
 * Lays out each document's own PDF once, on every core, and writes it; the combined PDF is put
 * together from those PDFs as they come, in the bundle's order, then the cover and contents go in
 * front, numbered from where each document and section landed. The vendor register, when the
 * edition has one, is laid out the same way and follows the documents, as an appendix: the
 * vendor management policy says what is required, the register shows it done.
 */
export async function writePdfs(bundle: StagedBundle, pdfDocuments: readonly PdfDocument[], facts: PdfBundle, threads?: number, paths: readonly string[] = pdfDocuments.map((document) => pdfPath(document.id))): Promise<{pages: {combined: number; all: number}; startup: number}> {
  const outlines = pdfDocuments.map(pdfDestinations)
  const pool = startPdfPool({bundle: facts, destinations: outlines.flatMap((outline) => outline.destinations)}, pdfDocuments.length, threads)
  const file = bundle.open(`pdf/${combinedPdfName}`)
  let startup = 0
  try {
    const combined = new CombinedPdf(file)
    // A few documents are asked ahead of the one being put in, so no worker waits, and not
    // every document's PDF is held at once.
    const ahead = pool.size * 2
    const asked: (Promise<{pdf: Uint8Array; startup: number}> | undefined)[] = []
    let all = 0
    for (let index = 0; index < pdfDocuments.length; index++) {
      for (let next = index; next < Math.min(pdfDocuments.length, index + ahead); next++) {
        if (asked[next]) continue
        asked[next] = pool.render({kind: 'document', document: pdfDocumentTask(pdfDocuments[next]!)})
        // Awaited in its turn; until then, a failure ahead (or the pool's closing after another
        // failure) must not end the program as an unhandled rejection before the first is reported.
        asked[next]!.catch(() => undefined)
      }
      const single = await asked[index]!
      asked[index] = undefined
      startup = Math.max(startup, single.startup)
      bundle.write(paths[index]!, Buffer.from(single.pdf.buffer, single.pdf.byteOffset, single.pdf.byteLength))
      all += (await combined.add(single.pdf)).pages
      await signalsDelivered()
    }
    const front = await pool.render({kind: 'front', entries: outlines.map((outline) => outline.entry), landings: [...combined.landings]})
    startup = Math.max(startup, front.startup)
    const {pages} = await combined.finish(front.pdf)
    return {pages: {combined: pages, all: all + pages}, startup}
  } finally {
    file.close()
    await pool.close()
  }
}

/** Writes manifest.json: the bundle's version and commit, its documents, and every file written so far with its SHA-256. */
function writeManifest(bundle: StagedBundle, config: Config, facts: BundleFacts, documents: AudienceDocuments): void {
  const {version, audience, pdf, errors} = facts
  const manifest = {
    generator: 'charter',
    bundle: version.version,
    commit: version.commit,
    built: version.date,
    dirty: version.dirty,
    errors,
    audience,
    organization: config.organization.name,
    // The changelog's Atom feed, for a reader who subscribes to the bundle's changes.
    feed: changelogFeedPath,
    documents: documents.entries.map((entry) => ({
      id: entry.id,
      title: entry.title,
      version: entry.document.meta.version ?? null,
      classification: entry.document.meta.classification ?? null,
      status: entry.document.meta.status ?? null,
      page: pagePath(entry.id),
      pdf: pdf ? pdfPath(entry.id) : null
    })),
    files: Object.fromEntries([...bundle.written.keys()].sort().map((path) => [path, bundle.written.get(path)!]))
  }
  bundle.write('manifest.json', `${JSON.stringify(manifest, null, 2)}\n`)
}


