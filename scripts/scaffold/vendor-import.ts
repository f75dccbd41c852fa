// `charter vendors import`: rows of a spreadsheet export turned into vendor files. Columns are
// matched to fields by header name (or `--map`); every row is judged as a vendor file would be,
// and the import is written whole, or not at all when any row has a problem.
import {Document, isSeq} from 'yaml'
import type {Config} from '../model/config-shape'
import {UserError} from '../model/errors'
import {vendorIdFrom} from '../model/vendor'
import type {CsvRow} from '../load/csv-table'
import {parseVendor} from '../load/vendor-register'
import {writeFilesAtomically} from '../write/atomic'

/** The fields a column can fill, in the order a vendor file lists them. */
export const importFields = ['id', 'name', 'website', 'owner', 'status', 'services', 'data', 'tier', 'tier_justification', 'subprocessor', 'location', 'last_reviewed', 'reviewed_by'] as const
type ImportField = (typeof importFields)[number]

// Headers seen in spreadsheets and ticket exports, by the field they mean (compared in lowercase, spaces as `_`).
const aliases: Record<string, ImportField> = {
  vendor: 'name',
  vendor_name: 'name',
  supplier: 'name',
  url: 'website',
  business_owner: 'owner',
  used_for: 'services',
  service: 'services',
  purpose: 'services',
  data_access: 'data',
  data_categories: 'data',
  risk_tier: 'tier',
  processes_customer_personal_data: 'subprocessor',
  countries: 'location',
  last_review: 'last_reviewed'
}

const listFields = new Set<ImportField>(['data', 'location'])
const requiredFields = ['owner', 'services', 'data'] as const

class ImportRefused extends UserError {}

export interface VendorImportPlan {
  /** Vendor file path → content. */
  files: Map<string, string>
  /** Every problem, one line each: `<file>:<line>: …`. */
  problems: string[]
  /** Headers no field was mapped to. */
  ignored: string[]
}

const normal = (header: string) => header.trim().toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '')

/** `--map <column>=<field>` options as header → field; a bad one is refused. */
export function parseMaps(maps: readonly string[]): Map<string, ImportField> {
  const found = new Map<string, ImportField>()
  for (const map of maps) {
    const at = map.lastIndexOf('=')
    const field = map.slice(at + 1).trim()
    if (at <= 0 || !(importFields as readonly string[]).includes(field)) {
      throw new ImportRefused(`vendors import: --map expects <column>=<field>, the field one of ${importFields.join(', ')}; got \`${map}\``)
    }
    found.set(normal(map.slice(0, at)), field as ImportField)
  }
  return found
}

export const maxImportRows = 2000

/** The vendor files the rows make, or the problems that keep them from being made. */
export function planVendorImport(csvPath: string, rows: readonly CsvRow[], maps: ReadonlyMap<string, ImportField>, config: Pick<Config, 'vendors'>, existing: ReadonlySet<string>): VendorImportPlan {
  const [header, ...body] = rows
  if (!header) throw new ImportRefused(`vendors import: ${csvPath} is empty; export the sheet with its header row`)
  // Each row becomes a file checked like any other: a sheet far beyond any company's vendor count
  // would take minutes and write that many files in one go.
  if (body.length > maxImportRows) throw new ImportRefused(`vendors import: ${csvPath} has ${body.length} rows, more than the ${maxImportRows} one import takes; split the sheet and import each part`)
  const columns = header.cells.map((cell) => {
    const key = normal(cell)
    return maps.get(key) ?? ((importFields as readonly string[]).includes(key) ? (key as ImportField) : Object.hasOwn(aliases, key) ? aliases[key] : undefined)
  })
  const ignored = header.cells.filter((_, index) => columns[index] === undefined)
  const problems: string[] = []
  columns.forEach((field, index) => {
    const first = columns.indexOf(field)
    if (field !== undefined && first !== index) problems.push(`${csvPath}:${header.line}: columns ${first + 1} (${header.cells[first]}) and ${index + 1} (${header.cells[index]}) both fill \`${field}\`; pass --map to say which one does, or remove one`)
  })
  if (!columns.includes('name')) problems.push(`${csvPath}:${header.line}: no column gives the vendor's name; name one \`name\` or \`vendor\`, or pass --map "<column>=name"`)
  if (problems.length > 0) return {files: new Map(), problems, ignored}
  const files = new Map<string, string>()
  const rowOf = new Map<string, number>()
  for (const row of body) {
    const vendor: Record<string, unknown> = {}
    const columnOf = new Map<string, number>()
    row.cells.forEach((cell, index) => {
      const field = columns[index]
      const value = cell.trim()
      if (field === undefined || value === '') return
      columnOf.set(field, index)
      vendor[field] = listFields.has(field) ? value.split(/[;,]/).map((item) => item.trim()).filter(Boolean) : field === 'subprocessor' ? yesNo(value) : value
    })
    if (row.cells.length > header.cells.length) problems.push(`${csvPath}:${row.line}: ${row.cells.length} cells, but the header has ${header.cells.length}; a cell holding a comma must be quoted`)
    const name = typeof vendor.name === 'string' ? vendor.name : undefined
    const id = typeof vendor.id === 'string' ? vendor.id : vendorIdFrom(name ?? '')
    const where = (field?: string) => {
      const index = field === undefined ? undefined : columnOf.get(field)
      return `${csvPath}:${row.line}:${index === undefined ? '' : ` column ${index + 1} (${header.cells[index]}):`}`
    }
    if (name === undefined) {
      problems.push(`${where()} no name; every row needs the vendor's name`)
      continue
    }
    if (id === '') {
      problems.push(`${where('name')} no id can be made from \`${name}\`; add an \`id\` column with a kebab-case id`)
      continue
    }
    // A sheet of vendors in use; one being evaluated says so in a status column.
    vendor.status ??= 'active'
    const ordered: Record<string, unknown> = {id, name}
    for (const field of importFields) if (field !== 'id' && field !== 'name' && vendor[field] !== undefined) ordered[field] = vendor[field]
    const path = `${config.vendors.folder}/${id}.yaml`
    if (existing.has(id)) problems.push(`${where('name')} vendor \`${id}\` is already in the register (${path}); remove the row, or pass an \`id\` column to import it under another id`)
    else if (rowOf.has(id)) problems.push(`${where('name')} vendor \`${id}\` is also on line ${rowOf.get(id)}; keep one row per vendor`)
    rowOf.set(id, row.line)
    const document = new Document(ordered)
    // Lists on one line, as the register writes them: `data: [customer-pii, payment]`.
    for (const field of listFields) {
      const node = document.get(field, true)
      if (isSeq(node)) node.flow = true
    }
    const text = document.toString({lineWidth: 0, flowCollectionPadding: false})
    const parsed = parseVendor(path, text, config)
    // A missing key is a cell to fill here, not a line to add to a file.
    const empty = requiredFields.filter((field) => ordered[field] === undefined)
    if (empty.length > 0) problems.push(`${where()} no ${empty.map((field) => `\`${field}\``).join(', ')}; every row needs ${empty.length === 1 ? 'it' : 'them'} (add the ${empty.length === 1 ? 'column' : 'columns'}, pass --map, or fill the cells)`)
    for (const problem of parsed.problems.filter((each) => !each.reason.startsWith('Missing required'))) {
      const key = keyAt(text, problem.start)
      problems.push(`${where(key)} ${problem.reason}`)
    }
    const unknown = ((ordered.data as string[] | undefined) ?? []).filter((category) => !Object.hasOwn(config.vendors.data_categories, category))
    if (unknown.length > 0) problems.push(`${where('data')} unknown data ${unknown.length === 1 ? 'category' : 'categories'} ${unknown.map((category) => `\`${category}\``).join(', ')}; use the categories under vendors.data_categories in the config (${Object.keys(config.vendors.data_categories).join(', ')})`)
    files.set(path, text)
  }
  return {files: problems.length > 0 ? new Map() : files, problems, ignored}
}

/** Writes every planned file, none over an existing one, all or none. */
export function writeVendorImport(root: string, plan: VendorImportPlan): void {
  writeFilesAtomically(root, plan.files, {expected: new Map([...plan.files.keys()].map((path) => [path, undefined]))})
}

function yesNo(value: string): boolean | string {
  const word = value.toLowerCase()
  if (['yes', 'y', 'true', '1', 'x'].includes(word)) return true
  if (['no', 'n', 'false', '0', '-'].includes(word)) return false
  return value
}

/** The top-level key whose line (or list) holds `offset` in the generated YAML. */
function keyAt(text: string, offset: number): string | undefined {
  const lines = text.slice(0, Math.max(offset, 0) + 1).split('\n')
  for (let index = lines.length - 1; index >= 0; index--) {
    const key = /^([a-z_]+):/.exec(lines[index]!)?.[1]
    if (key) return key
  }
  return undefined
}
