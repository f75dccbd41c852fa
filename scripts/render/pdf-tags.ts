// The PDF's structure tree as the document definition states it: each block of pdfmake content
// carries the tag (H2, P, TD…) of the structure element its lines belong to, and each tag knows its
// parent and children, so the renderer (pdf-renderer.ts) builds the tree in reading order once and
// marks every drawn run under its element. What carries no tag is drawn as an artifact.
import type {Content} from 'pdfmake/interfaces'

/** A structure element of the PDF (a standard structure type of PDF 1.7, 14.8.4), or an artifact. */
export interface Tag {
  role: string
  parent?: Tag
  children: Tag[]
  /** A figure's alternate text, or a link's description (the annotation's Contents). */
  alt?: string
  /** Which cells a header cell heads. */
  scope?: 'Row' | 'Column' | 'Both'
  colSpan?: number
  rowSpan?: number
}

/** Page headers and footers, and a table's header row repeated on a later page: artifacts of pagination. */
export const pagination: Tag = {role: 'Artifact', children: []}
/** What only draws the page (a dotted leader's blank): an artifact of layout. */
export const layout: Tag = {role: 'Artifact', children: []}

const isArtifact = (candidate: Tag) => candidate === pagination || candidate === layout

/** A new structure element under `parent`, after the children it has. */
export function tag(role: string, parent?: Tag, details: Omit<Tag, 'role' | 'parent' | 'children'> = {}): Tag {
  const created: Tag = {role, children: [], ...details}
  if (parent) attach(created, parent)
  return created
}

function attach(child: Tag, parent: Tag): void {
  child.parent = parent
  parent.children.push(child)
}

interface Tagged {
  tag?: Tag
  text?: unknown
  stack?: Content[]
  ul?: Content[]
  ol?: Content[]
  columns?: Content[]
  table?: {body: Content[][]}
}

/**
 * Puts `content` under `parent`: a text without a tag becomes part of `parent`, a tagged block
 * whose tree has no parent yet is attached under it, in the order met, which is reading order.
 * Inline texts inside a text (a link's words) go under that text's own tag. Returns the content,
 * a bare string made a text that carries the tag.
 */
export function adopt<Block extends Content>(content: Block, parent: Tag): Block {
  if (typeof content === 'string') return {text: content, tag: parent} as unknown as Block
  if (typeof content !== 'object' || content === null) return content
  const node = content as Tagged
  if (node.tag) {
    // A block already in the tree that `parent` is in (the items of a list built before it) stays where it is.
    const root = rootOf(node.tag)
    if (root !== rootOf(parent) && !isArtifact(root)) attach(root, parent)
    if (Array.isArray(node.text)) for (const part of node.text) adoptInline(part, node.tag)
    return content
  }
  if (node.text !== undefined) {
    node.tag = parent
    if (Array.isArray(node.text)) for (const part of node.text) adoptInline(part, parent)
    return content
  }
  for (const key of ['stack', 'ul', 'ol', 'columns'] as const) {
    const list = node[key]
    if (list) for (let index = 0; index < list.length; index++) list[index] = adopt(list[index]!, parent)
  }
  if (node.table) for (const row of node.table.body) for (let index = 0; index < row.length; index++) row[index] = adopt(row[index]!, parent)
  return content
}

function rootOf(start: Tag): Tag {
  let root = start
  while (root.parent) root = root.parent
  return root
}

/** A link's tag inside a text: its words go under the text's element. */
function adoptInline(part: unknown, parent: Tag): void {
  if (typeof part !== 'object' || part === null) return
  const inline = part as Tagged
  if (inline.tag && !inline.tag.parent && inline.tag !== parent && !isArtifact(inline.tag)) attach(inline.tag, parent)
  if (Array.isArray(inline.text)) for (const inner of inline.text) adoptInline(inner, parent)
}

declare module 'pdfmake/interfaces' {
  interface Style {
    /** The structure element this content is drawn under (pdf-tags.ts); pdfmake copies it onto each word it lays out. */
    tag?: Tag
  }
}
