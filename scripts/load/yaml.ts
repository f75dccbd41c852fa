// YAML front matter and config files: parsed as a `yaml` Document so every problem can point
// at the exact key or value. Offsets here are into the YAML source; callers add where it starts.
import type {ErrorObject} from 'ajv'
import {isAlias, isMap, isPair, isScalar, isSeq, parseDocument, visit, type Document, type Node} from 'yaml'
import {didYouMean} from '../model/suggest'
import {printable} from '../model/printable-text'
import type {Problem} from '../model/position'

export type {Problem} from '../model/position'

export interface ParsedYaml {
  yaml: Document.Parsed
  /** The plain value, or undefined when the YAML could not be read safely. */
  value: unknown
  problems: Problem[]
}

type PathSegment = string | number

// Policies have no use for anchors; a handful of aliases is tolerated, more is an alias bomb.
const maxAliasCount = 50

const syntaxHints: Record<string, string> = {
  TAB_AS_INDENT: 'Unexpected tab used as indentation, expected spaces; indent YAML with spaces only',
  BLOCK_AS_IMPLICIT_KEY: 'Unexpected text where a key was expected; check the indentation and that each line is `key: value`',
  MISSING_CHAR: 'Unexpected end of a value; a quote or bracket is not closed',
  BAD_INDENT: 'Unexpected indentation; align keys of the same mapping and close every bracket',
  MULTILINE_IMPLICIT_KEY: 'Unexpected line break inside a key; put each `key: value` on one line or quote the value',
  RESOURCE_EXHAUSTION: 'Unexpected lists or mappings nested too deeply to read; flatten the value'
}

/** The YAML source as a Document only: for the positions of keys and values. */
export function yamlDocument(source: string): Document.Parsed {
  return parseDocument(source, {uniqueKeys: true, prettyErrors: false, merge: false})
}

/** `firstLine`: the file line the YAML source starts on, for messages that name another line. */
export function parseYaml(source: string, firstLine = 1): ParsedYaml {
  const yaml = yamlDocument(source)
  // After the first syntax error the rest usually follow from it; duplicate keys are each real.
  const firstSyntax = yaml.errors.find((error) => error.code !== 'DUPLICATE_KEY')
  const errors = yaml.errors.filter((error) => error.code === 'DUPLICATE_KEY' || error === firstSyntax)
  const problems: Problem[] = errors.map((error) => {
    const [start, end] = error.pos
    if (error.code === 'DUPLICATE_KEY') return duplicateKey(yaml, source, start, firstLine)
    const hint = syntaxHints[error.code] ?? `Unexpected YAML syntax: ${error.message}`
    return {start, end: Math.max(end, start + 1), reason: `${hint} (YAML ${error.code})`}
  })
  if (problems.length > 0) return {yaml, value: undefined, problems}
  const tags = tagProblems(yaml, source)
  if (tags.length > 0) return {yaml, value: undefined, problems: tags}
  try {
    return {yaml, value: yaml.toJS({maxAliasCount}), problems}
  } catch {
    const alias = firstAlias(yaml)
    return {
      yaml,
      value: undefined,
      problems: [
        {
          start: alias?.[0] ?? 0,
          end: alias?.[1] ?? 1,
          reason: `Unexpected YAML aliases that expand to more than ${maxAliasCount} nodes (an alias bomb); write the values out instead of using anchors (&) and aliases (*)`
        }
      ]
    }
  }
}

/**
 * An explicit tag (`!!binary`, `!!js/function`, `!custom`) asks the reader to build something
 * other than text, a list or a mapping; nothing here needs one, so each is refused where it stands.
 */
function tagProblems(yaml: Document.Parsed, source: string): Problem[] {
  const problems: Problem[] = []
  visit(yaml, {
    Node(_, node) {
      if (node.tag === undefined || !node.range) return
      let start = source.lastIndexOf('!', node.range[0])
      while (start > 0 && source[start - 1] !== undefined && !/\s/.test(source[start - 1]!)) start--
      const tag = start === -1 ? node.tag : source.slice(start, node.range[0]).trim()
      problems.push({
        start: start === -1 ? node.range[0] : start,
        end: start === -1 ? node.range[1] : start + tag.length,
        reason: `Unexpected YAML tag \`${tag}\`, expected a plain value; remove the tag (front matter and config hold text, lists and mappings only)`
      })
    }
  })
  return problems
}

function duplicateKey(yaml: Document.Parsed, source: string, start: number, firstLine: number): Problem {
  let first: Node | undefined
  let duplicate: Node | undefined
  visit(yaml, {
    Map(_, map) {
      const same = map.items.filter((pair) => isScalar(pair.key) && pair.key.range?.[0] === start)
      if (same.length === 0) return
      const key = same[0]!.key as Node
      duplicate = key
      first = map.items.find((pair) => isScalar(pair.key) && pair.key.value === (key as {value?: unknown}).value)?.key as Node
      return visit.BREAK
    }
  })
  const range = duplicate?.range
  const name = range ? source.slice(range[0], range[1]) : 'key'
  const firstAt = first?.range ? ` (first at line ${firstLine + lineOf(source, first.range[0]) - 1})` : ''
  return {
    start,
    end: range ? range[1] : start + 1,
    reason: `Unexpected duplicate key \`${name}\`${firstAt}; keep one and delete the other`
  }
}

function lineOf(source: string, offset: number): number {
  return source.slice(0, offset).split('\n').length
}

function firstAlias(yaml: Document.Parsed): [number, number] | undefined {
  let range: [number, number] | undefined
  visit(yaml, {
    Alias(_, alias) {
      if (isAlias(alias) && alias.range) range = [alias.range[0], alias.range[1]]
      return visit.BREAK
    }
  })
  return range
}

/** Problems for a parsed value that is not a key/value mapping. */
export function notAMapping(parsed: ParsedYaml, what: string): Problem | undefined {
  const contents = parsed.yaml.contents
  if (isMap(contents)) return undefined
  if (contents === null || (isScalar(contents) && contents.value === null)) {
    return {start: 0, end: 0, reason: `Unexpected empty ${what}, expected keys such as \`id: access-control\``}
  }
  const range = contents.range
  return {start: range[0], end: range[1], reason: `Unexpected ${describeValue(parsed.value)} as ${what}, expected a mapping of \`key: value\` lines`}
}

/**
 * Turns JSON Schema errors into positioned, readable problems: at the offending key for an unknown key,
 * at the value for a wrong value, at the enclosing key (or `fallback`) for a missing one.
 */
export function schemaProblems(parsed: ParsedYaml, errors: readonly ErrorObject[], fallback: Problem): Problem[] {
  const problems: Problem[] = []
  const seen = new Set<string>()
  for (const error of errors) {
    const path = parsePath(error.instancePath)
    if (error.keyword === 'required') {
      // All keys missing from one mapping make one message.
      if (seen.has(`required ${error.instancePath}`)) continue
      seen.add(`required ${error.instancePath}`)
      const missing = errors
        .filter((other) => other.keyword === 'required' && other.instancePath === error.instancePath)
        .map((other) => String((other.params as {missingProperty: string}).missingProperty))
      problems.push(missingKeys(parsed, error, path, missing, fallback))
      continue
    }
    // One message per value: a bad date fails both `pattern` and `format`; keep the first.
    if (error.keyword !== 'additionalProperties' && seen.has(error.instancePath)) continue
    seen.add(error.instancePath)
    problems.push(schemaProblem(parsed, error, path, fallback))
  }
  return problems
}

function schemaProblem(parsed: ParsedYaml, error: ErrorObject, path: PathSegment[], fallback: Problem): Problem {
  const {yaml} = parsed
  const field = label(path)
  const node = yaml.getIn(path, true) as Node | undefined
  const at = (target: Node | null | undefined, reason: string): Problem =>
    target?.range ? {start: target.range[0], end: target.range[1], reason} : {...fallback, reason}
  const schema = (error.parentSchema ?? {}) as SchemaNode
  const params = error.params as Record<string, unknown>

  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String(params.additionalProperty)
      const known = Object.keys(schema.properties ?? {})
      const where = path.length > 0 ? ` in \`${field}\`` : ''
      const expected = known.length > 0 ? `, expected one of ${known.map((name) => `\`${name}\``).join(', ')}` : ''
      // The front matter keeps another tool's keys under `x-` (schemas/policy.schema.json).
      const kept = Object.keys(schema.patternProperties ?? {}).some((pattern) => pattern.startsWith('^x-')) ? `, or a key starting with \`x-\` to keep it as it is` : ''
      return at(keyIn(node, key), `Unexpected key \`${key}\`${where}${expected}${kept}${didYouMean(key, known)}`)
    }
    case 'type': {
      const expected = String(params.type)
      const quote =
        expected === 'string' && isScalar(node) && typeof node.source === 'string'
          ? `; quote it: \`${field}: "${node.source}"\``
          : ''
      return at(node, `Unexpected ${describeValue(error.data)} for \`${field}\`, expected ${article(expected)}${quote}`)
    }
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]).map(String)
      return at(
        node,
        `Unexpected \`${field}\` value \`${String(error.data)}\`, expected one of ${allowed.map((value) => `\`${value}\``).join(', ')}${didYouMean(String(error.data), allowed)}`
      )
    }
    case 'pattern':
      // A value that fails a pattern may hold a line break; the message stays on one line.
      return at(node, `Unexpected \`${field}\` value \`${printable(String(error.data))}\`, expected ${schema['x-hint'] ?? `a value matching ${String(params.pattern)}`}`)
    case 'format':
      return at(node, `Unexpected \`${field}\` value \`${String(error.data)}\`: not a real calendar date; use an existing date as YYYY-MM-DD`)
    case 'uniqueItems': {
      const item = yaml.getIn([...path, Number(params.i)], true) as Node | undefined
      const value = Array.isArray(error.data) ? error.data[Number(params.i)] : undefined
      return at(item ?? node, `Unexpected duplicate \`${String(value)}\` in \`${field}\`; list each item once`)
    }
    case 'minItems':
      return at(node, `Unexpected empty list for \`${field}\`, expected at least ${String(params.limit)} item; e.g. \`${field}: ${flowYaml(schema.examples?.[0] ?? ['…'])}\``)
    case 'minLength':
      return at(node, `Unexpected empty \`${field}\`, expected text; e.g. \`${field}: ${flowYaml(schema.examples?.[0] ?? '…')}\``)
    case 'maxLength':
      return at(node, `Unexpected \`${field}\` longer than ${String(params.limit)} characters; shorten it`)
    case 'minimum':
    case 'maximum': {
      const {minimum, maximum} = schema
      const range = minimum !== undefined && maximum !== undefined ? `from ${minimum} to ${maximum}` : `${error.keyword === 'minimum' ? 'at least' : 'at most'} ${String(params.limit)}`
      return at(node, `Unexpected \`${field}\` value \`${String(error.data)}\`, expected a number ${range}`)
    }
    default:
      return at(node, `Unexpected \`${field}\`: ${error.message ?? 'invalid value'}`)
  }
}

function missingKeys(parsed: ParsedYaml, error: ErrorObject, path: PathSegment[], missing: string[], fallback: Problem): Problem {
  const schema = (error.parentSchema ?? {}) as SchemaNode
  const where = path.length > 0 ? ` in \`${label(path)}\`` : ''
  const lines = missing.map((key) => `\`${key}: ${flowYaml(schema.properties?.[key]?.examples?.[0] ?? '…')}\``)
  const reason =
    missing.length === 1
      ? `Missing required key \`${missing[0]}\`${where}; add it, e.g. ${lines[0]}`
      : `Missing required keys ${missing.map((key) => `\`${key}\``).join(', ')}${where}; add them, e.g. ${lines.join(', ')}`
  const key = path.length > 0 ? keyOf(parsed.yaml, path) : undefined
  return key?.range ? {start: key.range[0], end: key.range[1], reason} : {...fallback, reason}
}

interface SchemaNode {
  minimum?: number
  maximum?: number
  properties?: Record<string, SchemaNode>
  patternProperties?: Record<string, SchemaNode>
  examples?: unknown[]
  'x-hint'?: string
}

function parsePath(pointer: string): PathSegment[] {
  if (pointer === '') return []
  return pointer
    .slice(1)
    .split('/')
    .map((segment) => segment.replaceAll('~1', '/').replaceAll('~0', '~'))
    .map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment))
}

/** `controls.soc2[1]` */
export function label(path: readonly PathSegment[]): string {
  return path.map((segment, index) => (typeof segment === 'number' ? `[${segment}]` : index === 0 ? segment : `.${segment}`)).join('')
}

function keyIn(node: Node | undefined, key: string): Node | undefined {
  if (!isMap(node)) return undefined
  const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === key)
  return (pair?.key as Node | undefined) ?? undefined
}

/** The key node that holds the value at `path`. */
function keyOf(yaml: Document.Parsed, path: PathSegment[]): Node | undefined {
  const parent = path.length === 1 ? yaml.contents : (yaml.getIn(path.slice(0, -1), true) as Node | undefined)
  const last = path[path.length - 1]
  if (typeof last === 'number') return isSeq(parent) ? (parent.items[last] as Node | undefined) : undefined
  return keyIn(parent ?? undefined, String(last))
}

function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'empty value'
  if (Array.isArray(value)) return 'list'
  if (typeof value === 'object') return 'mapping'
  if (typeof value === 'string') return `text \`${value}\``
  return `${typeof value} \`${String(value)}\``
}

function article(type: string): string {
  const names: Record<string, string> = {string: 'text', array: 'a list', object: 'a mapping of keys', number: 'a number', integer: 'a whole number', boolean: '`true` or `false`'}
  return names[type] ?? type
}

function flowYaml(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(flowYaml).join(', ')}]`
  if (value !== null && typeof value === 'object') {
    return `{ ${Object.entries(value).map(([key, item]) => `${key}: ${flowYaml(item)}`).join(', ')} }`
  }
  return String(value)
}
