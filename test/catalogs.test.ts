// The shipped control catalogs: complete, unique, in the standards' order.
import {describe, expect, it} from 'vitest'
import {catalogs} from '../scripts/model/catalogs'

const range = (prefix: string, from: number, to: number) => Array.from({length: to - from + 1}, (_, index) => `${prefix}${from + index}`)

describe('control catalogs', () => {
  it('SOC 2 holds all 61 Trust Services Criteria in order', () => {
    expect(catalogs.soc2.controls.map((control) => control.id)).toEqual([
      ...range('CC1.', 1, 5), ...range('CC2.', 1, 3), ...range('CC3.', 1, 4), ...range('CC4.', 1, 2), ...range('CC5.', 1, 3),
      ...range('CC6.', 1, 8), ...range('CC7.', 1, 5), 'CC8.1', ...range('CC9.', 1, 2),
      ...range('A1.', 1, 3), ...range('C1.', 1, 2), ...range('PI1.', 1, 5),
      'P1.1', 'P2.1', ...range('P3.', 1, 2), ...range('P4.', 1, 3), ...range('P5.', 1, 2), ...range('P6.', 1, 7), 'P7.1', 'P8.1'
    ])
  })

  it('ISO/IEC 27001:2022 holds all 93 Annex A controls in order', () => {
    expect(catalogs.iso27001.controls.map((control) => control.id)).toEqual([
      ...range('A.5.', 1, 37), ...range('A.6.', 1, 8), ...range('A.7.', 1, 14), ...range('A.8.', 1, 34)
    ])
  })

  it.each(['soc2', 'iso27001'] as const)('%s: every control has a short title and a known group', (framework) => {
    const catalog = catalogs[framework]
    const groups = new Set(catalog.groups.map((group) => group.id))
    for (const control of catalog.controls) {
      expect(groups.has(control.group)).toBe(true)
      expect(control.title.length).toBeGreaterThan(10)
      expect(control.title.length).toBeLessThan(90)
    }
  })
})
