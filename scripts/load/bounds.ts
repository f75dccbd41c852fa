// The limits that keep the parse of one document bounded in time and depth, whatever its text.
// micromark's own work grows with the square of three things inside one paragraph: emphasis
// and bracket delimiters (each closer looks back over the openers, each match splices the
// events), and lazy lines (each one scans the paragraph so far). Deep nesting parses, but every
// recursive walk after it (the rules' walks, mdast-util-to-hast, the HTML and PDF renderers)
// would run out of stack. A document over a limit is refused with the place and the construct.
import type {Nodes, Root} from 'mdast'
import type {Construct, Extension, TokenizeContext} from 'micromark-util-types'

/** Emphasis, strikethrough, bracket and code-span delimiters one paragraph (or heading, or table cell) may hold. */
export const maxDelimitersPerParagraph = 1000
/** Lines that continue a paragraph inside a block quote or list item without its `>` or indentation. */
export const maxLazyLinesPerParagraph = 100
/** How deep block quotes, lists, and inline spans (emphasis, strong, strikethrough, links) may each nest. */
export const maxNesting = 32
/** Lines one document may have: every block, and every message about one, costs memory. */
export const maxLines = 20_000
/** HTML comments and other `<!`/`<?` markup one document may open: each unclosed one is scanned to the end. */
export const maxMarkupOpeners = 1000

/** Where and why a document is over a limit; the message follows "Unexpected X, expected Y; what to do". */
export class ParseBoundError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number
  ) {
    super(message)
  }
}

const grouped = (count: number) => count.toLocaleString('en-US')

// Per paragraph: the tokenizer's events array is shared by the context and the objects micromark
// derives from it for an attempt, so it identifies one tokenizer across calls.
const delimiters = new WeakMap<object, number>()
const lazyLines = new WeakMap<object, number>()

// Backticks too: a code span's opening run is matched by scanning ahead for a closing run of its length.
const delimiterCodes = [42, 95, 126, 91, 93, 96] as const // * _ ~ [ ] `

/**
 * Counts delimiter runs where they start (it is tried before attention, strikethrough and labels,
 * and always declines), and lazy lines at each line a paragraph continues onto.
 */
export function parseBounds(textOf: () => string): Extension {
  const countDelimiter: Construct = {
    name: 'charterDelimiterBound',
    tokenize(this: TokenizeContext, _effects, _ok, nok) {
      // Each character of a run counts: a run of n asterisks can open n/2 nested spans.
      const text = textOf()
      const start = this.now().offset
      let end = start + 1
      if (text[start] !== '[' && text[start] !== ']') while (text[end] === text[start]) end++
      const seen = (delimiters.get(this.events) ?? 0) + end - start
      delimiters.set(this.events, seen)
      if (seen > maxDelimitersPerParagraph) {
        const {line, column} = this.now()
        throw new ParseBoundError(
          `Unexpected more than ${grouped(maxDelimitersPerParagraph)} emphasis, strikethrough, bracket or code delimiters (\`*\`, \`_\`, \`~\`, \`[\`, \`]\`, backticks) in one paragraph at line ${line}, expected at most ${grouped(maxDelimitersPerParagraph)}; split the paragraph, or escape literal characters as \`\\*\``,
          line,
          column
        )
      }
      return nok
    }
  }
  // micromark tries the flow constructs at the start of each block, and again, as interrupters,
  // at each line of an open paragraph: then `interrupt` is set and the line's lazy flag is known.
  const countLazyLine: Construct = {
    name: 'charterLazyLineBound',
    tokenize(this: TokenizeContext, _effects, _ok, nok) {
      const {line, column} = this.now()
      if (!this.interrupt) lazyLines.set(this.events, 0)
      else if (this.parser.lazy[line]) {
        const seen = (lazyLines.get(this.events) ?? 0) + 1
        lazyLines.set(this.events, seen)
        if (seen > maxLazyLinesPerParagraph) {
          throw new ParseBoundError(
            `Unexpected more than ${grouped(maxLazyLinesPerParagraph)} lazy lines in one paragraph at line ${line} (lines inside a block quote or list item without its \`>\` or indentation), expected at most ${grouped(maxLazyLinesPerParagraph)}; start each line of a quote with \`>\` and indent each line of a list item`,
            line,
            column
          )
        }
      }
      return nok
    }
  }
  return {
    text: Object.fromEntries(delimiterCodes.map((code) => [code, countDelimiter])),
    flow: {null: countLazyLine}
  }
}

// A line's container prefix: indentation, block quote markers and list item markers.
const linePrefix = /(?:[ \t]|>|(?:[-*+]|\d{1,9}[.)])(?=[ \t\r\n]|$))*/y
const lineEnd = /\r\n?|\n/g

/** Indentation in columns that lists nested `maxNesting` deep can need (`10. ` is four columns). */
export const maxIndent = 4 * maxNesting

/**
 * Before parsing: a line whose prefix nests block quotes or lists too deep, or is indented too
 * far, would cost micromark time that grows with the square of the depth. Code blocks are not
 * told apart, so a code line with a prefix this deep is refused too; none is that deep.
 */
export function checkLinePrefixes(text: string): void {
  checkMarkupOpeners(text)
  let line = 1
  for (let start = 0; start <= text.length; line++) {
    if (line > maxLines) {
      throw new ParseBoundError(`Unexpected more than ${grouped(maxLines)} lines at line ${grouped(line)}, expected at most ${grouped(maxLines)}; split the document into smaller ones`, line, 1)
    }
    linePrefix.lastIndex = start
    const prefix = linePrefix.exec(text)![0]
    if (prefix.length > maxNesting) measurePrefix(prefix, line)
    lineEnd.lastIndex = start + prefix.length
    const end = lineEnd.exec(text)
    if (!end) break
    start = end.index + end[0].length
  }
}

function checkMarkupOpeners(text: string): void {
  let seen = 0
  for (const opener of text.matchAll(/<!--|<\?|<![A-Za-z[]/g)) {
    if (++seen <= maxMarkupOpeners) continue
    const before = text.slice(0, opener.index)
    const line = before.split('\n').length
    const column = opener.index - before.lastIndexOf('\n')
    throw new ParseBoundError(
      `Unexpected more than ${grouped(maxMarkupOpeners)} HTML comments or \`<!\`/\`<?\` markup openers at line ${grouped(line)}, expected at most ${grouped(maxMarkupOpeners)}; remove them, or write a literal \`<\` as \`&lt;\``,
      line,
      column
    )
  }
}

function measurePrefix(prefix: string, line: number): void {
  let quotes = 0
  let lists = 0
  let column = 0
  for (const marker of prefix.matchAll(/>|[-*+]|\d+[.)]|\t| /g)) {
    const [text] = marker
    if (text === '>') quotes++
    else if (text === '\t') column += 4 - (column % 4)
    else if (text !== ' ') lists++
    if (text !== '\t') column += text.length
    const where = {line, column: (marker.index ?? 0) + 1}
    if (quotes > maxNesting) throw new ParseBoundError(`Unexpected block quotes nested ${count(prefix, />/g)} deep at line ${line}, expected at most ${maxNesting}; ${advice.blockquote}`, where.line, where.column)
    if (lists > maxNesting) throw new ParseBoundError(`Unexpected lists nested ${count(prefix, /[-*+]|\d+[.)]/g)} deep at line ${line}, expected at most ${maxNesting}; ${advice.list}`, where.line, where.column)
  }
  if (column > maxIndent) throw new ParseBoundError(`Unexpected line indented ${column} columns at line ${line}, expected at most ${maxIndent} (the most that lists nested ${maxNesting} deep need); outdent the line`, line, 1)
}

const count = (text: string, pattern: RegExp) => text.match(pattern)?.length ?? 0

const nestingNames = {blockquote: 'block quotes', list: 'lists', span: 'emphasis, strong, strikethrough or link spans'} as const
const spans = new Set<Nodes['type']>(['emphasis', 'strong', 'delete', 'link', 'linkReference'])
const advice = {
  blockquote: 'flatten the quotes',
  list: 'flatten the list, or split it into sections with headings',
  span: 'remove the extra markers'
} as const

/**
 * Throws at the first node nested deeper than `maxNesting` within its kind. Walks with a stack of
 * its own, so it cannot run out of stack on the trees it exists to refuse.
 */
export function checkNesting(tree: Root): void {
  const pending: {node: Nodes; depth: Record<keyof typeof nestingNames, number>}[] = [{node: tree, depth: {blockquote: 0, list: 0, span: 0}}]
  while (pending.length > 0) {
    const {node, depth} = pending.pop()!
    const kind = node.type === 'blockquote' ? 'blockquote' : node.type === 'list' ? 'list' : spans.has(node.type) ? 'span' : undefined
    let inner = depth
    if (kind) {
      inner = {...depth, [kind]: depth[kind] + 1}
      if (inner[kind] > maxNesting) {
        const start = node.position?.start ?? {line: 1, column: 1}
        throw new ParseBoundError(
          `Unexpected ${nestingNames[kind]} nested ${deepest(node, kind)} deep at line ${start.line}, expected at most ${maxNesting}; ${advice[kind]}`,
          start.line,
          start.column
        )
      }
    }
    if ('children' in node) for (let index = node.children.length - 1; index >= 0; index--) pending.push({node: node.children[index] as Nodes, depth: inner})
  }
}

/** How deep `kind` nests in total along the deepest path through `node`, counting the levels above it. */
function deepest(node: Nodes, kind: keyof typeof nestingNames): number {
  let most = 0
  const pending: {node: Nodes; depth: number}[] = [{node, depth: maxNesting + 1}]
  while (pending.length > 0) {
    const {node: next, depth} = pending.pop()!
    most = Math.max(most, depth)
    if (!('children' in next)) continue
    for (const child of next.children as Nodes[]) {
      const same = kind === 'span' ? spans.has(child.type) : child.type === kind
      pending.push({node: child, depth: depth + (same ? 1 : 0)})
    }
  }
  return most
}

