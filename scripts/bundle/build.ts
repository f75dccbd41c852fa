// Builds the versioned bundle: the security page (site/), the PDFs (pdf/) and manifest.json
// with every file's SHA-256. It is written to a temporary folder beside the output and renamed
// into place, so a failed build leaves the previous bundle as it was.
import {createHash} from 'node:crypto'
import {existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync} from 'node:fs'
import {dirname, join} from 'node:path'
import {dirname as posixDirname, join as posixJoin, normalize as posixNormalize} from 'node:path/posix'
import {catalogs} from '../catalogs'
import {coverage} from '../coverage'
import {formatDay, parseDay, parseDuration} from '../dates'
import type {Document} from '../document'
import type {Config} from '../load/config'
import {documentsFolder, listRepository, loadDocument} from '../load/corpus'
import {assessTrailers, describeApproval} from '../history/evidence'
import {readHistory, type Revision} from '../history/log'
import {dueWithin, reviewState} from '../review'
import {documentHtml} from '../render/html'
import {pdfStartupSeconds, renderPdf, type PdfDocument} from '../render/pdf'
import {siteRenderer} from '../render/site'
import {bundleVersion} from './version'

export type Audience = 'public' | 'internal'

export interface BuildOptions {
  root: string
  out: string
  audience: Audience
  pdf: boolean
  config: Config
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
}

export const combinedPdfName = 'security-policies.pdf'

interface Entry {
  document: Document
  id: string
  title: string
  revisions: Revision[]
}

export async function buildBundle(options: BuildOptions): Promise<BuildReport> {
  const {root, config, audience} = options
  const inputs = [documentsFolder, 'templates', 'charter.config.yaml', ...(config.branding.logo ? [config.branding.logo] : [])].filter((path) => existsSync(join(root, path)))
  const version = bundleVersion(root, inputs)
  const today = parseDay(new Date(version.date).toISOString().slice(0, 10))!
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

  const staging = `${options.out}.tmp-${process.pid}`
  rmSync(staging, {recursive: true, force: true})
  const written = new Map<string, Buffer>()
  const write = (path: string, content: string | Buffer) => {
    const buffer = typeof content === 'string' ? Buffer.from(content, 'utf8') : content
    mkdirSync(dirname(join(staging, path)), {recursive: true})
    writeFileSync(join(staging, path), buffer)
    written.set(path, buffer)
  }
  try {
    const htmlStarted = performance.now()
    const site = siteRenderer(root)
    const branding = config.branding
    const logo = branding.logo ? `logo${branding.logo.slice(branding.logo.lastIndexOf('.'))}` : undefined
    if (branding.logo && logo) write(`site/${logo}`, readFileSync(join(root, branding.logo)))
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
      bundle: {...version, date: formatDay(today), audience, pdf: options.pdf, pdfName: combinedPdfName}
    }
    const attachments = new Set<string>()
    const resolverFor = (entry: Entry) => (url: string) => {
      if (/^(https?:|mailto:)/i.test(url)) return url
      if (url.startsWith('#')) return url
      if (/^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith('/')) return undefined
      const [rawPath = '', anchor] = url.split('#')
      const target = posixNormalize(posixJoin(posixDirname(entry.document.path), decodeURIComponent(rawPath)))
      const linked = byPath.get(target)
      if (linked) return `${linked.id}.html${anchor ? `#${anchor}` : ''}`
      if (repositoryFiles.includes(target) && !target.toLowerCase().endsWith('.md')) {
        attachments.add(target)
        return `files/${target.slice(documentsFolder.length + 1)}`
      }
      return undefined
    }
    const pageOf = (id: string) => `${id}.html`
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

    const pages = entries.map((entry) => {
      const meta = entry.document.meta
      const document = {
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
        related: (meta.related ?? []).flatMap((id) => (byId.has(id) ? [{page: pageOf(id), title: byId.get(id)!.title}] : [])),
        body: documentHtml(entry.document.tree, resolverFor(entry)),
        revisions: revisionRows(entry)
      }
      write(`site/${entry.id}.html`, site.render('document', {...common, pageTitle: entry.title, document}))
      return document
    })
    write('site/index.html', site.render('index', {...common, pageTitle: 'Security policies', documents: pages.map((page) => ({...page, page: pageOf(page.id)}))}))
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
    write('site/controls.html', site.render('controls', {...common, pageTitle: 'Control coverage', frameworks}))
    const changes = entries
      .flatMap((entry) => revisionRows(entry).map((row, index) => ({...row, title: entry.title, page: pageOf(entry.id), sort: entry.revisions[index]!.date})))
      .sort((a, b) => (a.sort < b.sort ? 1 : a.sort > b.sort ? -1 : a.title.localeCompare(b.title, 'en')))
    write('site/changelog.html', site.render('changelog', {...common, pageTitle: 'Changes', changes}))
    write('site/style.css', site.stylesheet)
    // Served from the bundle's root (as GitHub Pages does), the address leads to the index.
    write('index.html', `<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<meta http-equiv="refresh" content="0; url=site/index.html">\n<title>${escapeHtml(common.site.name)} security</title>\n</head>\n<body>\n<p><a href="site/index.html">${escapeHtml(common.site.name)} security policies</a></p>\n</body>\n</html>\n`)
    for (const path of [...attachments].sort()) write(`site/files/${path.slice(documentsFolder.length + 1)}`, readFileSync(join(root, path)))
    const htmlSeconds = (performance.now() - htmlStarted) / 1000

    const pdfStarted = performance.now()
    let pdfPages: BuildReport['pdfPages']
    if (options.pdf) {
      const pdfBundle = {organization: config.organization.name, bundleVersion: version.version, date: formatDay(today), commit: version.commit, audience, dirty: version.dirty, accent: branding.accent}
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
      pdfPages = {combined: pageCount(combined), all: pageCount(combined)}
      for (const document of pdfDocuments) {
        const single = await renderPdf([document], pdfBundle, {cover: false})
        write(`pdf/${document.id}.pdf`, single)
        pdfPages.all += pageCount(single)
      }
    }
    const pdfSeconds = (performance.now() - pdfStarted) / 1000

    const manifest = {
      bundle: version.version,
      commit: version.commit,
      built: version.date,
      dirty: version.dirty,
      audience,
      organization: config.organization.name,
      documents: entries.map((entry) => ({
        id: entry.id,
        title: entry.title,
        version: entry.document.meta.version ?? null,
        classification: entry.document.meta.classification ?? null,
        status: entry.document.meta.status ?? null,
        page: `site/${entry.id}.html`,
        pdf: options.pdf ? `pdf/${entry.id}.pdf` : null
      })),
      files: Object.fromEntries([...written.keys()].sort().map((path) => [path, sha256(written.get(path)!)]))
    }
    write('manifest.json', `${JSON.stringify(manifest, null, 2)}\n`)

    // Swap the finished bundle into place; the previous one is removed only once that worked.
    const previous = `${options.out}.old-${process.pid}`
    if (existsSync(options.out)) renameSync(options.out, previous)
    renameSync(staging, options.out)
    rmSync(previous, {recursive: true, force: true})
    return {version: version.version, documents: entries.length, files: written.size - 1, ...(pdfPages !== undefined ? {pdfPages} : {}), timings: {html: htmlSeconds, pdf: pdfSeconds, pdfStartup: pdfStartupSeconds}}
  } catch (error) {
    rmSync(staging, {recursive: true, force: true})
    throw error
  }
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
