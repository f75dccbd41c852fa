// Reads the vendor register: every `<id>.yaml` in the vendors folder, each read with the same
// guards as a document (no symbolic links, bounded, UTF-8), parsed as YAML with positions, and
// validated against schemas/vendor.schema.json. Problems are offsets into each file's text.
import {isAbsolute, relative, resolve} from 'node:path'
import type {Document as YamlDocument} from 'yaml'
import {validateVendor} from '../generated/validators.js'
import type {Config} from '../model/config-shape'
import {derivedTier, tierRank, vendorIdOf, type Vendor} from '../model/vendor'
import {folderProblem, listFiles, readDocumentFile} from './files'
import {plainYamlValue} from './plain-yaml'
import {notAMapping, parseYaml, schemaProblems, yamlDocument, type ParsedYaml, type Problem} from './yaml'

/** One vendor file as read: its text, YAML, the fields that passed the schema, and its problems. */
export interface VendorFile {
  path: string
  /** Undefined when the file could not be read (its problem says why). */
  text?: string
  yaml?: YamlDocument.Parsed
  /** The top-level fields no problem points into. */
  vendor: Partial<Vendor>
  problems: Problem[]
}

export interface VendorRegister {
  /** The vendors folder as set in the config. */
  folder: string
  /** Empty when the repository has no vendors folder. */
  files: VendorFile[]
  /** A vendors folder that is a symbolic link or a file: nothing in it is read. */
  folderProblem?: string
}

/** The register at `config.vendors.folder`; a repository without that folder has none. */
export function readVendorRegister(root: string, config: Pick<Config, 'vendors'>): VendorRegister {
  const {folder} = config.vendors
  const inside = relative(resolve(root), resolve(root, folder))
  // The schema refuses `..` and absolute paths already; this holds whatever the config says.
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) return {folder, files: [], folderProblem: `the vendors folder \`${folder}\` is not inside the repository; set \`vendors.folder\` in the config to a folder of the repository, such as \`vendors\``}
  const problem = folderProblem(root, folder)
  if (problem?.kind === 'missing') return {folder, files: []}
  if (problem?.kind === 'link') return {folder, files: [], folderProblem: `Unexpected symbolic link at \`${problem.at}\`, expected the vendors folder itself inside the repository; replace the link with the folder`}
  if (problem?.kind === 'not-folder') return {folder, files: [], folderProblem: `Unexpected file at \`${problem.at}\`, expected the vendors folder; move it away or set \`vendors.folder\` in the config`}
  const files = listFiles(root, folder)
    .filter((path) => /\.ya?ml$/i.test(path))
    .map((path) => readVendorFile(root, path, config))
  // Two files for one id (in two subfolders) would be two vendors answering to one name: in the
  // listing, the reminders and the history. The first in path order keeps the id.
  const first = new Map<string, string>()
  for (const file of files) {
    const id = file.vendor.id
    if (id === undefined) continue
    const earlier = first.get(id)
    if (earlier === undefined) first.set(id, file.path)
    else {
      const range = (file.yaml?.get('id', true) as {range?: [number, number, number]} | undefined)?.range
      file.problems.push({start: range?.[0] ?? 0, end: range?.[1] ?? 0, reason: `Unexpected second vendor file for id \`${id}\`, also ${earlier}; keep one file per vendor, and merge or remove this one`})
    }
  }
  return {folder, files}
}

/** One vendor file, read and judged on its own. */
export function readVendorFile(root: string, path: string, config: Pick<Config, 'vendors'>): VendorFile {
  if (!path.endsWith('.yaml')) {
    return {path, vendor: {}, problems: [{start: 0, end: 0, reason: `Unexpected vendor file name \`${fileName(path)}\`, expected \`<id>.yaml\`; rename it to \`${fileName(path).replace(/\.ya?ml$/i, '.yaml')}\``}]}
  }
  const read = readDocumentFile(root, path)
  if (!('text' in read)) return {path, vendor: {}, problems: [{start: 0, end: 0, reason: vendorWording(read.problem)}]}
  const parsed = parseVendor(path, read.text, config)
  // Not spread: that would parse `yaml`, which only a finding's position needs.
  return {
    path,
    text: read.text,
    vendor: parsed.vendor,
    problems: parsed.problems,
    get yaml() {
      return parsed.yaml
    }
  }
}

/** A vendor file as parsed: `yaml`, the parsed Document for positions, is made when first asked for. */
export interface ParsedVendor {
  readonly yaml: YamlDocument.Parsed
  vendor: Partial<Vendor>
  problems: Problem[]
}

/**
 * A vendor file's text, parsed and validated; `path` decides the id it must have. A file in the
 * plain subset of YAML register files are written in is read without building its Document.
 */
export function parseVendor(path: string, text: string, config: Pick<Config, 'vendors'>): ParsedVendor {
  const plain = plainYamlValue(text)
  let document: YamlDocument.Parsed | undefined
  const parsed: ParsedYaml =
    plain === undefined
      ? parseYaml(text)
      : {
          value: plain,
          problems: [],
          get yaml() {
            return (document ??= yamlDocument(text))
          }
        }
  const judged = judgeVendor(path, parsed, plain === undefined, config)
  return {
    ...judged,
    get yaml() {
      return parsed.yaml
    }
  }
}

function judgeVendor(path: string, parsed: ParsedYaml, mayBeOther: boolean, config: Pick<Config, 'vendors'>): Omit<ParsedVendor, 'yaml'> {
  if (parsed.problems.length > 0) return {vendor: {}, problems: parsed.problems}
  // The plain subset is always a mapping with keys; asking would build the Document.
  const shape = mayBeOther ? notAMapping(parsed, 'vendor file') : undefined
  if (shape) return {vendor: {}, problems: [shape.reason.startsWith('Unexpected empty') ? {...shape, reason: `Unexpected empty vendor file, expected keys such as \`id: ${vendorIdOf(path)}\`; \`charter vendors new "<name>"\` writes a complete one`} : shape]}
  const value = parsed.value as Record<string, unknown>
  const problems: Problem[] = []
  let vendor: Partial<Vendor>
  if (validateVendor(value)) vendor = value as unknown as Vendor
  else {
    const errors = validateVendor.errors ?? []
    problems.push(...schemaProblems(parsed, errors, {start: 0, end: 0, reason: ''}))
    vendor = validFields(value, errors.map((error) => error.instancePath))
  }
  const at = (key: string, reason: string): Problem => {
    const range = (parsed.yaml.get(key, true) as {range?: [number, number, number]} | undefined)?.range
    return {start: range?.[0] ?? 0, end: range?.[1] ?? 0, reason}
  }
  const wanted = vendorIdOf(path)
  if (vendor.id !== undefined && vendor.id !== wanted) {
    problems.push(at('id', `Unexpected id \`${vendor.id}\` in \`${fileName(path)}\`, expected the file name; rename the file to \`${vendor.id}.yaml\` or set \`id: ${wanted}\``))
  }
  if (vendor.tier !== undefined && vendor.data !== undefined && vendor.tier_justification === undefined) {
    const derived = derivedTier(vendor.data, config)
    if (tierRank(vendor.tier) > tierRank(derived)) {
      const reaching = vendor.data.filter((category) => config.vendors.data_categories[category] === derived)
      problems.push(
        at('tier', `Unexpected tier \`${vendor.tier}\` below the \`${derived}\` its data implies (${reaching.map((category) => `\`${category}\``).join(', ')}); set \`tier: ${derived}\`, or keep \`${vendor.tier}\` and record why in \`tier_justification\``)
      )
    }
  }
  return {vendor, problems}
}

/** The reader's refusals speak of documents; these are vendor files. */
function vendorWording(problem: string): string {
  return problem
    .replace('expected a document under 1 MB; split it into smaller documents or move it out of the documents folder', 'expected a vendor file under 1 MB; keep the reports themselves out of the register')
    .replace('expected Markdown text; move it out of the documents folder or give it a different extension', 'expected YAML text; move it out of the vendors folder')
    .replaceAll('documents', 'vendor files')
    .replaceAll('document', 'vendor file')
}


function fileName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1)
}

/** The top-level fields no schema error points into, so the rules can judge what is valid. */
function validFields(value: Record<string, unknown>, errorPaths: string[]): Partial<Vendor> {
  const bad = new Set(errorPaths.map((path) => path.split('/')[1]).filter((key) => key !== undefined && key !== ''))
  const fields: Record<string, unknown> = {}
  for (const [key, field] of Object.entries(value)) if (!bad.has(key) && key !== '__proto__') fields[key] = field
  return fields as Partial<Vendor>
}
