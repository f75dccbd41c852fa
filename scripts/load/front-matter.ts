// A document's front matter, read without its Markdown: found, parsed as a YAML Document and
// validated against schemas/policy.schema.json. Kept apart from the Markdown parser, as the
// commands that need no body (history, due, coverage) read only this.
import type {Document as YamlDocument} from 'yaml'
import {validatePolicy} from '../generated/validators.js'
import type {DocumentMeta, FrontMatter} from '../model/document'
import {findFrontMatter, opensFrontMatter} from '../model/front-matter-block'
import {notAMapping, parseYaml, schemaProblems, yamlDocument, type Problem} from './yaml'

/** What a document's front matter holds: plain data, which a document's summary keeps. */
export interface FrontMatterFields {
  /** The fields that passed the schema; a field with a problem is left out. */
  meta: Partial<DocumentMeta>
  /** YAML and schema problems, as offsets into the text. */
  problems: Problem[]
  /** Where the YAML source sits in the text, when the document has front matter. */
  source?: {start: number; end: number}
}

/** What reading the front matter gives: its fields, and the YAML Document for positions. */
export interface FrontMatterRead {
  fields: FrontMatterFields
  yaml?: YamlDocument.Parsed
}

/** Finds the front matter, parses its YAML and validates it against the policy schema. */
export function readFrontMatter(text: string): FrontMatterRead {
  const block = findFrontMatter(text)
  if (!block) return {fields: {meta: {}, problems: [missingFrontMatter(text)]}}
  const {start, end} = block
  // The YAML starts on line 2, after the opening fence.
  const parsed = parseYaml(text.slice(start, end), 2)
  // YAML problems are offsets into the YAML source; a missing key points at the opening fence.
  const inFile = (problem: Problem): Problem =>
    problem.start === problem.end && problem.start === 0
      ? {...problem, start: 0, end: 3}
      : {...problem, start: problem.start + start, end: problem.end + start}
  const fence: Problem = {start: 0, end: 0, reason: ''}
  const shape = parsed.problems.length === 0 ? notAMapping(parsed, 'front matter') : undefined
  let problems = shape ? [shape] : parsed.problems
  let meta: Partial<DocumentMeta> = {}
  if (problems.length === 0 && validatePolicy(parsed.value)) {
    meta = parsed.value as DocumentMeta
  } else if (problems.length === 0) {
    const errors = validatePolicy.errors ?? []
    problems = schemaProblems(parsed, errors, fence)
    meta = validFields(parsed.value as Record<string, unknown>, errors.map((error) => error.instancePath))
  }
  return {fields: {meta, problems: problems.map(inFile), source: {start, end}}, yaml: parsed.yaml}
}

/**
 * The front matter as rules see it. The YAML Document gives only positions for messages; when it
 * is not at hand (summaries do not keep it) it is parsed again
 * on first use, which most documents never need.
 */
export function frontMatterAt(text: string, source: {start: number; end: number}, parsed?: YamlDocument.Parsed): FrontMatter {
  const {start, end} = source
  let yaml = parsed
  return {
    start,
    end,
    get yaml() {
      return (yaml ??= yamlDocument(text.slice(start, end)))
    }
  }
}

function missingFrontMatter(text: string): Problem {
  if (text.trim() === '') {
    return {start: 0, end: 0, reason: 'Unexpected empty file, expected a document starting with `---` front matter; see any other document for the shape'}
  }
  if (opensFrontMatter(text)) {
    return {start: 0, end: 3, reason: 'Unexpected end of file in front matter: the opening `---` is never closed; add a line `---` after the last key'}
  }
  return {start: 0, end: 0, reason: 'Missing front matter, expected the file to start with a `---` line, the YAML keys (`id`, `title`, `kind`, …) and a closing `---`'}
}

/** The top-level fields no schema error points into, so rules can use what is valid. */
function validFields(value: Record<string, unknown>, errorPaths: string[]): Partial<DocumentMeta> {
  const bad = new Set(errorPaths.map((path) => path.split('/')[1]).filter((key) => key !== undefined && key !== ''))
  const fields: Record<string, unknown> = {}
  for (const [key, field] of Object.entries(value)) {
    if (!bad.has(key) && key !== '__proto__') fields[key] = field
  }
  return fields as Partial<DocumentMeta>
}
