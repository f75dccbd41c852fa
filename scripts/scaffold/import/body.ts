// The body of an imported document, made to read as a Charter document. A placeholder that
// keeps the text as it is, until the body transforms land.

export interface BodyContext {
  title: string
  siteBases: string[]
  idForSlug(slug: string): string | undefined
}

/** 1-based, in the input body. */
export interface BodyNote {
  line: number
  column: number
  text: string
}

export interface BodyResult {
  text: string
  changed: string[]
  unconverted: BodyNote[]
}

export function normaliseBody(body: string, _context: BodyContext): BodyResult {
  return {text: body, changed: [], unconverted: []}
}
