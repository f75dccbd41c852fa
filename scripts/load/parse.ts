// Reads one document's text into an mdast tree, and its front matter through front-matter.ts.
// Each file's Markdown is parsed exactly once; rules only read the result.
import type {Root} from 'mdast'
import {gfmFootnoteFromMarkdown} from 'mdast-util-gfm-footnote'
import {gfmStrikethroughFromMarkdown} from 'mdast-util-gfm-strikethrough'
import {gfmTableFromMarkdown} from 'mdast-util-gfm-table'
import {gfmTaskListItemFromMarkdown} from 'mdast-util-gfm-task-list-item'
import type {Extension as MdastExtension} from 'mdast-util-from-markdown'
import {gfmFootnote} from 'micromark-extension-gfm-footnote'
import {gfmStrikethrough} from 'micromark-extension-gfm-strikethrough'
import {gfmTable} from 'micromark-extension-gfm-table'
import {gfmTaskListItem} from 'micromark-extension-gfm-task-list-item'
import type {Construct, Extension, TokenizeContext} from 'micromark-util-types'
import remarkFrontmatter from 'remark-frontmatter'
import remarkParse from 'remark-parse'
import {unified, type Processor} from 'unified'
import {VFile} from 'vfile'
import type {Document} from '../model/document'
import {checkLinePrefixes, checkNesting, ParseBoundError, parseBounds} from './bounds'
import {frontMatterAt, readFrontMatter, type FrontMatterRead} from './front-matter'

// Documents are GFM: tables, task lists, strikethrough and footnotes. Bare URLs are not parsed
// as links (GFM's autolink literals cost about 0.4× of a parse, tried at every word); the
// no-bare-url rule asks for `<https://…>` instead. Each extension is tried only in a document
// where its syntax can occur, as they are attempted at many characters and most policies use
// tables and little else; `test/parse.test.ts` proves the trees are the same as with all of them.
interface GfmSyntax {
  /** False only when the document cannot contain this syntax. */
  present(text: string): boolean
  micromark(): Extension
  mdast(): MdastExtension | MdastExtension[]
}

// A table needs a delimiter row: only `|`, `:`, `-` and blanks, with a `-` and a `|` or `:`
// (`| --- |`, `--- | ---`, even `:-`), possibly behind `>` or a list's indent.
const delimiterRow = /^[ \t>]*(?=[^\r\n]*-)(?=[^\r\n]*[|:])[|:\- \t]*$/m

// In the same order as micromark-extension-gfm, which decides which syntax wins a tie.
const gfmSyntaxes: GfmSyntax[] = [
  {present: (text) => text.includes('[^'), micromark: gfmFootnote, mdast: gfmFootnoteFromMarkdown},
  {present: (text) => text.includes('~'), micromark: gfmStrikethrough, mdast: gfmStrikethroughFromMarkdown},
  {present: (text) => delimiterRow.test(text), micromark: guardedTable, mdast: gfmTableFromMarkdown},
  {present: (text) => /\[(?:[xX]|\s+)\]/.test(text), micromark: gfmTaskListItem, mdast: gfmTaskListItemFromMarkdown}
]

const processors = new Map<number, Processor>()

/** The parser for the GFM syntaxes in `mask` (bit i: gfmSyntaxes[i]), made once. */
function processorFor(mask: number): Processor {
  let processor = processors.get(mask)
  if (!processor) {
    const chosen = gfmSyntaxes.filter((_, index) => mask & (1 << index))
    processor = unified()
      .use(remarkParse)
      .use(remarkFrontmatter, ['yaml'])
      .use(function gfmSubset(this: Processor) {
        const data = this.data()
        // The bounds last, so they are tried first at each character they count.
        ;(data.micromarkExtensions ??= []).push(...chosen.map((syntax) => syntax.micromark()), parseBounds(() => parsing))
        ;(data.fromMarkdownExtensions ??= []).push(...chosen.map((syntax) => syntax.mdast()))
      }) as unknown as Processor
    processors.set(mask, processor)
  }
  return processor
}

// The text being parsed, for the table guard and the bounds; parsing is synchronous, so one slot is enough.
let parsing = ''

/**
 * micromark's table, tried at the start of every block of a document with a table, reads the
 * whole line before it finds no delimiter row under it: a quarter of the parse. The guard
 * declines at once when the next line cannot be a delimiter row and no table is open.
 */
function guardedTable(): Extension {
  const table = (gfmTable().flow as Record<string, Construct>)['null']!
  const guarded: Construct = {
    ...table,
    tokenize(effects, ok, nok) {
      if (!continuesTable(this) && !delimiterRowFollows(parsing, this.now().offset)) return nok
      return table.tokenize.call(this, effects, ok, nok)
    }
  }
  return {flow: {null: guarded}}
}

/** Whether the block before is a table's head or row, so this line may be a body row (as micromark decides). */
function continuesTable(context: TokenizeContext): boolean {
  const {events} = context
  let index = events.length - 1
  while (index > -1 && (events[index]![1].type === 'lineEnding' || events[index]![1].type === 'linePrefix')) index--
  const tail = index > -1 ? events[index]![1].type : undefined
  return tail === 'tableHead' || tail === 'tableRow'
}

const lineEnding = /\r\n?|\n/g
const delimiterLine = /[ \t>]*(?=[^\r\n]*-)(?=[^\r\n]*[|:])[|:\- \t]*(?:\r|\n|$)/y

function delimiterRowFollows(text: string, offset: number): boolean {
  lineEnding.lastIndex = offset
  const end = lineEnding.exec(text)
  if (!end) return false
  delimiterLine.lastIndex = end.index + end[0].length
  return delimiterLine.test(text)
}

/**
 * One document: the Markdown tree, and the front matter's fields and problems. The front matter
 * may have been read already (see reader.ts); otherwise it is read here. A body over the parse
 * bounds (bounds.ts) is not kept: the document is marked unreadable at the place it went over,
 * with its front matter, so `file-readable` reports it and the other documents are still checked.
 */
export function parseDocument(path: string, text: string, frontMatter: FrontMatterRead = readFrontMatter(text)): Document {
  const file = new VFile({path, value: text})
  let mask = 0
  gfmSyntaxes.forEach((syntax, index) => {
    if (syntax.present(text)) mask |= 1 << index
  })
  let tree: Root
  try {
    checkLinePrefixes(text)
    parsing = text
    tree = processorFor(mask).parse(file) as Root
    checkNesting(tree)
  } catch (error) {
    const refused = refusal(error)
    if (!refused) throw error
    const empty: Root = {type: 'root', children: []}
    const point = {line: refused.line, column: refused.column}
    const document: Document = {path, text, file, tree: empty, frontMatterProblems: [], meta: {}, unreadable: {reason: refused.message, position: {start: point, end: point}}}
    return withFrontMatter(document, frontMatter)
  } finally {
    parsing = ''
  }
  return withFrontMatter({path, text, file, tree, frontMatterProblems: [], meta: {}}, frontMatter)
}

/** A bound the text went over, or a stack the parse ran out of anyway: a problem with this document, not a crash. */
export function refusal(error: unknown): ParseBoundError | undefined {
  if (error instanceof ParseBoundError) return error
  if (error instanceof RangeError) {
    return new ParseBoundError(`Unexpected structure too complex to check (${error.message}); flatten deeply nested quotes, lists or emphasis, or split the document`, 1, 1)
  }
  return undefined
}

/**
 * The front matter alone, for commands that need no Markdown (history, due, coverage, review):
 * the same fields and problems, without the cost of parsing the body.
 */
export function parseFrontMatterOnly(path: string, text: string): Document {
  const empty: Root = {type: 'root', children: []}
  const document: Document = {path, text, file: new VFile({path, value: text}), tree: empty, frontMatterProblems: [], meta: {}}
  return withFrontMatter(document, readFrontMatter(text))
}

function withFrontMatter(document: Document, {fields, yaml}: FrontMatterRead): Document {
  document.meta = fields.meta
  document.frontMatterProblems = fields.problems
  if (fields.source) document.frontMatter = frontMatterAt(document.text, fields.source, yaml)
  return document
}

export {positionAt} from '../model/position'
