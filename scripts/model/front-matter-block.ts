// Where a document's front matter sits: the one definition of its `---` fences, shared by the
// parser, the readers of git history and the front matter editor. remark-frontmatter finds the
// same block (test/parse.test.ts compares them).

/** A `---` line, the YAML (possibly none), and the next `---` line; a byte order mark may lead. */
const block = /^(\uFEFF?---[ \t]*\r?\n)(?:([\s\S]*?)\r?\n)??---[ \t]*(?:\r?\n|$)/
const opening = /^\uFEFF?---[ \t]*(?:\r?\n|$)/

export interface FrontMatterBlock {
  /** Offset where the YAML source starts, after the opening `---` line. */
  start: number
  /** Offset where the YAML source ends, before the closing `---` line. */
  end: number
  /** Offset just past the closing `---` line: where the body starts. */
  bodyStart: number
}

export function findFrontMatter(text: string): FrontMatterBlock | undefined {
  const match = block.exec(text)
  if (!match) return undefined
  const start = match[1]!.length
  return {start, end: start + (match[2]?.length ?? 0), bodyStart: match[0].length}
}

/** Whether the text opens a front matter block, closed or not. */
export function opensFrontMatter(text: string): boolean {
  return opening.test(text)
}

/** The YAML source of the front matter, or '' when there is none. */
export function frontMatterSource(text: string): string {
  const found = findFrontMatter(text)
  return found ? text.slice(found.start, found.end) : ''
}

/** Everything after the front matter block, with CRLF read as LF. */
export function bodyOf(text: string): string {
  const found = findFrontMatter(text)
  return (found ? text.slice(found.bodyStart) : text).replace(/\r\n/g, '\n')
}
