// A CSV file as rows of cells, each row with the line it starts on (RFC 4180: quoted cells, `""`
// inside quotes, line breaks inside quotes, CRLF or LF). A spreadsheet export is hostile input:
// its size, its rows' width and each cell's length are bounded, and a quote left open is refused.
import {closeSync, fstatSync, openSync} from 'node:fs'
import {firstInvalidByte, readFlags, readUpTo, utf8} from './files'

export const maxCsvBytes = 5 * 1024 * 1024
const maxCells = 200
const maxCellLength = 10_000

export interface CsvRow {
  /** The line the row starts on, counting from 1. */
  line: number
  cells: string[]
}

/** A problem that keeps the whole file from being read, with the line it was found on. */
export class CsvProblem extends Error {
  constructor(
    readonly line: number,
    message: string,
    /** The column on that line, counting from 1, when the problem sits at one character. */
    readonly column?: number
  ) {
    super(message)
  }
}

/** Reads the CSV file at `path` (a path given on the command line); throws CsvProblem when it cannot be read as CSV. */
export function readCsvFile(path: string): CsvRow[] {
  let descriptor: number
  try {
    descriptor = openSync(path, readFlags)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT') throw new CsvProblem(1, 'Unexpected missing file; check the path of the CSV export')
    if (code === 'EACCES' || code === 'EPERM') throw new CsvProblem(1, 'Unexpected file that cannot be read (permission denied); check its permissions')
    if (code === 'EISDIR') throw new CsvProblem(1, 'Unexpected folder, expected a CSV file')
    throw error
  }
  let bytes: Buffer
  try {
    const stats = fstatSync(descriptor)
    if (!stats.isFile()) throw new CsvProblem(1, 'Unexpected special file, expected a CSV file')
    if (stats.size > maxCsvBytes) throw new CsvProblem(1, `Unexpected ${(stats.size / 1024 / 1024).toFixed(1)} MB file, expected a CSV export under 5 MB; split it into several imports`)
    bytes = readUpTo(descriptor, stats.size)
  } finally {
    closeSync(descriptor)
  }
  let text: string
  try {
    text = utf8.decode(bytes)
  } catch {
    throw new CsvProblem(firstInvalidByte(bytes).line, 'Unexpected bytes that are not UTF-8; export the sheet as "CSV UTF-8"')
  }
  return parseCsv(text)
}

/** The rows of CSV text (a leading byte order mark already dropped); blank lines are skipped. */
export function parseCsv(source: string): CsvRow[] {
  const text = source.replace(/^\uFEFF/, '')
  const rows: CsvRow[] = []
  let line = 1
  let lineStart = 0
  let index = 0
  while (index < text.length) {
    const start = line
    const cells: string[] = []
    let cell = ''
    let quoted = false
    let closed = false
    let ended = false
    while (index < text.length && !ended) {
      const character = text[index]!
      if (quoted) {
        if (character === '"' && text[index + 1] === '"') {
          cell += '"'
          index += 2
          continue
        }
        if (character === '"') {
          quoted = false
          closed = true
        } else {
          if (character === '\n') {
            line++
            lineStart = index + 1
          }
          cell += character
        }
        index++
      } else if (closed && character !== ',' && character !== '\n' && !(character === '\r' && text[index + 1] === '\n')) {
        // `"a"b` is not CSV: a spreadsheet would have quoted the whole cell and doubled the quote.
        throw new CsvProblem(line, `Unexpected \`${character}\` after the closing quote of a cell; quote the whole cell and write each quote inside it as ""`, index - lineStart + 1)
      } else if (character === '"' && cell === '') {
        quoted = true
        index++
      } else if (character === ',') {
        cells.push(cell)
        cell = ''
        closed = false
        index++
      } else if (character === '\n' || (character === '\r' && text[index + 1] === '\n')) {
        index += character === '\r' ? 2 : 1
        line++
        lineStart = index
        ended = true
      } else {
        cell += character
        index++
      }
      if (cell.length > maxCellLength) throw new CsvProblem(start, `Unexpected cell longer than ${maxCellLength} characters in the row starting on line ${start}; shorten it`)
      if (cells.length >= maxCells) throw new CsvProblem(start, `Unexpected row of more than ${maxCells} cells on line ${start}; remove the extra columns`)
    }
    if (quoted) throw new CsvProblem(start, `Unexpected end of file inside a quoted cell that starts on line ${start}; close the quote (a quote inside a cell is written "")`)
    cells.push(cell)
    if (!(cells.length === 1 && cells[0]!.trim() === '')) rows.push({line: start, cells})
  }
  return rows
}
