// Reads the acknowledgement ledger: every `acknowledgements/<login>.yaml`, each with the same
// guards as a document (no symbolic links, bounded, UTF-8), parsed as YAML with positions and
// validated against schemas/acknowledgement.schema.json. Problems are offsets into each file.
import type {ErrorObject} from 'ajv'
import type {Document as YamlDocument, Node} from 'yaml'
import {validateAcknowledgements} from '../generated/validators.js'
import {acknowledgementsFolder, loginPattern, type Acknowledgement} from '../model/acknowledgement'
import {folderProblem, listFiles, readDocumentFile} from './files'
import {notAMapping, parseYaml, schemaProblems, type ParsedYaml, type Problem} from './yaml'

/** One person's file as read: its login (from the file name), its valid entries and its problems. */
export interface AcknowledgementFile {
  path: string
  /** Undefined when the file name is not `<login>.yaml`. */
  login?: string
  /** Undefined when the file could not be read (its problem says why). */
  text?: string
  yaml?: YamlDocument.Parsed
  /** The entries no problem points into, in file order. */
  entries: Acknowledgement[]
  /** Where each of `entries` starts in `text`, by index in `entries`. */
  offsets: number[]
  problems: Problem[]
}

export interface AcknowledgementLedger {
  /** Empty when the repository has no acknowledgements folder. */
  files: AcknowledgementFile[]
  /** A folder that is a symbolic link or a file: nothing in it is read. */
  folderProblem?: string
}

/** The ledger at `acknowledgements/`; a repository without that folder has none. */
export function readAcknowledgementLedger(root: string): AcknowledgementLedger {
  const problem = folderProblem(root, acknowledgementsFolder)
  if (problem?.kind === 'missing') return {files: []}
  if (problem?.kind === 'link') return {files: [], folderProblem: `Unexpected symbolic link at \`${problem.at}\`, expected the acknowledgements folder itself inside the repository; replace the link with the folder`}
  if (problem?.kind === 'not-folder') return {files: [], folderProblem: `Unexpected file at \`${problem.at}\`, expected the acknowledgements folder; move it away`}
  return {files: listFiles(root, acknowledgementsFolder).map((path) => readAcknowledgementFile(root, path))}
}

/** One person's file, read and judged on its own. */
export function readAcknowledgementFile(root: string, path: string): AcknowledgementFile {
  const name = path.slice(acknowledgementsFolder.length + 1)
  const login = name.endsWith('.yaml') ? name.slice(0, -'.yaml'.length) : undefined
  if (login === undefined || !loginPattern.test(login)) {
    const reason = name.includes('/')
      ? `Unexpected folder in \`${acknowledgementsFolder}/\`, expected only \`<login>.yaml\` files; move \`${name}\` to \`${acknowledgementsFolder}/${name.slice(name.lastIndexOf('/') + 1)}\` or remove it`
      : `Unexpected file name \`${name}\`, expected \`<login>.yaml\` with the login from people.yaml (lowercase letters, digits and \`-\`); rename it`
    return {path, entries: [], offsets: [], problems: [{start: 0, end: 0, reason}]}
  }
  const read = readDocumentFile(root, path)
  if (!('text' in read)) return {path, login, entries: [], offsets: [], problems: [{start: 0, end: 0, reason: ledgerWording(read.problem)}]}
  return {path, login, text: read.text, ...parseAcknowledgements(read.text)}
}

/** A ledger file's text, parsed and validated: the valid entries, with where each starts. */
export function parseAcknowledgements(text: string): {yaml: YamlDocument.Parsed; entries: Acknowledgement[]; offsets: number[]; problems: Problem[]} {
  const parsed = parseYaml(text)
  if (parsed.problems.length > 0) return {yaml: parsed.yaml, entries: [], offsets: [], problems: parsed.problems}
  const shape = notAMapping(parsed, 'acknowledgements file')
  if (shape) {
    const reason = shape.reason.startsWith('Unexpected empty') ? 'Unexpected empty acknowledgements file, expected `acknowledgements:` with a list of entries; `charter acknowledge <id>` writes them' : shape.reason
    return {yaml: parsed.yaml, entries: [], offsets: [], problems: [{...shape, reason}]}
  }
  const value = parsed.value as {acknowledgements?: unknown}
  const problems: Problem[] = []
  const bad = new Set<number>()
  if (!validateAcknowledgements(value)) {
    const errors = validateAcknowledgements.errors ?? []
    const dated = errors.filter(isDate)
    problems.push(...dated.map((error) => dateProblem(parsed, error)), ...schemaProblems(parsed, errors.filter((error) => !isDate(error)), {start: 0, end: 0, reason: ''}))
    // An error inside one entry spoils that entry only; one above them spoils all.
    for (const error of errors) {
      const index = /^\/acknowledgements\/(\d+)(?:\/|$)/.exec(error.instancePath)?.[1]
      if (index !== undefined) bad.add(Number(index))
      else if (error.instancePath === '' || error.instancePath === '/acknowledgements') return {yaml: parsed.yaml, entries: [], offsets: [], problems}
    }
  }
  const list = Array.isArray(value.acknowledgements) ? (value.acknowledgements as Acknowledgement[]) : []
  const entries: Acknowledgement[] = []
  const offsets: number[] = []
  const seen = new Map<string, number>()
  list.forEach((entry, index) => {
    if (bad.has(index)) return
    const start = (parsed.yaml.getIn(['acknowledgements', index], true) as Node | undefined)?.range?.[0] ?? 0
    const key = `${entry.document} ${entry.version}`
    const first = seen.get(key)
    if (first !== undefined) {
      const line = text.slice(0, first).split('\n').length
      problems.push({start, end: start + 1, reason: `Unexpected second acknowledgement of \`${entry.document}\` ${entry.version}: already on line ${line}; remove this entry`})
      return
    }
    seen.set(key, start)
    entries.push({document: entry.document, version: entry.version, commit: entry.commit})
    offsets.push(start)
  })
  return {yaml: parsed.yaml, entries, offsets, problems}
}

function isDate(error: ErrorObject): boolean {
  return error.keyword === 'additionalProperties' && (error.params as {additionalProperty?: string}).additionalProperty === 'date' && /^\/acknowledgements\/\d+$/.test(error.instancePath)
}

/** A date typed into the file is refused, not ignored: a reader of the file would take it for the date that counts. */
function dateProblem(parsed: ParsedYaml, error: ErrorObject): Problem {
  const index = Number(error.instancePath.split('/')[2])
  const entry = parsed.yaml.getIn(['acknowledgements', index], true) as {items?: {key: Node}[]} | undefined
  const key = entry?.items?.find((pair) => (pair.key as {value?: unknown}).value === 'date')?.key
  return {
    start: key?.range?.[0] ?? 0,
    end: key?.range?.[1] ?? 0,
    reason: 'Unexpected `date` in an acknowledgement: its date is the commit date of the signed commit that adds it, so a date typed here would be a claim no one can check; remove the line'
  }
}

/** The reader's refusals speak of documents; these are acknowledgement files. */
function ledgerWording(problem: string): string {
  return problem
    .replace('expected a document under 1 MB; split it into smaller documents or move it out of the documents folder', 'expected an acknowledgements file under 1 MB')
    .replace('expected Markdown text; move it out of the documents folder or give it a different extension', 'expected YAML text; move it out of the acknowledgements folder')
    .replaceAll('documents', 'acknowledgements files')
    .replaceAll('the document itself', 'the acknowledgements file itself')
}
