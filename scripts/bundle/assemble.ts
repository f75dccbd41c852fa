// Builds the versioned bundle: the security page (site/), the PDFs (pdf/) and manifest.json
// with every file's SHA-256, after the same check `charter check` runs. It is written to a
// temporary folder beside the output and renamed into place, so a failed or killed build leaves
// the previous bundle as it was, and an output folder is replaced only when charter made it.
import {createHash} from 'node:crypto'
import {existsSync, mkdirSync, renameSync, rmSync, writeFileSync} from 'node:fs'
import {dirname, join} from 'node:path'
import type {VFile} from 'vfile'
import {catalogs} from '../model/catalogs'
import {checkRepository} from '../lint/repository'
import {coverage} from '../model/control-coverage'
import {formatDay, parseDay, parseDuration} from '../model/dates'
import type {Document} from '../model/document'
import {UserError} from '../model/errors'
import type {Config} from '../load/config'
import {documentsFolder, listRepository, loadDocument} from '../load/corpus'
import {assessTrailers, describeApproval} from '../history/evidence'
import {readRegularFile} from '../load/files'
import {linkTarget} from '../model/link-target'
import {attachmentProblem, logoProblem, maxAttachmentBytes, maxLogoBytes} from '../model/published-file'
import {count, findings} from '../report/messages'
import {readHistory, type Revision} from '../history/log'
import {dueWithin, reviewState} from '../model/review-state'
import {documentHtml} from '../render/html'
import {pdfStartupSeconds, renderPdf, type PdfDocument} from '../render/pdf'
import {siteRenderer, type SiteRenderer} from '../render/site'
import {cleanStaleStaging, outputProblem, writeFault} from './output'
import {bundleVersion} from './version'

export type Audience = 'public' | 'internal'

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
}

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
}

export const combinedPdfName = 'security-policies.pdf'
/** Documents' pages and PDFs live in their own folder, so no id can name one of the site's own files. */
export const documentFolder = 'documents'

interface Entry {
  document: Document
  id: string
  title: string
  revisions: Revision[]
}

export async function buildBundle(options: BuildOptions): Promise<BuildReport> {
  const {root, config, audience, out} = options
  const problem = outputProblem(out)
  if (problem) throw problem
  const inputs = [documentsFolder, 'templates', 'charter.config.yaml', ...(config.branding.logo ? [config.branding.logo] : [])].filter((path) => existsSync(join(root, path)))
  const version = bundleVersion(root, inputs)
  const today = parseDay(new Date(version.date).toISOString().slice(0, 10))!
  // The same check as `charter check`, on the day the pages' review badges are computed for.
  const checked = checkRepository(root, {configPath: options.configPath, today})
  const {errors} = count(findings(checked.files))
  if (errors > 0 && !options.allowErrors) throw new BuildRefused(checked.files, checked.documentCount, errors)
  const {files: repositoryFiles, documentPaths} = listRepository(root)
  const history = await readHistory(root, documentsFolder)
  const all = documentPaths.map((path) => loadDocument(root, path))
  const entries: Entry[] = all
    .filter((document) => document.meta.id !== undefined && (audience === 'internal' || document.meta.classification === 'public'))
    .map((document) => ({document, id: document.meta.id!, title: document.meta.title ?? document.meta.id!, revisions: history.get(document.path) ?? []}))
    .sort((a, b) => a.title.localeCompare(b.title, 'en') || (a.id < b.id ? -1 : 1))
  const byPath = new Map(entries.map((entry) => [entry.document.path, entry]))
  const byId = new Map(entries.map((entry) => [entry.id, entry]))
  // Ids and titles of documents left out of this audience, so commit subjects cannot name them.
  const excluded = all.filter((document) => document.meta.id !== undefined && !byId.has(document.meta.id)).flatMap((document) => [document.meta.title, document.meta.id].filter((name): name is string => !!name))
  const scrub = (text: string) => excluded.reduce((result, name) => result.replace(new RegExp(escapeRegExp(name), 'gi'), '[internal document]'), text)
  const listed = new Set(repositoryFiles)

  cleanStaleStaging(out)
  const staging = `${out}.tmp-${process.pid}`
  const previous = `${out}.old-${process.pid}`
  removeQuietly(staging)
  // A signal ends the build without leaving the staging folder behind, then ends the process as it would have.
  const onSignal = (signal: NodeJS.Signals) => {
    removeSignalHandlers()
    removeQuietly(staging)
    process.kill(process.pid, signal)
  }
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP']
  const removeSignalHandlers = () => signals.forEach((signal) => process.off(signal, onSignal))
  signals.forEach((signal) => process.on(signal, onSignal))
  const written = new Map<string, Buffer>()
  const write = (path: string, content: string | Buffer) => {
    const buffer = typeof content === 'string' ? Buffer.from(content, 'utf8') : content
    mkdirSync(dirname(join(staging, path)), {recursive: true})
    writeFileSync(join(staging, path), buffer)
    written.set(path, buffer)
  }
  try {
    const htmlStarted = performance.now()
    const site = guardedRenderer(siteRenderer(root))
    const branding = config.branding
    const logoBytes = branding.logo ? publishable(root, branding.logo, maxLogoBytes, logoProblem) : undefined
    const logo = branding.logo && logoBytes ? `logo.${branding.logo.slice(branding.logo.lastIndexOf('.') + 1).toLowerCase()}` : undefined
    if (logo && logoBytes) write(`site/${logo}`, logoBytes)
    const contact = config.organization.security_contact
    const common = {
      site: {
        name: branding.name ?? config.organization.short_name,
        organization: config.organization.name,
        accent: branding.accent,
        logo,
        securityContact: contact,
        contactHref: contact.includes('@') && !contact.includes('/') ? `mailto:${contact}` : /^https:\/\//.test(contact) ? contact : undefined
      },
      bundle: {...version, date: formatDay(today), audience, pdf: options.pdf, pdfName: combinedPdfName, errors, unofficial: version.dirty || errors > 0}
    }
    // Each attachment is read once, as a regular file of an inert type; one that is not stays out.
    const attachments = new Map<string, Buffer | undefined>()
    const attachment = (target: string) => {
      if (!attachments.has(target)) attachments.set(target, publishable(root, target, maxAttachmentBytes, attachmentProblem))
      return attachments.get(target)
    }
    const resolverFor = (entry: Entry) => (url: string, image: boolean) => {
      // The page loads nothing from another host: an image elsewhere keeps only its text.
      if (/^(https?:|mailto:)/i.test(url)) return image ? undefined : url
      const link = linkTarget(entry.document.path, url, documentsFolder)
      if (link.kind === 'fragment') return `#${encodeURIComponent(link.anchor)}`
      if (link.kind !== 'path') return undefined
      const fragment = link.anchor ? `#${encodeURIComponent(link.anchor)}` : ''
      const linked = byPath.get(link.target)
      if (linked) return image ? undefined : `${encodeURIComponent(linked.id)}.html${fragment}`
      if (!listed.has(link.target) || link.target.toLowerCase().endsWith('.md') || !attachment(link.target)) return undefined
      return `../files/${link.target.slice(documentsFolder.length + 1).split('/').map(encodeURIComponent).join('/')}`
    }
    // Pages link to a document's page from the site's top folder, or from beside it.
    const pageOf = (id: string, from: 'top' | 'document' = 'top') => `${from === 'top' ? `${documentFolder}/` : ''}${id}.html`
    const warnWindow = parseDuration(config.review.warn_window)!
    const reviewOf = (document: Document) => {
      const state = reviewState(document.meta, config, today)
      if (!state) return {state: undefined, label: undefined, due: undefined}
      const label = state.daysLeft < 0 ? 'overdue' : dueWithin(state, warnWindow, today) ? 'due soon' : 'current'
      return {state: label.replace(' ', '-'), label, due: formatDay(state.due)}
    }
    const revisionRows = (entry: Entry) =>
      entry.revisions.map((revision) => ({
        date: revision.date.slice(0, 10),
        version: revision.version ?? '—',
        summary: scrub(revision.subject),
        author: revision.author.name,
        approval: describeApproval(assessTrailers(revision))
      }))
    const controlsOf = (document: Document) =>
      (['soc2', 'iso27001'] as const).flatMap((framework) =>
        (document.meta.controls?.[framework] ?? []).map((id) => ({id, framework: framework === 'soc2' ? 'SOC 2' : 'ISO 27001', title: catalogs[framework].byId.get(id)?.title ?? ''}))
      )

    const documentPage = (entry: Entry) => {
      const meta = entry.document.meta
      return {
        id: entry.id,
        title: entry.title,
        kind: meta.kind,
        version: meta.version,
        status: meta.status,
        owner: meta.owner,
        approvers: meta.approvers ?? [],
        effective: meta.effective,
        lastReviewed: meta.last_reviewed,
        classification: meta.classification,
        review: reviewOf(entry.document),
        controls: controlsOf(entry.document),
        related: (meta.related ?? []).flatMap((id) => (byId.has(id) ? [{page: pageOf(id, 'document'), title: byId.get(id)!.title}] : [])),
        body: documentHtml(entry.document.tree, resolverFor(entry)),
        revisions: revisionRows(entry)
      }
    }
    const pages: ReturnType<typeof documentPage>[] = []
    for (const entry of entries) {
      const document = documentPage(entry)
      write(`site/${documentFolder}/${entry.id}.html`, site.render('document', {...common, root: '../', pageTitle: entry.title, document}))
      pages.push(document)
      await signalsDelivered()
    }
    write('site/index.html', site.render('index', {...common, root: '', pageTitle: 'Security policies', documents: pages.map((page) => ({...page, page: pageOf(page.id)}))}))
    const metas = entries.map((entry) => entry.document.meta)
    const frameworks = config.frameworks.map((framework) => {
      const result = coverage(framework, metas, config)
      return {
        framework,
        name: result.name,
        inScope: result.controls.filter((entry) => entry.inScope).length,
        covered: result.controls.filter((entry) => entry.inScope && entry.documents.length > 0).length,
        gaps: result.gaps.length,
        controls: result.controls.map((entry) => ({
          id: entry.control.id,
          title: entry.control.title,
          inScope: entry.inScope,
          justification: entry.inScope ? undefined : entry.justification,
          documents: entry.documents.map((id) => ({page: pageOf(id), title: byId.get(id)?.title ?? id}))
        }))
      }
    })
    write('site/controls.html', site.render('controls', {...common, root: '', pageTitle: 'Control coverage', frameworks}))
    const changes = entries
      .flatMap((entry) => revisionRows(entry).map((row, index) => ({...row, title: entry.title, page: pageOf(entry.id), sort: entry.revisions[index]!.date})))
      .sort((a, b) => (a.sort < b.sort ? 1 : a.sort > b.sort ? -1 : a.title.localeCompare(b.title, 'en')))
    write('site/changelog.html', site.render('changelog', {...common, root: '', pageTitle: 'Changes', changes}))
    // The accent colour is set here, not in a <style> element the Content-Security-Policy would block.
    write('site/style.css', `${site.stylesheet.replace(/\n*$/, '\n')}\n/* branding.accent from charter.config.yaml */\n:root { --accent: ${branding.accent}; }\n`)
    // Served from the bundle's root (as GitHub Pages does), the address leads to the index.
    write('index.html', `<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy}">\n<meta http-equiv="refresh" content="0; url=site/index.html">\n<title>${escapeHtml(common.site.name)} security</title>\n</head>\n<body>\n<p><a href="site/index.html">${escapeHtml(common.site.name)} security policies</a></p>\n</body>\n</html>\n`)
    for (const [path, bytes] of [...attachments].sort(([a], [b]) => (a < b ? -1 : 1))) if (bytes) write(`site/files/${path.slice(documentsFolder.length + 1)}`, bytes)
    const htmlSeconds = (performance.now() - htmlStarted) / 1000

    const pdfStarted = performance.now()
    let pdfPages: BuildReport['pdfPages']
    if (options.pdf) {
      const pdfBundle = {organization: config.organization.name, bundleVersion: version.version, date: formatDay(today), commit: version.commit, audience, dirty: version.dirty, errors, accent: branding.accent}
      const pdfDocuments: PdfDocument[] = entries.map((entry, index) => {
        const page = pages[index]!
        return {
          id: entry.id,
          title: entry.title,
          version: page.version ?? '',
          status: page.status ?? '',
          classification: page.classification ?? '',
          owner: page.owner ?? '',
          approvers: page.approvers,
          effective: page.effective ?? '',
          lastReviewed: page.lastReviewed ?? '',
          nextReview: page.review.due ?? '—',
          controls: page.controls.map((control) => control.id),
          related: page.related.map((related) => related.title),
          tree: entry.document.tree,
          revisions: page.revisions
        }
      })
      const combined = await renderPdf(pdfDocuments, pdfBundle, {cover: true})
      write(`pdf/${combinedPdfName}`, combined)
      await signalsDelivered()
      pdfPages = {combined: pageCount(combined), all: pageCount(combined)}
      for (const document of pdfDocuments) {
        const single = await renderPdf([document], pdfBundle, {cover: false})
        write(`pdf/${documentFolder}/${document.id}.pdf`, single)
        await signalsDelivered()
        pdfPages.all += pageCount(single)
      }
    }
    const pdfSeconds = (performance.now() - pdfStarted) / 1000

    const manifest = {
      generator: 'charter',
      bundle: version.version,
      commit: version.commit,
      built: version.date,
      dirty: version.dirty,
      errors,
      audience,
      organization: config.organization.name,
      documents: entries.map((entry) => ({
        id: entry.id,
        title: entry.title,
        version: entry.document.meta.version ?? null,
        classification: entry.document.meta.classification ?? null,
        status: entry.document.meta.status ?? null,
        page: `site/${documentFolder}/${entry.id}.html`,
        pdf: options.pdf ? `pdf/${documentFolder}/${entry.id}.pdf` : null
      })),
      files: Object.fromEntries([...written.keys()].sort().map((path) => [path, sha256(written.get(path)!)]))
    }
    write('manifest.json', `${JSON.stringify(manifest, null, 2)}\n`)

    // Swap the finished bundle into place; the previous one is removed only once that worked.
    // The output folder is checked again: it may have changed while the bundle was built.
    const late = outputProblem(out)
    if (late) throw late
    if (existsSync(out)) renameSync(out, previous)
    renameSync(staging, out)
    rmSync(previous, {recursive: true, force: true})
    await signalsDelivered()
    return {version: version.version, documents: entries.length, files: written.size - 1, ...(pdfPages !== undefined ? {pdfPages} : {}), timings: {html: htmlSeconds, pdf: pdfSeconds, pdfStartup: pdfStartupSeconds}, errors}
  } catch (error) {
    removeQuietly(staging)
    // Failed between the two renames: the previous bundle goes back where it was.
    if (existsSync(previous) && !existsSync(out)) renameSync(previous, out)
    throw writeFault(error, out) ?? error
  } finally {
    removeSignalHandlers()
  }
}

/** Clean-up that must not hide the error that made it necessary. */
function removeQuietly(path: string): void {
  try {
    rmSync(path, {recursive: true, force: true})
  } catch {
    // Nothing was there, or nothing can be written there: either way nothing is left behind.
  }
}

/**
 * Lets the event loop run, so a signal that arrived meanwhile reaches its handler: rendering
 * never waits on I/O by itself, and a handler removed before it ran would drop the signal.
 */
function signalsDelivered(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve))
}

/** What every page allows: its own stylesheet and images, nothing else; no script, no form, no base. */
export const contentSecurityPolicy = "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'"

/**
 * Every page must open its <head> with the Content-Security-Policy, so that no script in it
 * runs, even from a fork's own template: a page that does not is refused, not published.
 */
function guardedRenderer(site: SiteRenderer): SiteRenderer {
  const meta = `<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy}">`
  const before = /^\s*(?:<!doctype html>\s*)?(?:<html(?:\s[^<>]*)?>\s*)?(?:<head>\s*)?(?:<meta charset="utf-8">\s*)?$/i
  return {
    ...site,
    render(page, values) {
      const html = site.render(page, values)
      const at = html.indexOf(meta)
      if (at === -1 || !before.test(html.slice(0, at))) {
        throw new UserError(`templates/site/layout.hbs: Unexpected page head, expected it to open with ${meta} (after <meta charset="utf-8">), so no script on the page runs; restore that line from Charter's layout.hbs`)
      }
      return html
    }
  }
}

/** The file's bytes when it may be published (check reports why not; the build leaves it out). */
function publishable(root: string, path: string, limit: number, problemOf: typeof attachmentProblem): Buffer | undefined {
  const read = readRegularFile(root, path, limit)
  if (!('facts' in read) || problemOf(path, read.facts)) return undefined
  return Buffer.from(read.facts.head)
}

export function sha256(content: Buffer): string {
  return createHash('sha256').update(content).digest('hex')
}

function pageCount(pdf: Buffer): number {
  return (pdf.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`)
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
