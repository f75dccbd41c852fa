// Reading single values of a source's front matter as Charter's: dates in the forms site tools
// write, and control ids in the maps policy tools keep. A value that does not read as one is
// left for the caller to report, never guessed at.
import {catalogs} from '../../model/catalogs'
import {parseDay} from '../../model/dates'
import type {Framework} from '../../model/document'
import type {SourceValue} from './source-front-matter'

const months = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december']

// `2024-03-01`, `2024-03-01T09:30:00Z`, `2024-03-01 09:30:00 +0100` (Jekyll), with or without seconds.
const isoDate = /^(\d{4}-\d{2}-\d{2})(?:[Tt ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?: ?(?:[Zz]|[+-]\d{2}:?\d{2}))?)?$/
// `March 1, 2024`, `Mar 1 2024` (comply), `1 March 2024`.
const monthFirst = /^([A-Za-z]{3,9})\.? (\d{1,2}),? (\d{4})$/
const dayFirst = /^(\d{1,2}) ([A-Za-z]{3,9})\.?,? (\d{4})$/

/**
 * The calendar date a value names, as YYYY-MM-DD, or undefined. A date and time counts by the
 * date written, in its own offset. Forms whose order of day and month is unclear (`03/04/2024`)
 * are not read.
 */
export function sourceDay(value: SourceValue | undefined): string | undefined {
  if (typeof value !== 'string') return undefined
  const text = value.trim()
  const iso = isoDate.exec(text)
  if (iso) return parseDay(iso[1]!) === undefined ? undefined : iso[1]
  const first = monthFirst.exec(text)
  const second = first ? undefined : dayFirst.exec(text)
  const [monthName, day, year] = first ? [first[1]!, first[2]!, first[3]!] : second ? [second[2]!, second[1]!, second[3]!] : []
  const month = monthName === undefined ? undefined : monthNumber(monthName)
  if (month === undefined) return undefined
  const written = `${year}-${String(month).padStart(2, '0')}-${day!.padStart(2, '0')}`
  return parseDay(written) === undefined ? undefined : written
}

/** `Mar`, `March` and `Sept` read; `Marchh` does not. */
function monthNumber(name: string): number | undefined {
  const lower = name.toLowerCase()
  const index = months.findIndex((month) => month === lower || month.slice(0, 3) === lower || (lower === 'sept' && month === 'september'))
  return index === -1 ? undefined : index + 1
}

/** Which framework a control id belongs to, as the catalog spells it; undefined when neither catalog has it. */
export function controlOf(text: string): {framework: Framework; id: string} | undefined {
  const compact = text.trim().replace(/\s+/g, '')
  const soc2 = /^(CC|A|C|PI|P)(\d+)\.(\d+)$/i.exec(compact)
  if (soc2) {
    const id = `${soc2[1]!.toUpperCase()}${Number(soc2[2])}.${Number(soc2[3])}`
    if (catalogs.soc2.byId.has(id)) return {framework: 'soc2', id}
  }
  const iso = /^A\.?(\d+)\.(\d+)$/i.exec(compact)
  if (iso) {
    const id = `A.${Number(iso[1])}.${Number(iso[2])}`
    if (catalogs.iso27001.byId.has(id)) return {framework: 'iso27001', id}
  }
  return undefined
}

/** Keys that hold control ids: comply's `satisfies: {TSC: […]}`, and lists or maps other tools write. */
export const controlKeys = ['satisfies', 'controls', 'soc2', 'tsc', 'iso27001', 'iso'] as const

export interface ControlsRead {
  soc2: string[]
  iso27001: string[]
  /** Ids neither catalog has, as written. */
  unknown: string[]
}

/** The control ids a recognised key holds, wherever they nest (a list, or a map of frameworks to lists). */
export function controlsIn(value: SourceValue): ControlsRead {
  const read: ControlsRead = {soc2: [], iso27001: [], unknown: []}
  const visit = (item: SourceValue, depth: number) => {
    if (depth > 3) return
    if (typeof item === 'string' || typeof item === 'number') {
      const text = String(item)
      const control = controlOf(text)
      if (!control) read.unknown.push(text)
      else if (!read[control.framework].includes(control.id)) read[control.framework].push(control.id)
    } else if (Array.isArray(item)) {
      for (const entry of item) visit(entry, depth + 1)
    } else if (item !== null && typeof item === 'object') {
      for (const key of Object.keys(item)) visit(item[key]!, depth + 1)
    }
  }
  visit(value, 0)
  return read
}
