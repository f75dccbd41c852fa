// The internal edition's vendor register: every vendor by tier (critical first) with its review
// state, assurance, contracts and open findings, as one Markdown tree that both the site page
// (site/vendors.html) and the PDF section (pdf/vendor-register.pdf, and the combined PDF) draw.
// Vendor files come from pull requests: every value is text in the tree, never markup.
import type {PhrasingContent, Root, RootContent, TableCell, TableRow} from 'mdast'
import type {Config} from '../model/config-shape'
import {addDuration, formatDay, parseDay, parseDuration, plural, type Day} from '../model/dates'
import {printable} from '../model/printable-text'
import type {HtmlElement} from '../model/raw-html'
import {assuranceAge, assuranceName, openFindings, vendorReviewState, vendorTiers, type Assurance, type Vendor} from '../model/vendor'
import type {PdfDocument} from '../render/pdf'
import type {VendorRegister} from '../load/vendor-register'
import {assuranceWords, reviewWords, vendorRows, type VendorRow} from '../report/vendor-listing'

/** The page, beside the site's other top pages, and the PDF, beside the combined one. */
export const vendorRegisterPagePath = 'site/vendors.html'
export const vendorRegisterPdfPath = 'pdf/vendor-register.pdf'
/** The PDF section's id: a document id is kebab-case, so none can take this one's destinations. */
export const vendorRegisterId = 'register.vendors'
export const vendorRegisterTitle = 'Vendor register'

export interface VendorRegisterSection {
  /** Tier headings (H2), each vendor under its tier (H3), its assurance and findings (H4). */
  tree: Root
  /** What the register is, as label and value: the PDF's control block, the page's summary. */
  facts: [string, string][]
}

/** The register as of `today`, or undefined when it holds no vendor. */
export function vendorRegisterSection(register: VendorRegister, config: Pick<Config, 'vendors' | 'review'>, today: Day, commit: string): VendorRegisterSection | undefined {
  // A file that could not be read (a link, a special file) or names no id is the check's finding, not a vendor.
  const rows = vendorRows(register.files.filter((file) => file.text !== undefined && file.vendor.id !== undefined), config, today)
  if (rows.length === 0) return undefined
  const vendors = new Map(register.files.map((file) => [file.path, file.vendor]))
  const window = parseDuration(config.review.warn_window)
  const soon = window ? addDuration(today, window) : today
  const children: RootContent[] = []
  for (const tier of vendorTiers) {
    const inTier = rows.filter((row) => row.tier === tier)
    if (inTier.length === 0) continue
    children.push(heading(2, `${capital(tier)} tier (${plural(inTier.length, 'vendor')})`))
    children.push(paragraph([text(`Reviewed every ${config.vendors.review_interval[tier]}.`)]))
    children.push(
      table(
        ['Vendor', 'Status', 'Review', 'Latest assurance', 'Open findings'],
        inTier.map((row) => [[text(shown(row.name))], [text(row.status)], reviewState(row, vendors.get(row.path)!, config, today, soon), [text(shown(assuranceWords(row)))], [text(String(row.openFindings))]])
      )
    )
    for (const row of inTier) children.push(...vendorBlocks(row, vendors.get(row.path)!, config, today, soon))
  }
  const counts = vendorTiers.map((tier) => `${rows.filter((row) => row.tier === tier).length} ${tier}`).join(', ')
  const facts: [string, string][] = [
    ['Register', vendorRegisterTitle],
    ['As of', formatDay(today)],
    ['Vendors', `${rows.length} (${counts})`],
    ['Review cadence', vendorTiers.map((tier) => `${tier} ${config.vendors.review_interval[tier]}`).join(', ')],
    ['Source', `${register.folder}/ at commit ${commit.slice(0, 12)}`],
    ['Classification', 'INTERNAL']
  ]
  return {tree: {type: 'root', children}, facts}
}

/** The register as a PDF section: laid out like a document, its facts in place of a document's control block. */
export function vendorRegisterPdf(section: VendorRegisterSection): PdfDocument {
  return {
    id: vendorRegisterId,
    title: vendorRegisterTitle,
    version: '',
    status: '',
    classification: 'internal',
    owner: '',
    approvers: [],
    approvals: [],
    effective: '',
    lastReviewed: '',
    nextReview: '',
    controls: [],
    related: [],
    tree: section.tree,
    revisions: [],
    controlRows: section.facts,
    newPageAt: 3
  }
}

/** One vendor: what it is and reaches, its review, contracts, each assurance report and its open findings. */
function vendorBlocks(row: VendorRow, vendor: Partial<Vendor>, config: Pick<Config, 'vendors'>, today: Day, soon: Day): RootContent[] {
  const list = (values: readonly string[] | undefined) => (values && values.length > 0 ? values.map(shown).join(', ') : 'not recorded')
  const tierWords = row.tier === row.derivedTier ? row.tier : `${row.tier} (its data implies ${row.derivedTier}${vendor.tier_justification ? `; ${shown(vendor.tier_justification)}` : ''})`
  const facts: [string, PhrasingContent[]][] = [
    ['Id', [text(shown(row.id))]],
    ['Status', [text(row.status)]],
    ['Tier', [text(tierWords)]],
    ['Owner', [text(shown(vendor.owner ?? 'not recorded'))]],
    ['Services', [text(shown(vendor.services ?? 'not recorded'))]],
    ['Data categories', [text(list(vendor.data))]],
    ['Subprocessor', [text(row.subprocessor ? 'yes' : 'no')]],
    ['Location', [text(list(vendor.location))]],
    ['Last reviewed', [text(vendor.last_reviewed ?? 'never')]],
    ['Reviewed by', [text(shown(vendor.reviewed_by ?? 'not recorded'))]],
    ['Review state', reviewState(row, vendor, config, today, soon)],
    ['DPA signed', [text(vendor.contracts?.dpa_signed ?? 'not recorded')]],
    ['Terms reviewed', [text(vendor.contracts?.terms_reviewed ?? 'not recorded')]],
    ...(vendor.offboarded ? [['Offboarded', [text(`${vendor.offboarded.date}; data deletion ${vendor.offboarded.data_deletion_confirmed ? `confirmed ${vendor.offboarded.data_deletion_confirmed}` : 'not confirmed'}`)]] as [string, PhrasingContent[]]] : [])
  ]
  const blocks: RootContent[] = [heading(3, shown(row.name)), rowTable(facts)]
  const reports = vendor.assurance ?? []
  blocks.push(heading(4, `Assurance of ${shown(row.name)}`))
  if (reports.length === 0) blocks.push(paragraph([text('No assurance on file.')]))
  for (const assurance of reports) blocks.push(...assuranceBlocks(assurance, today))
  const open = openFindings(vendor)
  blocks.push(heading(4, `Open findings of ${shown(row.name)}`))
  if (open.length === 0) blocks.push(paragraph([text('None.')]))
  else blocks.push(table(['Finding', 'Due', 'State'], open.map(({finding}) => [[text(shown(finding.summary))], [text(finding.due)], findingState(finding.due, today)])))
  return blocks
}

function assuranceBlocks(assurance: Assurance, today: Day): RootContent[] {
  const age = assuranceAge(assurance, today)
  const period = assurance.period_start || assurance.period_end ? `${assurance.period_start ?? '?'} to ${assurance.period_end ?? '?'}` : 'not recorded'
  const facts: [string, PhrasingContent[]][] = [
    ['Type', [text(assuranceName(assurance.type))]],
    ['Period', [text(period)]],
    ['Received', [text(assurance.received ?? 'not recorded')]],
    ['Auditor', [text(shown(assurance.auditor ?? 'not recorded'))]],
    ['Age', [text(age === undefined ? 'undated' : age >= 0 ? `${plural(age, 'day')}` : `dated ${plural(-age, 'day')} ahead`)]],
    ['Opinion', [text(assurance.opinion ?? 'not recorded')]],
    ['Bridge letter', [text(assurance.bridge_letter ?? 'none')]],
    ['Exceptions noted', [text(shown(assurance.exceptions ?? 'not recorded'))]]
  ]
  const blocks: RootContent[] = [rowTable(facts, `${assuranceName(assurance.type)}${assurance.period_end ? `, period ended ${assurance.period_end}` : ''}`)]
  const cuecs = assurance.cuecs ?? []
  if (cuecs.length > 0) {
    blocks.push(
      table(
        ['Complementary user entity control', 'How we meet it'],
        cuecs.map((cuec) => [[text(shown(cuec.control))], cuec.met_by === undefined ? [strong('not yet recorded')] : [text(shown(cuec.met_by))]])
      )
    )
  }
  return blocks
}

/** `charter vendors`' words for the review, with what the check would say of it first when it is overdue or due soon. */
function reviewState(row: VendorRow, vendor: Partial<Vendor>, config: Pick<Config, 'vendors'>, today: Day, soon: Day): PhrasingContent[] {
  const words = text(reviewWords(row))
  if (row.status === 'active' && row.lastReviewed === undefined) return [strong('Overdue:'), text(' '), words]
  const state = vendorReviewState(vendor, config, today)
  if (!state || state.lastReviewed > today) return [words]
  if (state.daysLeft < 0) return [strong('Overdue:'), text(' '), words]
  if (state.due <= soon) return [strong('Due soon:'), text(' '), words]
  return [words]
}

function findingState(due: string, today: Day): PhrasingContent[] {
  const day = parseDay(due)
  if (day === undefined) return [text('no valid due date')]
  if (day < today) return [strong('Overdue'), text(` by ${plural(today - day, 'day')}`)]
  return [text(day === today ? 'due today' : `due in ${plural(day - today, 'day')}`)]
}

/**
 * A vendor file's text as one line that shows what it holds: line breaks and tabs as spaces,
 * other control characters (which could reorder or hide text) as visible `\u` escapes.
 */
function shown(value: string): string {
  return printable(value.replace(/[\r\n\t]+/g, ' ').trim())
}

const capital = (word: string) => `${word[0]!.toUpperCase()}${word.slice(1)}`
const text = (value: string): PhrasingContent => ({type: 'text', value})
const strong = (value: string): PhrasingContent => ({type: 'strong', children: [text(value)]})
const paragraph = (children: PhrasingContent[]): RootContent => ({type: 'paragraph', children})
const heading = (depth: 2 | 3 | 4, value: string): RootContent => ({type: 'heading', depth, children: [text(value)]})

/** A table whose columns are headed: the header row repeats on each PDF page it runs onto. */
function table(header: string[], rows: PhrasingContent[][][]): RootContent {
  const row = (cells: PhrasingContent[][]): TableRow => ({type: 'tableRow', children: cells.map((children): TableCell => ({type: 'tableCell', children}))})
  return {type: 'table', children: [row(header.map((label) => [text(label)])), ...rows.map(row)]}
}

/** A table whose rows are headed by their label (`<th>` in the body): each fact of a vendor or a report, with a caption when given. */
function rowTable(facts: [string, PhrasingContent[]][], caption?: string): RootContent {
  const element = (tagName: HtmlElement['tagName'], children: HtmlElement['children']): HtmlElement => ({type: 'htmlElement', tagName, properties: {}, children})
  const rows = facts.map(([label, value]) => element('tr', [element('th', [text(label)]), element('td', value)]))
  return element('table', [...(caption ? [element('caption', [text(caption)])] : []), element('tbody', rows)]) as unknown as RootContent
}
