// Calendar arithmetic behind review deadlines: real dates only, month ends clamp.
import {describe, expect, it} from 'vitest'
import {addDuration, formatDay, parseDay, parseDuration, systemToday} from '../scripts/model/dates'

const add = (date: string, duration: string) => formatDay(addDuration(parseDay(date)!, parseDuration(duration)!))

describe('dates', () => {
  it('accepts real dates only', () => {
    expect(parseDay('2024-02-29')).toBe(19782)
    expect(parseDay('2025-02-29')).toBeUndefined()
    expect(parseDay('2025-02-30')).toBeUndefined()
    expect(parseDay('2025-13-01')).toBeUndefined()
    expect(parseDay('2025-1-01')).toBeUndefined()
    expect(parseDay('2025-01-01T00:00')).toBeUndefined()
  })

  it('adds intervals, clamping to the end of a shorter month', () => {
    expect(add('2025-01-31', '1 month')).toBe('2025-02-28')
    expect(add('2024-01-31', '1 month')).toBe('2024-02-29')
    expect(add('2024-02-29', '1 year')).toBe('2025-02-28')
    expect(add('2025-03-01', '12 months')).toBe('2026-03-01')
    expect(add('2025-12-31', '2 weeks')).toBe('2026-01-14')
    expect(add('2025-12-31', '90 days')).toBe('2026-03-31')
  })

  it('reads durations in the config and front matter form', () => {
    expect(parseDuration('12 months')).toEqual({count: 12, unit: 'month'})
    expect(parseDuration('1 year')).toEqual({count: 1, unit: 'year'})
    expect(parseDuration('0 days')).toBeUndefined()
    expect(parseDuration('a year')).toBeUndefined()
  })

  it('takes today from the local calendar date, not UTC', () => {
    expect(formatDay(systemToday(new Date(2026, 0, 31, 23, 59)))).toBe('2026-01-31')
    expect(formatDay(systemToday(new Date(2026, 1, 1, 0, 1)))).toBe('2026-02-01')
  })
})
