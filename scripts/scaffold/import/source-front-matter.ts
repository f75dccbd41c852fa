// The front matter of a source document, in the forms policy sites write it: YAML between `---`
// lines (Hugo, Jekyll), TOML between `+++` lines (Hugo), YAML closed by a `---` line with no
// opening one (comply), or none at all. Read with the same guards as a document's own.
import {parse as parseToml, TomlDate, TomlError} from 'smol-toml'
import {isMap, isPair, isScalar} from 'yaml'
import {findFrontMatter, opensFrontMatter} from '../../model/front-matter-block'
import {notAMapping, parseYaml} from '../../load/yaml'

export type FrontMatterForm = 'yaml' | 'toml' | 'fenceless' | 'none'

/** A plain value of the front matter: text, number, boolean, list or mapping (dates as text). */
export type SourceValue = string | number | boolean | null | SourceValue[] | {[key: string]: SourceValue}

export interface SourceFrontMatter {
  form: FrontMatterForm
  /** The keys in source order; a mapping made without a prototype, so no key is special. */
  fields: Record<string, SourceValue>
  /** The line (1-based) of each top-level key, for messages about its value. */
  keyLines: Map<string, number>
  /** Offset in the text where the body starts, and its line. */
  bodyStart: number
  bodyLine: number
}

export interface FrontMatterProblem {
  line: number
  column: number
  reason: string
}

/** Deeper lists and mappings than any front matter needs; past this a value is refused, not walked. */
const maxValueDepth = 32

// A key a policy's front matter starts with: enough to tell comply's fence-less YAML from prose.
const recognisedKeys = new Set(['title', 'name', 'id', 'slug', 'satisfies', 'acronym', 'date', 'last_updated', 'lastmod', 'updated', 'weight', 'order', 'owner', 'status', 'kind', 'version', 'classification', 'majorRevisions'])

const tomlBlock = /^\+\+\+[ \t]*\r?\n(?:([\s\S]*?)\r?\n)??\+\+\+[ \t]*(?:\r?\n|$)/
const tomlOpening = /^\+\+\+[ \t]*(?:\r?\n|$)/
const firstKey = /^([A-Za-z_][A-Za-z0-9_-]*)[ \t]*:(?:[ \t]|\r?\n|$)/
const closingLine = /^---[ \t]*$/m

/**
 * Reads the front matter. `fenceless`: `always` reads YAML before a first `---` line whatever
 * its first key (the comply layout), `recognised` only when its first key is one policies use.
 */
export function readSourceFrontMatter(text: string, fenceless: 'always' | 'recognised'): SourceFrontMatter | {problem: FrontMatterProblem} {
  const yamlBlock = findFrontMatter(text)
  if (yamlBlock) return fromYaml(text, yamlBlock.start, yamlBlock.end, yamlBlock.bodyStart, 'yaml')
  if (opensFrontMatter(text)) return {problem: {line: 1, column: 1, reason: 'Unexpected end of file in front matter: the opening `---` is never closed; add a line `---` after the last key'}}
  const toml = tomlBlock.exec(text)
  if (toml) {
    const start = text.indexOf('\n') + 1
    return fromToml(text, start, start + (toml[1]?.length ?? 0), toml[0].length)
  }
  if (tomlOpening.test(text)) return {problem: {line: 1, column: 1, reason: 'Unexpected end of file in front matter: the opening `+++` is never closed; add a line `+++` after the last key'}}
  const key = firstKey.exec(text)
  const closing = closingLine.exec(text)
  if (key && closing && (fenceless === 'always' || recognisedKeys.has(key[1]!))) {
    const end = closing.index > 0 && text[closing.index - 1] === '\n' ? closing.index - 1 : closing.index
    const lineEnd = text.indexOf('\n', closing.index)
    return fromYaml(text, 0, end - (text[end - 1] === '\r' ? 1 : 0), lineEnd === -1 ? text.length : lineEnd + 1, 'fenceless')
  }
  return {form: 'none', fields: Object.create(null) as Record<string, SourceValue>, keyLines: new Map(), bodyStart: 0, bodyLine: 1}
}

function fromYaml(text: string, start: number, end: number, bodyStart: number, form: 'yaml' | 'fenceless'): SourceFrontMatter | {problem: FrontMatterProblem} {
  const source = text.slice(start, end)
  const firstLine = lineAt(text, start)
  const parsed = parseYaml(source, firstLine)
  const shape = parsed.problems.length === 0 && !(parsed.value == null) ? notAMapping(parsed, 'front matter') : undefined
  const [problem] = shape ? [shape] : parsed.problems
  if (problem) return {problem: {...pointAt(text, start + problem.start), reason: problem.reason}}
  const keyLines = new Map<string, number>()
  const contents = parsed.yaml.contents
  if (isMap(contents)) {
    for (const pair of contents.items) {
      if (isPair(pair) && isScalar(pair.key) && pair.key.range) keyLines.set(String(pair.key.value), lineAt(text, start + pair.key.range[0]))
    }
  }
  return withFields(parsed.value ?? {}, keyLines, text, bodyStart, form, firstLine)
}

function fromToml(text: string, start: number, end: number, bodyStart: number): SourceFrontMatter | {problem: FrontMatterProblem} {
  const source = text.slice(start, end)
  const firstLine = lineAt(text, start)
  let value: unknown
  try {
    // Inline lists and tables nest no deeper than the walk below allows.
    value = parseToml(source, {maxDepth: maxValueDepth})
  } catch (error) {
    if (!(error instanceof TomlError)) throw error
    const reason = error.message.split('\n')[0]!.replace(/^Invalid TOML document: /, '')
    return {problem: {line: firstLine + error.line - 1, column: error.column, reason: `Unexpected TOML syntax: ${reason}; fix the front matter between the \`+++\` lines`}}
  }
  // Top-level keys sit before the first table header, one per line.
  const keyLines = new Map<string, number>()
  const lines = source.split('\n')
  for (const [index, line] of lines.entries()) {
    if (/^\s*\[/.test(line)) break
    const key = /^\s*(?:"([^"]*)"|'([^']*)'|([A-Za-z0-9_-]+))\s*=/.exec(line)
    if (key) keyLines.set(key[1] ?? key[2] ?? key[3]!, firstLine + index)
  }
  return withFields(value, keyLines, text, bodyStart, 'toml', firstLine)
}

function withFields(value: unknown, keyLines: Map<string, number>, text: string, bodyStart: number, form: FrontMatterForm, firstLine: number): SourceFrontMatter | {problem: FrontMatterProblem} {
  const plain = plainValue(value, 0)
  if (plain === tooDeep) return {problem: {line: firstLine, column: 1, reason: `Unexpected lists or mappings nested more than ${maxValueDepth} deep in the front matter; flatten the value`}}
  return {form, fields: plain as Record<string, SourceValue>, keyLines, bodyStart, bodyLine: lineAt(text, bodyStart)}
}

const tooDeep = Symbol('too deep')

/**
 * The value as plain text, numbers, lists and mappings without prototypes: a TOML date as it
 * reads (`2024-03-01`, or the full date and time), a key such as `__proto__` as just a key.
 */
function plainValue(value: unknown, depth: number): SourceValue | typeof tooDeep {
  if (depth > maxValueDepth) return tooDeep
  if (value instanceof TomlDate) return value.isDate() ? value.toISOString().slice(0, 10) : value.toISOString()
  if (value instanceof Date) return value.toISOString()
  if (Array.isArray(value)) {
    const items: SourceValue[] = []
    for (const item of value) {
      const plain = plainValue(item, depth + 1)
      if (plain === tooDeep) return tooDeep
      items.push(plain)
    }
    return items
  }
  if (typeof value === 'object' && value !== null) {
    const mapping = Object.create(null) as Record<string, SourceValue>
    for (const key of Object.keys(value)) {
      const plain = plainValue((value as Record<string, unknown>)[key], depth + 1)
      if (plain === tooDeep) return tooDeep
      Object.defineProperty(mapping, key, {value: plain, enumerable: true, writable: true, configurable: true})
    }
    return mapping
  }
  if (typeof value === 'bigint') return value.toString()
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value === null) return value
  return value === undefined ? null : String(value)
}

function lineAt(text: string, offset: number): number {
  let line = 1
  for (let index = text.indexOf('\n'); index !== -1 && index < offset; index = text.indexOf('\n', index + 1)) line++
  return line
}

function pointAt(text: string, offset: number): {line: number; column: number} {
  const line = lineAt(text, offset)
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1
  return {line, column: offset - lineStart + 1}
}
