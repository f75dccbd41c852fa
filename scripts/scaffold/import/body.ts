// The body of an imported document, made to read as a Charter document: headings moved so
// the sections are `##`, a leading `# Title` that repeats the title removed, links to the old
// site's pages pointed at the documents, simple raw HTML tables written as GFM tables. Each edit
// is spliced in at the Markdown parser's positions, so every byte outside an edit stays as it was.
import type {Definition, Heading, Html, Link, Nodes, Parent, Root, RootContent, Table} from 'mdast'
import {toString} from 'mdast-util-to-string'
import {location} from 'vfile-location'
import {parseDocument} from '../../load/parse'
import {isDocumentId} from '../../model/document'
import {convertTable, escapeText, readBack} from './html-table-conversion'

export interface BodyContext {
  /** The document's title, as its front matter will say. */
  title: string
  /** Absolute URL prefixes of the old site given with `--site-base` (may be empty). */
  siteBases: string[]
  /** The new document id for an old page's slug or folder name, or undefined when not imported. */
  idForSlug(slug: string): string | undefined
}

/** Something import could not convert, at its place in the body as given (1-based). */
export interface BodyNote {
  line: number
  column: number
  text: string
}

export interface BodyResult {
  /** The normalised Markdown body. */
  text: string
  /** One line per kind of change, for the import summary. */
  changed: string[]
  /** What import could not convert, in the order it appears. */
  unconverted: BodyNote[]
}

// The body is parsed behind an empty front matter block, as it will sit in the document: a body
// opening with `---` is then a thematic break, not front matter.
const fence = '---\n---\n'
const fenceLines = 2
const noFrontMatter = {fields: {meta: {}, problems: []}}

const keptAsHtml = 'kept as HTML (the page and PDF render it sanitized)'

interface Edit {
  start: number
  end: number
  text: string
}

/** Normalises one imported body; pure, and a second run changes nothing. */
export function normaliseBody(body: string, context: BodyContext): BodyResult {
  const source = fence + body
  const document = parseDocument('body.md', source, noFrontMatter)
  const place = location(document.file)
  const noteAt = (offset: number, text: string): BodyNote => {
    const point = place.toPoint(offset) ?? {line: fenceLines + 1, column: 1}
    return {line: point.line - fenceLines, column: point.column, text}
  }
  if (document.unreadable) {
    const {line, column} = document.unreadable.position?.start ?? {line: fenceLines + 1, column: 1}
    // The parser's message counts the fence's lines too.
    const reason = document.unreadable.reason.replace(/\bat line (\d{1,3}(?:,\d{3})+|\d+)/g, (_, at: string) => `at line ${(Number(at.replaceAll(',', '')) - fenceLines).toLocaleString('en-US')}`)
    return {text: body, changed: [], unconverted: [{line: line - fenceLines, column, text: `the body was left as it is: ${reason}`}]}
  }
  const tree = document.tree
  const lineStart = (line: number) => place.toOffset({line, column: 1}) ?? source.length
  const edits: Edit[] = []
  const changed: string[] = []
  const unconverted: BodyNote[] = []

  const removed = removeRepeatedTitles(tree, source, context.title, lineStart)
  if (removed.edits.length > 0) {
    for (const edit of removed.edits) edits.push(edit)
    changed.push(`removed the leading \`# ${removed.text}\``)
  }
  const inRemoved = (offset: number) => removed.edits.some((edit) => offset >= edit.start && offset < edit.end)

  const nodes = collect(tree, source)
  const headings = nodes.headings.filter((heading) => !inRemoved(heading.position!.start.offset!))
  const shifted = headingShift(headings, source)
  if (shifted.unshiftable) unconverted.push(noteAt(shifted.unshiftable.position!.start.offset!, 'sections written as `#` headings, which import could not make `##` because this one is underlined (setext) or already at level 6; make every heading one level deeper'))
  const moved = shiftHeadings(shifted.headings, shifted.shift, source)
  if (moved.edits.length > 0) {
    for (const edit of moved.edits) edits.push(edit)
    changed.push(`${shifted.shift > 0 ? 'raised' : 'lowered'} ${count(moved.count, 'heading')} ${levels(Math.abs(shifted.shift))}`)
  }

  const site = oldSite(context)
  let rewrittenLinks = 0
  for (const node of nodes.links) {
    const start = node.position!.start.offset!
    if (inRemoved(start)) continue
    const target = site.target(node.url)
    if (target === undefined) continue
    if (target === 'not imported') {
      unconverted.push(noteAt(start, notImportedLink(node.url)))
      continue
    }
    const edit = destinationEdit(node, source, target)
    if (edit) {
      edits.push(edit)
      rewrittenLinks++
    } else unconverted.push(noteAt(start, `a link to \`${node.url}\` on the old site, written in a way import could not rewrite; point it at \`${target}.md\``))
  }

  const tables = tableEdits(nodes, source, lineStart, site)
  const {text, accepted, refused} = withVerifiedTables(source, edits, tables.conversions)
  // Pushed one by one: a hostile body can hold more notes than a call takes arguments.
  for (const {offset, text} of [...tables.notes, ...refused]) unconverted.push(noteAt(offset, text))
  for (const conversion of accepted) {
    rewrittenLinks += conversion.rewrittenLinks
    for (const url of conversion.notImported) unconverted.push(noteAt(conversion.tagOffset, notImportedLink(url)))
  }
  if (rewrittenLinks > 0) changed.push(`rewrote ${count(rewrittenLinks, 'link')} to the old site`)
  if (accepted.length > 0) changed.push(accepted.length === 1 ? 'converted 1 HTML table to a Markdown table' : `converted ${accepted.length} HTML tables to Markdown tables`)
  const promoted = accepted.filter((conversion) => conversion.headerPromoted).length
  if (promoted > 0) changed.push(`made the first row the header of ${count(promoted, 'converted table')}, which had no \`<th>\` cells`)

  unconverted.sort((a, b) => a.line - b.line || a.column - b.column)
  return {text: text.slice(fence.length), changed, unconverted}
}

const notImportedLink = (url: string) => `a link to \`${url}\` on the old site, which matches no imported document; kept as it is: point it at a document, or at an address that stays online`

/**
 * `source` with the edits, which do not overlap, spliced in: one pass, however many there are;
 * and where each edit's text starts in the result.
 */
function applied(source: string, edits: Edit[]): {text: string; starts: Map<Edit, number>} {
  const parts: string[] = []
  const starts = new Map<Edit, number>()
  let at = 0
  let length = 0
  for (const edit of [...edits].sort((a, b) => a.start - b.start)) {
    const before = source.slice(at, edit.start)
    parts.push(before, edit.text)
    starts.set(edit, length + before.length)
    length += before.length + edit.text.length
    at = edit.end
  }
  parts.push(source.slice(at))
  return {text: parts.join(''), starts}
}

const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`
const levelWords = ['', 'one level', 'two levels', 'three levels', 'four levels']
const levels = (shift: number) => levelWords[shift] ?? `${shift} levels`

interface Collected {
  headings: Heading[]
  links: (Link | Definition)[]
  /** Raw HTML, in document order, with the parent that holds it. */
  html: {node: Html; parent: Parent; index: number}[]
  /** Indented code at the top level, which a table with blank lines inside may have become. */
  indentedCode: RootContent[]
}

/** Every node the normalisation reads, in document order, in one walk. */
function collect(tree: Root, source: string): Collected {
  const collected: Collected = {headings: [], links: [], html: [], indentedCode: []}
  const stack: {parent: Parent; index: number}[] = [{parent: tree, index: 0}]
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!
    const node = top.parent.children[top.index++] as Nodes | undefined
    if (node === undefined) {
      stack.pop()
      continue
    }
    if (node.type === 'heading') collected.headings.push(node)
    else if (node.type === 'link' || node.type === 'definition') collected.links.push(node)
    else if (node.type === 'html') collected.html.push({node, parent: top.parent, index: top.index - 1})
    else if (node.type === 'code' && top.parent === tree && !/^[ \t]*(?:```|~~~)/.test(source.slice(node.position!.start.offset!, node.position!.start.offset! + 16))) {
      collected.indentedCode.push(node)
    }
    if ('children' in node) stack.push({parent: node, index: 0})
  }
  return collected
}

/** Comparable titles: case, spacing and trailing punctuation do not count. */
function comparable(title: string): string {
  const words = title.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ')
  // Trimmed from the end one character at a time: a regex anchored at the end would retry from every punctuation mark.
  let end = words.length
  while (end > 0 && /[\s\p{P}]/u.test(words[end - 1]!)) end--
  return words.slice(0, end).trim()
}

/** The leading `# Title` (ATX or setext) when it repeats the title, with the blank lines after it; again while the next one does too. */
function removeRepeatedTitles(tree: Root, source: string, title: string, lineStart: (line: number) => number): {edits: Edit[]; text: string} {
  const wanted = comparable(title)
  const edits: Edit[] = []
  let text = ''
  for (const node of tree.children) {
    if (node.type === 'yaml') continue
    if (wanted === '' || node.type !== 'heading' || node.depth !== 1) break
    const heading = toString(node)
    if (comparable(heading) !== wanted) break
    const start = lineStart(node.position!.start.line)
    const end = node.position!.end.offset!
    const blankLines = /^(?:\r\n|\n|\r)?(?:[ \t]*(?:\r\n|\n|\r))*/.exec(source.slice(end))![0]
    edits.push({start, end: end + blankLines.length, text: ''})
    text ||= heading
  }
  return {edits, text}
}

/**
 * Which headings move, and by how much, so the sections are `##`. With no `##` heading, the
 * shallowest heading below it becomes `##` and the deeper ones keep their distance (a site whose
 * page title was the `##`). With two or more `#` headings left once a repeated title is gone,
 * every heading goes one level deeper (comply and other tools write sections as `#`); a setext
 * or level-6 heading can't, and then nothing moves and the caller says so. `shift` is how many
 * levels each moves up (negative: down).
 */
function headingShift(headings: Heading[], source: string): {headings: Heading[]; shift: number; unshiftable?: Heading} {
  const atx = (heading: Heading) => source.slice(heading.position!.start.offset!, heading.position!.start.offset! + heading.depth + 1).replace(/[ \t\r\n]$/, '') === '#'.repeat(heading.depth)
  if (headings.filter((heading) => heading.depth === 1).length >= 2) {
    const unshiftable = headings.find((heading) => heading.depth === 6 || !atx(heading))
    return unshiftable ? {headings: [], shift: 0, unshiftable} : {headings, shift: -1}
  }
  const deeper = headings.filter((heading) => heading.depth > 2)
  if (deeper.length === 0 || headings.some((heading) => heading.depth === 2)) return {headings: [], shift: 0}
  const shift = deeper.reduce((shallowest, heading) => Math.min(shallowest, heading.depth), 6) - 2
  return {headings: deeper.filter(atx), shift}
}

/** The edits that move each ATX heading `shift` levels up (negative: down), closing sequences too. */
function shiftHeadings(headings: Heading[], shift: number, source: string): {edits: Edit[]; count: number} {
  const edits: Edit[] = []
  for (const heading of headings) {
    const start = heading.position!.start.offset!
    const end = heading.position!.end.offset!
    const depth = heading.depth - shift
    edits.push({start, end: start + heading.depth, text: '#'.repeat(depth)})
    // A closing sequence as long as the opening one stays as long.
    const contentEnd = heading.children.length > 0 ? heading.children[heading.children.length - 1]!.position!.end.offset! : start + heading.depth
    const closing = /^([ \t]+)(#+)[ \t]*$/.exec(source.slice(contentEnd, end))
    if (closing && closing[2]!.length === heading.depth) {
      const at = contentEnd + closing[1]!.length
      edits.push({start: at, end: at + heading.depth, text: '#'.repeat(depth)})
    }
  }
  return {edits, count: headings.length}
}


/** Where a link into the old site lands among the imported documents. */
function oldSite(context: BodyContext) {
  const bases = context.siteBases.flatMap((base) => {
    const url = parseUrl(base)
    return url && (url.protocol === 'http:' || url.protocol === 'https:') ? [{host: url.host.toLowerCase(), path: url.pathname.replace(/\/?$/, '/')}] : []
  })
  /** The path on the old site a URL names, from its root; undefined when it is not the old site's. */
  const sitePath = (url: string): string | undefined => {
    if (url.startsWith('/') && !url.startsWith('//') && !url.startsWith('/\\')) return url
    if (!/^https?:\/\//i.test(url)) return undefined
    const parsed = parseUrl(url)
    if (!parsed) return undefined
    for (const base of bases) {
      if (parsed.host.toLowerCase() !== base.host) continue
      if (parsed.pathname.startsWith(base.path)) return `/${parsed.pathname.slice(base.path.length)}${parsed.search}${parsed.hash}`
    }
    return undefined
  }
  /** The old page a relative link names, as a bundle links its neighbour: `../<slug>/`, `../<slug>/index.md`. */
  const relativePage = (url: string): string | undefined => {
    if (/^[a-z][a-z0-9+.-]*:/i.test(url) || url === '' || url.startsWith('/') || url.startsWith('#') || url.startsWith('?')) return undefined
    const page = url.replace(/[#?].*$/s, '')
    // `<id>.md`, what a link becomes, is not one: a second run leaves it.
    return /(?:\/|\/_?index\.md|\.html?)$/i.test(page) ? url : undefined
  }
  /** A document id, 'not imported' for a page of the old site no document came from, or undefined. */
  const target = (url: string): string | 'not imported' | undefined => {
    const relative = relativePage(url)
    const path = relative ?? sitePath(url)
    if (path === undefined) return undefined
    // A relative link that names no imported page may be to anything: only old-site addresses are noted.
    const notImported = relative === undefined ? 'not imported' : undefined
    const hashAt = path.indexOf('#')
    const page = hashAt === -1 ? path : path.slice(0, hashAt)
    // A query names something a document cannot be: left to the reader.
    if (page.includes('?')) return notImported
    const segments = page
      .replace(/\/(?:index\.html?|_?index\.md)$/i, '/')
      .replace(/\.html?$/i, '')
      .split('/')
      .filter((segment) => segment !== '' && segment !== '.' && segment !== '..')
    const slug = segments.length > 0 ? decodeSegment(segments[segments.length - 1]!) : undefined
    if (slug === undefined) return notImported
    const id: unknown = context.idForSlug(slug)
    // The lookup may be a plain object: `__proto__` or `constructor` must not pass for an id.
    return typeof id === 'string' && isDocumentId(id) ? id : notImported
  }
  /** The URL a cell's link gets: `<id>.md`, with its fragment. */
  const rewrite = (url: string): string | undefined => {
    const id = target(url)
    return id === undefined || id === 'not imported' ? undefined : `${id}.md${fragmentOf(url)}`
  }
  return {target, rewrite}
}

type OldSite = ReturnType<typeof oldSite>

function parseUrl(text: string): URL | undefined {
  try {
    return new URL(text)
  } catch {
    return undefined
  }
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment)
  } catch {
    return segment
  }
}

/**
 * The edit that points a link or definition at `<id>.md`, keeping its fragment, its title and
 * the form its destination was written in; undefined when the destination cannot be found.
 */
function destinationEdit(node: Link | Definition, source: string, id: string): Edit | undefined {
  const start = node.position!.start.offset!
  const end = node.position!.end.offset!
  if (node.type === 'link' && source[start] === '<') {
    // An autolink shows its URL: the text stays, the destination becomes the document.
    return {start, end, text: `[${escapeText(node.url)}](${id}.md${fragmentOf(node.url)})`}
  }
  let at: number
  if (node.type === 'link') {
    at = node.children.length > 0 ? node.children[node.children.length - 1]!.position!.end.offset! : start + 1
    if (source.slice(at, at + 2) !== '](') return undefined
    at += 2
  } else {
    at = start + 1
    while (at < end && source[at] !== ']') at += source[at] === '\\' ? 2 : 1
    if (source.slice(at, at + 2) !== ']:') return undefined
    at += 2
  }
  at += /^[ \t]*(?:(?:\r\n|\n|\r)[ \t>]*)?/.exec(source.slice(at, end))![0].length
  const raw = rawDestination(source, at, end)
  if (raw === undefined || unescaped(raw) !== node.url) return undefined
  const angled = raw.startsWith('<')
  const inner = angled ? raw.slice(1, -1) : raw
  const destination = `${id}.md${fragmentOf(inner)}`
  return {start: at, end: at + raw.length, text: angled ? `<${destination}>` : destination}
}

const fragmentOf = (url: string) => {
  const hashAt = url.indexOf('#')
  return hashAt === -1 ? '' : url.slice(hashAt)
}

/** A link destination as CommonMark reads it from `at`: `<…>`, or a run with balanced parentheses. */
function rawDestination(source: string, at: number, end: number): string | undefined {
  if (source[at] === '<') {
    let index = at + 1
    while (index < end && source[index] !== '>' && source[index] !== '\n' && source[index] !== '<') index += source[index] === '\\' ? 2 : 1
    return source[index] === '>' ? source.slice(at, index + 1) : undefined
  }
  let index = at
  let depth = 0
  while (index < end) {
    const character = source[index]!
    if (character === '\\' && index + 1 < end) {
      index += 2
      continue
    }
    if (/[\s\u0000-\u001f\u007f]/.test(character)) break
    if (character === '(') depth++
    if (character === ')') {
      if (depth === 0) break
      depth--
    }
    index++
  }
  return index > at ? source.slice(at, index) : undefined
}

/** A destination's text as the parser gives it, for one without entities; with one, unknown. */
function unescaped(raw: string): string | undefined {
  const inner = raw.startsWith('<') ? raw.slice(1, -1) : raw
  if (inner.includes('&')) return undefined
  return inner.replace(/\\([!-/:-@[-`{-~])/g, '$1')
}

interface TableTag {
  offset: number
  end: number
  open: boolean
  /** In indented code: part of a table only when a table's tags around it say so. */
  inCode: boolean
}

/** A table written as GFM, waiting to be read back in the body. */
interface TableEdit {
  edit: Edit
  /** Where its `<table` was, for a note. */
  tagOffset: number
  cells: string[][]
  headerPromoted: boolean
  rewrittenLinks: number
  /** Links in its cells to old pages no document came from. */
  notImported: string[]
}

/**
 * A bigger table stays HTML: a GFM row is one line, and the parser's cost for a line grows faster
 * than its length when it is dense with escapes. Policy tables are a few KB at most.
 */
const maxTableMarkdown = 32 * 1024

interface TableMatch {
  closeStart: number
  closeEnd: number
  nested: boolean
}

/**
 * Each raw HTML table that opens an HTML block: converted when simple, otherwise noted. A table
 * with blank lines inside spans several blocks (older Markdown engines read it whole); at the top
 * level it is read whole too, when only HTML and indented code lie between its tags.
 */
function tableEdits(nodes: Collected, source: string, lineStart: (line: number) => number, site: OldSite) {
  const result = {conversions: [] as TableEdit[], notes: [] as {offset: number; text: string}[]}
  const tags = tableTags(nodes, source)
  const matches = matchTags(tags)
  // Tables are met in document order, so what they cover so far ends at one offset.
  let handledTo = 0
  const handled: [number, number][] = []
  const handle = (from: number, to: number) => {
    handled.push([from, to])
    handledTo = Math.max(handledTo, to)
  }
  const codeIndex = new Set(nodes.indentedCode)

  for (const {node, parent, index} of nodes.html) {
    const nodeStart = node.position!.start.offset!
    const nodeEnd = node.position!.end.offset!
    const tagOffset = nodeStart + /^[ \t]*/.exec(source.slice(nodeStart, nodeEnd))![0].length
    if (!isBlockHtml(parent) || tagOffset < handledTo || !/^<table(?=[\s/>])/i.test(source.slice(tagOffset, tagOffset + 7))) continue
    const match = matches.get(tagOffset)
    const kept = (reason: string) => result.notes.push({offset: tagOffset, text: `an HTML table ${reason}, ${keptAsHtml}`})
    if (!match) {
      handle(tagOffset, nodeEnd)
      kept('not closed by `</table>`')
      continue
    }
    handle(tagOffset, match.closeEnd)
    // The block the closing tag is in, and whether the table is one HTML block.
    let last: RootContent | Html = node
    if (match.closeStart >= nodeEnd) {
      if (parent.type !== 'root') {
        kept('with blank lines inside it, in a list or block quote')
        continue
      }
      let reason: string | undefined
      const siblings = (parent as Root).children
      for (let next = index + 1; next < siblings.length; next++) {
        const sibling = siblings[next]!
        if (sibling.position!.start.offset! > match.closeStart) break
        if (sibling.type !== 'html' && !codeIndex.has(sibling)) reason = 'with Markdown between its tags'
        last = sibling
      }
      if (reason) {
        kept(reason)
        continue
      }
    }
    const lineEnd = endOfLine(source, match.closeEnd)
    if (!/^[ \t]*$/.test(source.slice(match.closeEnd, lineEnd))) {
      kept('followed by more HTML on the line of its `</table>`')
      continue
    }
    if (match.nested) {
      kept('with a table inside it')
      continue
    }
    const html = last === node && parent.type !== 'root' ? node.value.split(/(?<=\n)/).slice(0, lineCount(source, nodeStart, match.closeStart)).join('') : source.slice(tagOffset, match.closeEnd)
    const notImported: string[] = []
    const conversion = convertTable(html, (url) => {
      const rewritten = site.rewrite(url)
      if (rewritten === undefined && site.target(url) === 'not imported') notImported.push(url)
      return rewritten
    })
    if ('reason' in conversion) {
      kept(conversion.reason)
      continue
    }
    if (conversion.lines.reduce((length, line) => length + line.length, 0) > maxTableMarkdown) {
      kept(`of more than ${maxTableMarkdown / 1024} KB as a Markdown table`)
      continue
    }
    // Lines after the first carry the container's prefix: a block quote's `>`, a list item's indent.
    const prefix = source.slice(lineStart(node.position!.start.line), nodeStart).replace(/[^>\t ]/g, ' ')
    lineEnding.lastIndex = nodeStart
    const ending = lineEnding.exec(source)?.[0] ?? '\n'
    // HTML after the table in the same block is set apart, or it would become a row.
    const rest = last.position!.end.offset! > lineEnd ? `${ending}${prefix.trimEnd()}` : ''
    result.conversions.push({
      edit: {start: nodeStart, end: lineEnd, text: conversion.lines.join(ending + prefix) + rest},
      tagOffset,
      cells: conversion.cells,
      headerPromoted: conversion.headerPromoted,
      rewrittenLinks: conversion.rewrittenLinks,
      notImported
    })
  }

  let region = 0
  for (const tag of tags) {
    while (region < handled.length && handled[region]![1] <= tag.offset) region++
    const inTable = region < handled.length && handled[region]![0] <= tag.offset
    if (tag.open && !inTable && !tag.inCode) {
      result.notes.push({offset: tag.offset, text: `an HTML table inside other HTML or a paragraph, ${keptAsHtml}`})
    }
  }
  return result
}

/** Whether raw HTML in `parent` is a block of its own (not HTML inside a paragraph or heading). */
function isBlockHtml(parent: Parent): boolean {
  return parent.type === 'root' || parent.type === 'blockquote' || parent.type === 'listItem'
}

/** `<table` and `</table>` in raw HTML and top-level indented code, outside HTML comments. */
function tableTags(nodes: Collected, source: string): TableTag[] {
  const tags: TableTag[] = []
  const ranges = [...nodes.html.map(({node}) => [node, false] as const), ...nodes.indentedCode.map((node) => [node, true] as const)].map(
    ([node, inCode]) => [node.position!.start.offset!, node.position!.end.offset!, inCode] as const
  )
  ranges.sort((a, b) => a[0] - b[0])
  const pattern = /<!--[\s\S]*?(?:-->|$)|<table(?=[\s/>])|<\/table[ \t\r\n]*>/gi
  for (const [start, end, inCode] of ranges) {
    const text = source.slice(start, end)
    pattern.lastIndex = 0
    for (let found = pattern.exec(text); found; found = pattern.exec(text)) {
      if (found[0].startsWith('<!--')) continue
      tags.push({offset: start + found.index, end: start + found.index + found[0].length, open: found[0][1] !== '/', inCode})
    }
  }
  return tags
}

/** Each opening tag's matching close, as an HTML parser nests them; one pass over every tag. */
function matchTags(tags: TableTag[]): Map<number, TableMatch> {
  const matches = new Map<number, TableMatch>()
  const open: number[] = []
  tags.forEach((tag, index) => {
    if (tag.open) open.push(index)
    else if (open.length > 0) {
      const opened = open.pop()!
      matches.set(tags[opened]!.offset, {closeStart: tag.offset, closeEnd: tag.end, nested: index - opened > 1})
    }
  })
  return matches
}

const lineEnding = /\r\n|\n|\r/g

function endOfLine(source: string, offset: number): number {
  lineEnding.lastIndex = offset
  return lineEnding.exec(source)?.index ?? source.length
}

/** How many lines run from `from` to the line holding `to`, that one included. */
function lineCount(source: string, from: number, to: number): number {
  return (source.slice(from, to).match(/\r\n|\n|\r/g)?.length ?? 0) + 1
}

/**
 * The body with every edit, after the converted tables are read back in it, with one parse: each
 * must be a table where it was written, with the same rows and cells, the same text, formatting and
 * link targets. One that is not stays HTML, noted; so do all of them when the body would no longer parse.
 */
function withVerifiedTables(source: string, edits: Edit[], conversions: TableEdit[]): {text: string; accepted: TableEdit[]; refused: {offset: number; text: string}[]} {
  let accepted = conversions
  const refused: {offset: number; text: string}[] = []
  const refuse = (conversion: TableEdit, reason: string) => refused.push({offset: conversion.tagOffset, text: `an HTML table ${reason}, ${keptAsHtml}`})
  // Each round keeps fewer tables; a table's reading depends little on its neighbours, so one round is the rule.
  for (let round = 0; ; round++) {
    const {text, starts} = applied(source, [...edits, ...accepted.map((conversion) => conversion.edit)])
    if (accepted.length === 0) return {text, accepted, refused}
    const document = parseDocument('body.md', text, noFrontMatter)
    if (document.unreadable || round === 3) {
      for (const conversion of accepted) refuse(conversion, document.unreadable ? 'whose Markdown form would leave the body unreadable' : 'whose cells have no exact Markdown form')
      accepted = []
      continue
    }
    const tables = new Map<number, Table>()
    const stack: Nodes[] = [document.tree]
    while (stack.length > 0) {
      const node = stack.pop()!
      if (node.type === 'table') tables.set(node.position!.start.offset!, node)
      else if ('children' in node) for (const child of node.children) stack.push(child)
    }
    const failed = new Set(accepted.filter((conversion) => !readsBack(tables.get(starts.get(conversion.edit)!), conversion.cells)))
    if (failed.size === 0) return {text, accepted, refused}
    for (const conversion of failed) refuse(conversion, 'whose cells have no exact Markdown form')
    accepted = accepted.filter((conversion) => !failed.has(conversion))
  }
}

function readsBack(table: Table | undefined, cells: string[][]): boolean {
  if (table === undefined || table.children.length !== cells.length) return false
  return table.children.every((row, r) => row.children.length === cells[r]!.length && row.children.every((cell, c) => readBack(cell) === cells[r]![c]))
}
