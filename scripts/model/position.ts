// Offsets into a file's text, and the unist positions (line, column) messages show.
import type {Position} from 'unist'
import type {VFile} from 'vfile'
import {location} from 'vfile-location'

/** A problem found while reading a file, as offsets into its text (or into its YAML source). */
export interface Problem {
  start: number
  end: number
  reason: string
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

/** Lets go of the line index `positionAt` keeps for the file, which holds the file's text. */
export function forgetPositions(file: VFile): void {
  locations.delete(file)
}
