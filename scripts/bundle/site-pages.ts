// The security page in site/: one page per document, the overview (index.html), the register of
// documents, control coverage, the changelog, the subprocessor list, search, the stylesheet and the
// logo; and the page at the bundle's root that leads to it.
// Every page is refused unless it opens with the Content-Security-Policy.
import {parse} from 'parse5'
import {coverage} from '../model/control-coverage'
import type {Config} from '../model/config-shape'
import {formatDay, plural} from '../model/dates'
import type {RegisterStanding} from '../model/register-standing'
import {UserError} from '../model/errors'
import {logoProblem, maxLogoBytes} from '../model/published-file'
import {documentPage, type PageHeading} from '../render/html'
import {siteRenderer, type SiteRenderer} from '../render/site'
import {publishable, type Attachments} from './attachments'
import type {AudienceDocuments} from './audience-documents'
import {combinedPdfName, controlAnchor, pageHref, pagePath} from './bundle-layout'
import type {DocumentControl} from './document-control'
import {relatedDocuments} from './related-documents'
import {siteLinks} from './site-links'
import {overview} from './trust-overview'
import {writeSearchIndex} from './search-index'
import {signalsDelivered, type StagedBundle} from './staging'
import type {BundleFacts} from './version'
import {contactUri} from '../model/contact-uri'
import type {Release} from '../history/releases'
import {changelogGroups} from './changelog'
import {changelogFeed, changelogFeedPath} from './changelog-feed'
import {subprocessorFeedNotices, subprocessorPagePath, type SubprocessorPage} from './subprocessor-page'
import {vendorRegisterPagePath, vendorRegisterPdfPath, type VendorRegisterSection} from './vendor-register-page'

/** What every page allows: its own stylesheet and images, nothing else; no script, no form, no base. */
export const contentSecurityPolicy = "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'"

/**
 * The search page's: the same, and the site's own scripts, which fetch the index from the site
 * and compile Pagefind's WebAssembly (its worker falls back to script-src). Only that page has it.
 */
export const searchContentSecurityPolicy = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'"

/** The one script element the search page may hold; script-src 'self' would run any other from the site. */
const searchScriptElement = {src: 'search.js', type: 'module'}

export interface SiteInputs {
  root: string
  config: Config
  facts: BundleFacts
  documents: AudienceDocuments
  /** Each document's control block, in the documents' order. */
  controls: readonly DocumentControl[]
  /** Filled as the pages link to attachments, for the copy that follows. */
  attachments: Attachments
  /** The release (tag) each first-parent commit is in, for the changelog's groups. */
  releases: ReadonlyMap<string, Release>
  /** The vendor register as coverage counts it, when the repository keeps one. */
  register?: RegisterStanding
  /** The subprocessor list and its changes; undefined without a vendors folder, and then no page. */
  subprocessors?: SubprocessorPage
  /** The internal edition's vendor register, when it holds a vendor. */
  vendorRegister?: VendorRegisterSection
}

/** Writes every page of the site, with the templates in templates/site/ (a fork's own copy wins). */
export async function renderSite(bundle: StagedBundle, inputs: SiteInputs): Promise<void> {
  const {config, documents, controls} = inputs
  const site = guardedRenderer(siteRenderer(inputs.root))
  const common = {...pageCommon(config, inputs.facts, copyLogo(bundle, inputs.root, config)), subprocessorsPage: inputs.subprocessors !== undefined, vendorRegister: inputs.vendorRegister !== undefined}
  const pages: (DocumentControl & {body: string})[] = []
  const related = relatedDocuments(documents, controls)
  const onControlsPage = new Set<string>(config.frameworks.map((framework) => (framework === 'soc2' ? 'SOC 2' : 'ISO 27001')))
  for (const [index, entry] of documents.entries.entries()) {
    const {revisions, ...control} = controls[index]!
    const {body, headings} = documentPage(entry.document.tree, siteLinks(entry.document.path, documents, inputs.attachments))
    const document = {
      ...control,
      // A control links to its row on the controls page, which lists the config's frameworks' catalog controls.
      controls: control.controls.map((entry) => ({...entry, href: onControlsPage.has(entry.framework) && entry.title ? `../controls.html#${controlAnchor(frameworkKey(entry.framework), entry.id)}` : undefined})),
      body,
      contents: pageContents(headings, related[index]!.length > 0),
      relatedDocuments: related[index]!,
      revisions
    }
    bundle.write(pagePath(entry.id), site.render('document', {...common, root: '../', pageTitle: entry.title, document}))
    pages.push(document)
    await signalsDelivered()
  }
  bundle.write('site/index.html', site.render('overview', {...common, root: '', pageTitle: 'Overview', documentCount: pages.length, overview: overview(config, documents)}))
  bundle.write('site/documents.html', site.render('documents', {...common, root: '', pageTitle: 'Security policies', documents: pages.map((page) => ({...page, page: pageHref(page.id)}))}))
  bundle.write('site/controls.html', site.render('controls', {...common, root: '', pageTitle: 'Control coverage', customerView: inputs.facts.audience === 'public', frameworks: coverageTables(config, documents, inputs.facts.audience === 'public', inputs.register)}))
  const groups = changelogGroups(documents, controls, inputs.releases, inputs.facts.version)
  const feed = {href: 'changelog.xml', title: `${common.site.name} security policy changes (Atom)`}
  bundle.write('site/changelog.html', site.render('changelog', {...common, root: '', pageTitle: 'Changes', groups, feed}))
  if (inputs.subprocessors) {
    const contents = [{id: 'current-subprocessors', text: 'Current subprocessors', children: []}, {id: 'list-changes', text: 'Changes to this list', children: []}]
    bundle.write(subprocessorPagePath, site.render('subprocessors', {...common, root: '', pageTitle: 'Subprocessors', ...inputs.subprocessors, contents, feed}))
  }
  bundle.write(
    changelogFeedPath,
    changelogFeed(
      groups,
      {siteName: common.site.name, organization: config.organization.name, audience: inputs.facts.audience, bundleDate: inputs.facts.version.date, ...(config.security_txt.url ? {url: config.security_txt.url} : {})},
      inputs.subprocessors ? subprocessorFeedNotices(inputs.subprocessors) : []
    )
  )
  if (inputs.vendorRegister) bundle.write(vendorRegisterPagePath, site.render('vendors', {...common, root: '', pageTitle: 'Vendor register', register: registerPage(inputs.vendorRegister)}))
  bundle.write('site/search.html', site.render('search', {...common, root: '', pageTitle: 'Search'}))
  bundle.write('site/search.js', site.searchScript)
  // The accent colour is set here, not in a <style> element the Content-Security-Policy would block.
  bundle.write('site/style.css', `${site.stylesheet.replace(/\n*$/, '\n')}\n/* branding.accent from charter.config.yaml */\n:root { --accent: ${config.branding.accent}; }\n`)
  // Served from the bundle's root (as GitHub Pages does), the address leads to the index.
  const name = escapeHtml(common.site.name)
  // Every page but search itself, as the pages stand; attachments are copied later and never indexed.
  await writeSearchIndex(bundle, [...bundle.written.keys()].filter((path) => /^site\/.*\.html$/.test(path) && path !== 'site/search.html'))
  bundle.write('index.html', `<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy}">\n<meta http-equiv="refresh" content="0; url=site/index.html">\n<title>${name} security</title>\n</head>\n<body>\n<p><a href="site/index.html">${name} security policies</a></p>\n</body>\n</html>\n`)
}

/** Copies every attachment a page links to into site/files/, where the links point. */
export function copyAttachments(bundle: StagedBundle, attachments: Attachments, folder: string): void {
  for (const [path, bytes] of attachments.published()) bundle.write(`site/files/${path.slice(folder.length + 1)}`, bytes)
}

/** Copies `branding.logo` when it may be published, and names it as the pages show it. */
function copyLogo(bundle: StagedBundle, root: string, config: Config): string | undefined {
  const path = config.branding.logo
  const bytes = path ? publishable(root, path, maxLogoBytes, logoProblem) : undefined
  if (!path || !bytes) return undefined
  const logo = `logo.${path.slice(path.lastIndexOf('.') + 1).toLowerCase()}`
  bundle.write(`site/${logo}`, bytes)
  return logo
}

/** What every page shows of the organization and the bundle. */
function pageCommon(config: Config, facts: BundleFacts, logo: string | undefined) {
  const {version, today, audience, pdf, errors} = facts
  const contact = config.organization.security_contact
  return {
    site: {
      name: config.branding.name ?? config.organization.short_name,
      organization: config.organization.name,
      accent: config.branding.accent,
      logo,
      securityContact: contact,
      // security.txt's own rule for the contact, so the pages link only what it would name.
      contactHref: contactLink(contact)
    },
    bundle: {...version, date: formatDay(today), audience, pdf, pdfName: combinedPdfName, errors, unofficial: version.dirty || errors > 0}
  }
}

/**
 * Each framework's controls, and the documents that cover each. Coverage counts every approved
 * document of any classification; a page links only those in this bundle, and says of the rest
 * only that an internal policy covers the control, never which.
 */
function coverageTables(config: Config, documents: AudienceDocuments, customerView: boolean, register?: RegisterStanding) {
  return config.frameworks.map((framework) => {
    const result = coverage(framework, documents.everyDocument, config, register)
    const controls = result.controls.map((entry) => {
      const published = entry.documents.filter((id) => documents.byId.has(id))
      return {
        id: entry.control.id,
        anchor: controlAnchor(framework, entry.control.id),
        title: entry.control.title,
        inScope: entry.inScope,
        justification: entry.inScope ? undefined : entry.justification,
        documents: published.map((id) => ({page: pageHref(id), title: documents.byId.get(id)!.title})),
        internalOnly: published.length === 0 && entry.documents.length > 0,
        ...(entry.register === undefined ? {} : {register: registerCell(entry.register, register!, customerView)})
      }
    })
    return {
      framework,
      name: result.name,
      inScope: result.controls.filter((entry) => entry.inScope).length,
      covered: result.controls.filter((entry) => entry.inScope && !result.gaps.includes(entry)).length,
      coveredInternally: controls.filter((entry) => entry.inScope && entry.internalOnly).length,
      gaps: result.gaps.length,
      controls
    }
  })
}

/**
 * The register beside a control's documents. Customers read what it is; the internal edition
 * also how large it is, and why it does not count when it is not current. A customer is not
 * told that reviews are late: the control then reads as the policies alone cover it.
 */
function registerCell(counted: boolean, standing: RegisterStanding, customerView: boolean): {counted: boolean; text?: string} {
  if (customerView) return counted ? {counted, text: 'our vendor register (every vendor assessed, and re-assessed on a schedule set by its risk)'} : {counted}
  if (counted) return {counted, text: `vendor register (current: ${plural(standing.vendors, 'vendor')}, ${standing.active} active)`}
  return {counted, text: `vendor register not counted, as it is not current: ${standing.reasons.join('; ')}`}
}

/** One entry of a page's "on this page" list, with the H3s under an H2 as its own list. */
interface ContentsEntry {
  id: string
  text: string
  children: {id: string; text: string}[]
}

/**
 * The "on this page" list: the body's H2s with their H3s, then the page's own sections. Their
 * ids hold a dot, which a heading's slug never does, so no heading in a document can take them.
 */
function pageContents(headings: readonly PageHeading[], related: boolean, revisions = true): ContentsEntry[] {
  const contents: ContentsEntry[] = []
  for (const {depth, id, text} of headings) {
    const parent = contents[contents.length - 1]
    if (depth === 3 && parent) parent.children.push({id, text})
    else contents.push({id, text, children: []})
  }
  if (related) contents.push({id: 'page.related', text: 'Related documents', children: []})
  if (revisions) contents.push({id: 'revision-history', text: 'Revision history', children: []})
  return contents
}

/** The vendor register's page: its facts, its tiers and vendors as contents, and its body; a vendor's text is never markup. */
function registerPage(register: VendorRegisterSection) {
  const {body, headings} = documentPage(register.tree, () => undefined)
  return {
    facts: register.facts.filter(([label]) => label !== 'Register').map(([label, value]) => ({label, value})),
    contents: pageContents(headings, false, false),
    body,
    pdf: `../${vendorRegisterPdfPath}`
  }
}

function frameworkKey(name: string): string {
  return name === 'SOC 2' ? 'soc2' : 'iso27001'
}

/**
 * Every page must open its <head> with the Content-Security-Policy, so that no script in it
 * runs, even from a fork's own template: a page that does not is refused, not published. The
 * search page's policy then allows the site's own scripts, so it may hold no script element
 * besides search.js: a template's `<script src>` naming an attachment would run there.
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
      if (page !== 'search') return html
      const scripts = scriptElements(html)
      const own = scripts.length === 1 && Object.keys(scripts[0]!).length === 2 && scripts[0]!.src === searchScriptElement.src && scripts[0]!.type === searchScriptElement.type
      if (!own) {
        throw new UserError(
          `templates/site/search.hbs: Unexpected script elements (${scripts.length}) on the search page, expected exactly <script type="module" src="search.js"></script>, the one script the site runs; remove the others from the search page and the layout`
        )
      }
      return `${html.slice(0, at)}<meta http-equiv="Content-Security-Policy" content="${searchContentSecurityPolicy}">${html.slice(at + meta.length)}`
    }
  }
}

/** Every script element on a page, HTML or SVG, as its attributes, read as a browser parses the page. */
function scriptElements(html: string): Record<string, string>[] {
  const found: Record<string, string>[] = []
  type Node = {nodeName: string; attrs?: {name: string; value: string}[]; childNodes?: Node[]; content?: Node}
  const pending: Node[] = [parse(html) as unknown as Node]
  while (pending.length > 0) {
    const node = pending.pop()!
    if (node.nodeName === 'script') found.push(Object.fromEntries((node.attrs ?? []).map((attribute) => [attribute.name, attribute.value])))
    pending.push(...(node.childNodes ?? []), ...(node.content ? [node.content] : []))
  }
  return found
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`)
}

function contactLink(contact: string): string | undefined {
  const uri = contactUri(contact)
  return 'uri' in uri ? uri.uri : undefined
}
