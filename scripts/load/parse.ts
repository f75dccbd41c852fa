// Reads one document's text into an mdast tree plus its YAML front matter, checked against
// schemas/policy.schema.json. Each file is parsed exactly once; rules only read the result.
import type {Nodes, Root, RootContent} from 'mdast'
import {gfmTableFromMarkdown} from 'mdast-util-gfm-table'
import {gfmTable} from 'micromark-extension-gfm-table'
import remarkFrontmatter from 'remark-frontmatter'
import remarkParse from 'remark-parse'
import {unified, type Processor} from 'unified'
import {VFile} from 'vfile'
import {location} from 'vfile-location'
import type {Position} from 'unist'
import {validatePolicy} from '../generated/validators.js'
import type {Document, DocumentMeta, NodeIndex} from '../document'
import {notAMapping, parseYaml, schemaProblems, type Problem} from './yaml'

// Documents need tables; other GFM syntax (autolink literals above all) costs parse time for
// nothing: CommonMark `<https://…>` autolinks already work.
function remarkGfmTables(this: Processor): void {
  const data = this.data()
  ;(data.micromarkExtensions ??= []).push(gfmTable())
  ;(data.fromMarkdownExtensions ??= []).push(gfmTableFromMarkdown())
}

const withTables = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkGfmTables)
const withoutTables = unified().use(remarkParse).use(remarkFrontmatter, ['yaml'])

// The table extension is tried at the start of every block, which costs a quarter of the parse.
// A table needs a delimiter row (`| --- | :-: |`, possibly inside `>` or a list), so a document
// without such a line parses to the same tree without it.
const delimiterRow = /^[ \t>]*(?=[^\n]*-)(?=[^\n]*\|)[|:\- \t]*\r?$/m

const openingFence = /^---[ \t]*(?:\r?\n|$)/

export function parseDocument(path: string, text: string): Document {
  const file = new VFile({path, value: text})
  const tree = (delimiterRow.test(text) ? withTables : withoutTables).parse(file) as Root
  const document: Document = {path, text, file, tree, nodes: indexNodes(tree), frontMatterProblems: [], meta: {}}
  const first = tree.children[0]
  if (first?.type !== 'yaml' || !first.position) {
    document.frontMatterProblems.push(missingFrontMatter(text))
    return document
  }
  const start = text.indexOf('\n', first.position.start.offset) + 1
  readFrontMatter(document, start, start + first.value.length, first.position.start.line + 1)
  return document
}

const frontMatterBlock = /^---[ \t]*\r?\n(?:([\s\S]*?)\r?\n)??---[ \t]*(?:\r?\n|$)/

/**
 * The front matter alone, for commands that need no Markdown (history, due, coverage, review):
 * the same fields and problems, without the cost of parsing the body.
 */
export function parseFrontMatterOnly(path: string, text: string): Document {
  const file = new VFile({path, value: text})
  const document: Document = {path, text, file, tree: {type: 'root', children: []}, nodes: indexNodes({type: 'root', children: []}), frontMatterProblems: [], meta: {}}
  const block = frontMatterBlock.exec(text)
  if (!block) {
    document.frontMatterProblems.push(missingFrontMatter(text))
    return document
  }
  const start = text.indexOf('\n') + 1
  readFrontMatter(document, start, start + (block[1]?.length ?? 0), 2)
  return document
}

/** Parses and validates the YAML between `start` and `end`, filling in the document's meta and problems. */
function readFrontMatter(document: Document, start: number, end: number, firstLine: number): void {
  const parsed = parseYaml(document.text.slice(start, end), firstLine)
  document.frontMatter = {yaml: parsed.yaml, start}
  // YAML problems are offsets into the YAML source; a missing key points at the opening fence.
  const inFile = (problem: Problem): Problem =>
    problem.start === problem.end && problem.start === 0
      ? {...problem, start: 0, end: 3}
      : {...problem, start: problem.start + start, end: problem.end + start}
  const fence: Problem = {start: 0, end: 0, reason: ''}
  const shape = parsed.problems.length === 0 ? notAMapping(parsed, 'front matter') : undefined
  let problems = shape ? [shape] : parsed.problems
  if (problems.length === 0 && validatePolicy(parsed.value)) {
    document.meta = parsed.value as DocumentMeta
  } else if (problems.length === 0) {
    const errors = validatePolicy.errors ?? []
    problems = schemaProblems(parsed, errors, fence)
    document.meta = validFields(parsed.value as Record<string, unknown>, errors.map((error) => error.instancePath))
  }
  document.frontMatterProblems = problems.map(inFile)
}

function missingFrontMatter(text: string): Problem {
  if (text.trim() === '') {
    return {start: 0, end: 0, reason: 'Unexpected empty file, expected a document starting with `---` front matter; see any file in policies/ for the shape'}
  }
  if (openingFence.test(text)) {
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

export function indexNodes(tree: Root): NodeIndex {
  const nodes: NodeIndex = {headings: [], links: [], code: [], html: [], htmlNext: [], outline: {type: 'root', children: []}}
  // Returns what the outline keeps of `node`: itself, its kept descendants, or nothing.
  const walk = (node: Nodes, next: Nodes | undefined): RootContent[] => {
    switch (node.type) {
      case 'heading':
        nodes.headings.push(node)
        break
      case 'link':
      case 'image':
      case 'definition':
        nodes.links.push(node)
        break
      case 'code':
      case 'inlineCode':
        nodes.code.push(node)
        return []
      case 'html':
        nodes.html.push(node)
        nodes.htmlNext.push(next?.position)
        return [node]
    }
    if (!('children' in node)) return []
    const children = node.children as Nodes[]
    const kept = children.flatMap((child, index) => walk(child, children[index + 1]))
    if (node.type === 'heading') return [node]
    if (node.type === 'list' || node.type === 'listItem') return [{...node, children: kept} as RootContent]
    return kept
  }
  nodes.outline.children = walk(tree, undefined)
  return nodes
}

const locations = new WeakMap<VFile, ReturnType<typeof location>>()

/** A unist position (line, column, offset) for offsets into a file's text. */
export function positionAt(file: VFile, start: number, end: number): Position {
  let place = locations.get(file)
  if (!place) locations.set(file, (place = location(file)))
  const length = String(file.value).length
  const point = (offset: number) => place.toPoint(Math.min(Math.max(offset, 0), length)) ?? {line: 1, column: 1, offset: 0}
  return {start: point(start), end: point(Math.max(start, end))}
}
