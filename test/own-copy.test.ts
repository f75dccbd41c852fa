// The copies a check keeps of each document's summary and fields once its text goes: equal to
// the original in every value and key order, sharing no string or container with it.
import {describe, expect, it} from 'vitest'
import {ownCopy} from '../scripts/model/own-copy'

describe('ownCopy', () => {
  it('copies strings, arrays and plain objects, in key order', () => {
    const text = `---\nid: access-control\ntitle: Access Control Policy\n---\n${'Body. '.repeat(1000)}`
    const meta = {id: text.slice(8, 22), title: text.slice(30, 51), related: [text.slice(8, 22)], controls: {soc2: ['CC6.1']}, order: 2, draft: null}
    const copy = ownCopy(meta)
    expect(copy).toEqual(meta)
    expect(Object.keys(copy)).toEqual(['id', 'title', 'related', 'controls', 'order', 'draft'])
    expect(copy.title).toBe('Access Control Policy')
    expect(copy.related).not.toBe(meta.related)
    expect(copy.controls).not.toBe(meta.controls)
    expect(copy.controls.soc2).not.toBe(meta.controls.soc2)
  })

  it('keeps a `__proto__` key as a field, and a lone surrogate as it is', () => {
    const value = JSON.parse('{"__proto__": {"polluted": true}, "x-note": "\\ud800 alone"}') as Record<string, unknown>
    const copy = ownCopy(value)
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype)
    expect(Object.keys(copy)).toEqual(['__proto__', 'x-note'])
    expect(copy['x-note']).toBe('\ud800 alone')
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('keeps anything other than plain data as the same value', () => {
    const day = new Date(0)
    const map = new Map([['a', 1]])
    const copy = ownCopy({day, map})
    expect(copy.day).toBe(day)
    expect(copy.map).toBe(map)
  })
})
