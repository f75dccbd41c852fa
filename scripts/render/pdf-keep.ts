// Keeps each heading with what it heads: a heading with too little room below it, or whose next
// block starts on a later page, moves to the next page. pdfmake lays the whole PDF out again for
// each heading its `pageBreakBefore` moves; a heading moved shifts only its own document (each
// starts a page), so here every document's first lonely heading moves in the same pass, and the
// passes are as many as the most headings one document moves, not as all of them.

/** What pdfmake leaves on a laid-out node: where its lines went. */
interface Placed {
  id?: string
  pageBreak?: string
  pageBreakCalculated?: boolean
  positions?: {pageNumber: number; pageInnerHeight: number; verticalRatio: number}[]
  stack?: Placed[]
  ul?: Placed[]
  ol?: Placed[]
  columns?: Placed[]
  table?: {body: Placed[][]}
  text?: unknown
}

/** Room a heading needs below its top: itself and about four lines of text. */
const keepRoom = 96

export class HeadingKeeper {
  /** Per document, each heading (with an id) and the block after it, as laid out. */
  private readonly documents: {heading: Placed; next: Placed | undefined}[][] = []
  private plannedPass = -1
  private trigger: string | undefined

  /** Notes the headings (blocks with a `headlineLevel` and an id) among a document's top-level blocks, and returns the blocks. */
  kept<Block>(blocks: Block[]): Block[] {
    const placed = blocks as unknown[]
    const isHeading = (block: unknown): block is Placed => typeof block === 'object' && block !== null && 'headlineLevel' in block && typeof (block as Placed).id === 'string'
    this.documents.push(placed.flatMap((block, index) => (isHeading(block) ? [{heading: block, next: placed[index + 1] as Placed | undefined}] : [])))
    return blocks
  }

  /** pdfmake's `pageBreakBefore`, asked node by node after each layout `pass`. */
  breakBefore(node: {id?: string}, pass: number): boolean {
    if (pass !== this.plannedPass) this.plan(pass)
    return this.trigger !== undefined && node.id === this.trigger
  }

  private plan(pass: number): void {
    this.plannedPass = pass
    const lonely = this.documents.flatMap((headings) => {
      const first = headings.find(({heading, next}) => heading.pageBreak !== 'before' && alone(heading, next))
      return first ? [first.heading] : []
    })
    // pdfmake lays out again only when it asks about a node and is told to break: the first heading
    // is that one; the others are broken here, in the same pass.
    const [first, ...rest] = lonely
    for (const heading of rest) heading.pageBreak = 'before'
    if (first) first.pageBreakCalculated = false
    this.trigger = first?.id
  }
}

function alone(heading: Placed, next: Placed | undefined): boolean {
  const at = heading.positions?.[0]
  if (!at) return false
  if (at.pageInnerHeight * (1 - at.verticalRatio) < keepRoom) return true
  const after = next && firstPosition(next)
  return after !== undefined && after.pageNumber > at.pageNumber
}

function firstPosition(node: Placed): {pageNumber: number} | undefined {
  if (node.positions && node.positions.length > 0) return node.positions[0]
  const first = node.stack?.[0] ?? node.ul?.[0] ?? node.ol?.[0] ?? node.columns?.[0] ?? node.table?.body[0]?.[0]
  return first && typeof first === 'object' ? firstPosition(first) : undefined
}
