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
/** Above a table: itself, the header row and a first row of a few lines, which move as one. */
const keepRoomAboveTable = 160

export class HeadingKeeper {
  /** Per document, each heading (with an id) and the block after it, as laid out. */
  private readonly documents: {heading: Placed; next: Placed | undefined; subheadings: Placed[]}[][] = []
  /** The headings this keeper moved to a new page. */
  private readonly moved = new Set<Placed>()
  private plannedPass = -1
  private trigger: string | undefined

  /** Notes the headings (blocks with a `headlineLevel` and an id) among a document's top-level blocks, and returns the blocks. */
  kept<Block>(blocks: Block[]): Block[] {
    const placed = blocks as unknown[]
    const isHeading = (block: unknown): block is Placed => typeof block === 'object' && block !== null && 'headlineLevel' in block && typeof (block as Placed).id === 'string'
    // The headings directly under a heading (a subheading with no text between): they go where it goes.
    const subheadings = (index: number) => {
      const found: Placed[] = []
      for (let at = index + 1; at < placed.length && isHeading(placed[at]); at++) found.push(placed[at] as Placed)
      return found
    }
    this.documents.push(placed.flatMap((block, index) => (isHeading(block) ? [{heading: block, next: placed[index + 1] as Placed | undefined, subheadings: subheadings(index)}] : [])))
    return blocks
  }

  /** pdfmake's `pageBreakBefore`, asked node by node after each layout `pass`. */
  breakBefore(node: {id?: string}, pass: number): boolean {
    if (pass !== this.plannedPass) this.plan(pass)
    const moved = this.trigger !== undefined && node.id === this.trigger
    // pdfmake asks only about nodes it has not asked about yet, from where the last pass stopped:
    // every heading is asked again in the next pass, so one that a move left alone above its
    // subheading (now on the next page) is seen and moved too.
    if (moved) for (const headings of this.documents) for (const {heading} of headings) heading.pageBreakCalculated = false
    return moved
  }

  private plan(pass: number): void {
    this.plannedPass = pass
    const lonely = this.documents.flatMap((headings) => {
      const first = headings.find(({heading, next}) => heading.pageBreak !== 'before' && alone(heading, next))
      if (!first) return []
      // A subheading moved earlier follows its heading to the new page instead of leaving it alone on one.
      for (const subheading of first.subheadings) {
        if (!this.moved.delete(subheading)) continue
        delete subheading.pageBreak
        subheading.pageBreakCalculated = false
      }
      this.moved.add(first.heading)
      return [first.heading]
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
  if (at.pageInnerHeight * (1 - at.verticalRatio) < (next?.table ? keepRoomAboveTable : keepRoom)) return true
  const after = next && firstPosition(next)
  return after !== undefined && after.pageNumber > at.pageNumber
}

function firstPosition(node: Placed): {pageNumber: number} | undefined {
  if (node.positions && node.positions.length > 0) return node.positions[0]
  const first = node.stack?.[0] ?? node.ul?.[0] ?? node.ol?.[0] ?? node.columns?.[0] ?? node.table?.body[0]?.[0]
  return first && typeof first === 'object' ? firstPosition(first) : undefined
}
