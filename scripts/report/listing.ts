// The formats every listing command offers (audit, history, due, coverage), and the one way a
// command hands its result to the printer for the format asked for.

export const listingFormats = ['text', 'json', 'markdown'] as const
export type ListingFormat = (typeof listingFormats)[number]

/** How one result type is printed, per format; a command may offer more than the three. */
export type Printers<T, Format extends string = ListingFormat> = Record<Format, (result: T) => string>

/** The result as the format's printer writes it. */
export function print<T, Format extends string>(printers: Printers<T, Format>, format: Format, result: T): string {
  return printers[format](result)
}

/** A value inside a Markdown table cell: a `|` would end the cell. */
export const tableCell = (value: string) => value.replaceAll('|', '\\|')

/** A JSON document on its own lines, two-space indented, as every listing prints it. */
export const jsonText = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`
