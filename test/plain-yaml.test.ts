// The plain-subset YAML reader against the `yaml` package: on every register file shipped or
// generated, and on thousands of seeded mutations of them, it either reads exactly the value
// `yaml` reads (and `yaml` finds no problem) or leaves the text to `yaml`.
import {mkdtempSync, readdirSync, readFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {isDeepStrictEqual} from 'node:util'
import {describe, expect, it} from 'vitest'
import {writeVendors} from '../bench/vendor-register.js'
import {plainYamlValue} from '../scripts/load/plain-yaml'
import {parseYaml} from '../scripts/load/yaml'
import {projectRoot} from './helpers'

/** Undefined when the reader left the text to `yaml`; else whether it read what `yaml` reads. */
function agrees(text: string): boolean | undefined {
  const value = plainYamlValue(text)
  if (value === undefined) return undefined
  const parsed = parseYaml(text)
  return parsed.problems.length === 0 && isDeepStrictEqual(value, parsed.value)
}

const generated = mkdtempSync(join(tmpdir(), 'charter-plain-yaml-'))
writeVendors(generated, 200)
const registerFiles = [
  ...readdirSync(join(projectRoot, 'vendors')).map((name) => readFileSync(join(projectRoot, 'vendors', name), 'utf8')),
  ...readdirSync(join(generated, 'vendors')).map((name) => readFileSync(join(generated, 'vendors', name), 'utf8'))
]

describe('plainYamlValue', () => {
  it('reads every seed vendor and every generated one as `yaml` does', () => {
    for (const text of registerFiles) expect(agrees(text), text).toBe(true)
  })

  it.each([
    ['flow lists and mappings, quotes and comments', 'a: [x, y z]   # c\nb: {p: q, r: s}\nc: "d # e"\nd: \'it\'\'s\'\ne: http://x.example/a#b\nf: ~\ng: true\nh:\ni: []\nj: {}\n'],
    ['nested lists of mappings', 'a:\n  - b: c\n    d:\n      - e\n      - f: g\n  -   h: i\n      j: k\nl: m\n'],
    ['a date and a plain text that starts with a digit', 'a: 2026-01-31\nb: 3 exceptions noted\n']
  ])('reads %s', (_, text) => {
    expect(agrees(text)).toBe(true)
  })

  it.each([
    ['a number', 'a: 1.5\n'],
    ['a hexadecimal number', 'a: 0x1F\n'],
    ['infinity', 'a: -.inf\n'],
    ['a duplicate key', 'a: b\na: c\n'],
    ['a tag', 'a: !!binary aGk=\n'],
    ['an alias', 'a: &x b\nc: *x\n'],
    ['a block scalar', 'a: |\n  b\n'],
    ['a plain scalar over two lines', 'a: b\n  c\n'],
    ['a nested mapping on one line', 'a: b: c\n'],
    ['a list at its key\'s own column', 'a:\n- b\n'],
    ['a tab', 'a:\tb\n'],
    ['a carriage return', 'a: b\r\n'],
    ['a byte order mark', '\ufeffa: b\n'],
    ['a no-break space', 'a: b\u00a0\n'],
    ['a line separator', 'a: b\u2028c\n'],
    ['an escape in double quotes', 'a: "b\\n"\n'],
    ['a document marker', '---\na: b\n'],
    ['a top-level list', '- a\n'],
    ['a top-level scalar', 'a\n'],
    ['nothing', '# only a comment\n'],
    ['a key of `__proto__`', '__proto__: a\n'],
    ['a key that is a boolean', 'true: a\n'],
    ['a trailing comma in a flow list', 'a: [b, c,]\n'],
    ['a nested flow list', 'a: [b, [c]]\n'],
    ['lists nested deeper than any register file', `${Array.from({length: 20}, (_, depth) => `${'  '.repeat(depth)}- `).join('\n').replaceAll('- \n', '-\n')}a: b\n`]
  ])('leaves %s to yaml', (_, text) => {
    expect(plainYamlValue(text)).toBeUndefined()
  })

  it('agrees with yaml on thousands of seeded mutations of register files', () => {
    let state = 15
    const random = () => {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0
      return state / 4294967296
    }
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!
    const tokens = [': ', ' #', '#', "'", "''", '"', '\\', '[', ']', '{', '}', ',', '- ', '-', '&a ', '*a', '!', '|', '>', '?', '%', '@', '`', '\t', '\r', '\n', '\n  ', '\n- ', ' ', '  ', '0', '1.5', '.inf', '0x1F', '~', 'null', 'true', 'False', ':', '\u00a0', '\u2028', '\ufeff', 'é', '日本', '__proto__', '---', '...', 'yes', '2026-01-01', '-1', '+1', '1e3', '.5', 'x-a: b\n', 'id: again\n', '  - ', '    ']
    let read = 0
    let left = 0
    for (let round = 0; round < 6000; round++) {
      let text = pick(registerFiles)
      for (let edits = 1 + Math.floor(random() * 3); edits > 0; edits--) {
        const at = Math.floor(random() * (text.length + 1))
        const kind = random()
        if (kind < 0.6) text = text.slice(0, at) + pick(tokens) + text.slice(at)
        else if (kind < 0.8) text = text.slice(0, at) + text.slice(at + 1 + Math.floor(random() * 6))
        else {
          // Moves a line's indentation: the structure errors a register file is likeliest to have.
          const lineStart = text.lastIndexOf('\n', at - 1) + 1
          text = random() < 0.5 ? `${text.slice(0, lineStart)} ${text.slice(lineStart)}` : text.slice(0, lineStart) + text.slice(lineStart).replace(/^ {1,2}/, '')
        }
      }
      const verdict = agrees(text)
      if (verdict === undefined) left++
      else {
        read++
        expect(verdict, JSON.stringify(text)).toBe(true)
      }
    }
    // Both paths are exercised: a fuzzer that only ever fell back would prove nothing.
    expect(read).toBeGreaterThan(1000)
    expect(left).toBeGreaterThan(1000)
  })
})
