// The value of YAML written in the plain subset a register file uses (block mappings and lists,
// one-line flow lists and mappings, plain or simply quoted scalars, comments), read in one pass,
// exactly as the `yaml` package reads it. Anything else gives undefined, and the caller reads the
// text with `yaml` itself: its parse costs ~2 ms a file before the JIT warms, 200 vendors' worth.

/** Undefined means: not in the subset, read it with `yaml` (which also reports what is wrong). */
type Value = string | boolean | null | Value[] | {[key: string]: Value}

class OutsideSubset extends Error {}
const outside = (): never => {
  throw new OutsideSubset()
}

// Printable text without tabs, carriage returns, the byte order mark or any character YAML or
// Unicode counts as a space or a line break other than ` ` and `\n` (so trimming stays ASCII).
const subsetText = /^(?:[\n\x20-\x7e\u00a1-\u167f\u1681-\u1fff\u2030-\u205e\u2070-\u2fff\u3001-\ud7ff\ue000-\ufefe\uff00-\ufffd]|[\ud800-\udbff][\udc00-\udfff])*$/
const keyLine = /^([A-Za-z_][A-Za-z0-9_-]{0,99}):(?: (.*))?$/
// The core schema's own tests (yaml/dist/schema/core): such a plain scalar is no string.
const nullScalar = /^(?:~|[Nn]ull|NULL)?$/
const boolScalar = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/
const numberScalar = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?)$/
// A plain scalar may not start with an indicator; these are left to `yaml`.
const indicatorStart = /^[-?:,[\]{}#&*!|>'"%@`]/
/** Deeper than any register file; `yaml` judges anything deeper. */
const maxDepth = 16

interface Line {
  indent: number
  text: string
}

export function plainYamlValue(source: string): Record<string, Value> | undefined {
  if (!subsetText.test(source)) return undefined
  const lines: Line[] = []
  for (const line of source.split('\n')) {
    const text = line.trimStart()
    if (text === '' || text.startsWith('#')) continue
    lines.push({indent: line.length - text.length, text: text.trimEnd()})
  }
  if (lines.length === 0 || lines[0]!.indent !== 0) return undefined
  try {
    const [value, next] = mapping(lines, 0, 0, 0)
    return next === lines.length ? value : undefined
  } catch (error) {
    if (error instanceof OutsideSubset) return undefined
    throw error
  }
}

/** The mapping whose keys start at column `indent`, from line `start`; returns it and the first line after it. */
function mapping(lines: Line[], start: number, indent: number, depth: number): [Record<string, Value>, number] {
  if (depth > maxDepth) outside()
  const value: Record<string, Value> = {}
  let index = start
  while (index < lines.length && lines[index]!.indent >= indent) {
    const line = lines[index]!
    const key = line.indent === indent ? keyLine.exec(line.text) : null
    if (!key) return outside()
    const name = key[1]!
    if (Object.hasOwn(value, name) || name === '__proto__' || nullScalar.test(name) || boolScalar.test(name)) outside()
    const rest = (key[2] ?? '').trimStart()
    index++
    if (rest !== '' && !rest.startsWith('#')) {
      value[name] = inline(rest)
    } else if (index < lines.length && lines[index]!.indent > indent) {
      const nested = lines[index]!
      ;[value[name], index] = nested.text.startsWith('-') ? sequence(lines, index, nested.indent, depth + 1) : mapping(lines, index, nested.indent, depth + 1)
    } else {
      value[name] = null
    }
  }
  return [value, index]
}

/** The list whose dashes stand at column `indent`. */
function sequence(lines: Line[], start: number, indent: number, depth: number): [Value[], number] {
  if (depth > maxDepth) outside()
  const items: Value[] = []
  let index = start
  while (index < lines.length && lines[index]!.indent >= indent) {
    const line = lines[index]!
    const dash = line.indent === indent ? /^- +/.exec(line.text) : null
    if (!dash) return outside()
    const content = line.text.slice(dash[0].length)
    if (content.startsWith('-') || content.startsWith('#')) outside()
    if (keyLine.test(content)) {
      // `- key: value` opens a mapping at the key's column; read it as if it began on its own line
      // (the lines are this reader's own, and each is read once).
      const column = indent + dash[0].length
      lines[index] = {indent: column, text: content}
      const [item, next] = mapping(lines, index, column, depth + 1)
      items.push(item)
      index = next
    } else {
      items.push(inline(content))
      index++
      if (index < lines.length && lines[index]!.indent > indent) outside()
    }
  }
  return [items, index]
}

/** A value on the key's own line: a scalar, `[a, b]` or `{a: b}`, then perhaps a comment. */
function inline(text: string): Value {
  const quoted = /^(?:"([^"\\]*)"|'((?:[^']|'')*)')( *| +#.*)$/.exec(text)
  if (quoted) return quoted[1] ?? quoted[2]!.replaceAll("''", "'")
  const flow = /^([[{])([^[\]{}#"']*)([\]}])( *| +#.*)$/.exec(text)
  if (flow) {
    if ((flow[1] === '[') !== (flow[3] === ']')) outside()
    const inner = flow[2]!.trim()
    if (inner === '') return flow[1] === '[' ? [] : {}
    const entries = inner.split(',').map((entry) => entry.trim())
    if (flow[1] === '[') return entries.map((entry) => (entry.includes(':') ? outside() : plain(entry)))
    const value: Record<string, Value> = {}
    for (const entry of entries) {
      const pair = /^([A-Za-z_][A-Za-z0-9_-]{0,99}): +([^:]*)$/.exec(entry)
      if (!pair || Object.hasOwn(value, pair[1]!) || pair[1] === '__proto__' || nullScalar.test(pair[1]!) || boolScalar.test(pair[1]!)) return outside()
      value[pair[1]!] = plain(pair[2]!)
    }
    return value
  }
  const comment = text.indexOf(' #')
  const scalar = (comment === -1 ? text : text.slice(0, comment)).trimEnd()
  if (/: |:$/.test(scalar)) outside()
  return plain(scalar)
}

/** A plain scalar as the core schema resolves it: null, true, false or a string; a number is left to `yaml`. */
function plain(text: string): Value {
  if (text === '' || indicatorStart.test(text) || numberScalar.test(text)) return outside()
  if (nullScalar.test(text)) return null
  if (boolScalar.test(text)) return /^(?:[Tt]rue|TRUE)$/.test(text)
  return text
}
