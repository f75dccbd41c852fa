// A document's tables scroll inside a labelled region named from the document's own text (a
// caption or the heading above): hostile text there must stay text in the attribute, and names
// must stay distinct however many tables a heading holds, since two regions named alike fail axe.
import {describe, expect, it} from 'vitest'
import {parseDocument} from '../../scripts/load/parse'
import {documentHtml} from '../../scripts/render/html'

const page = (text: string) => documentHtml(parseDocument('policies/alpha.md', text).tree, () => undefined)
const labels = (html: string) => [...html.matchAll(/<div class="table-region" role="region" tabindex="0" aria-label="([^"]*)">/g)].map((match) => match[1])
const table = '| A |\n| - |\n| 1 |\n'

describe('table regions', () => {
  it('names a table by the heading above it, and numbers the second and later ones under one heading', () => {
    expect(labels(page(`## Roles\n\n${table}\n${table}\n${table}\n## Duties\n\n${table}`))).toEqual(['Roles table', 'Roles table 2', 'Roles table 3', 'Duties table'])
  })

  it('names a table by its caption first, and a table before any heading as "Table"', () => {
    expect(labels(page(`${table}\n## Levels\n\n<table><caption>Severity levels</caption><tr><td>High</td></tr></table>\n`))).toEqual(['Table', 'Severity levels'])
  })

  it('keeps markup in a heading or caption as text inside the attribute', () => {
    const html = page(`## "><img src=x onerror=alert(1)> & <b>x</b>\n\n${table}\n<table><caption>"><script>alert(1)</script>Levels</caption><tr><td>x</td></tr></table>\n`)
    expect(labels(html)).toEqual(['&#x22;> &#x26; x table', '&#x22;>Levels'])
    expect(html).not.toMatch(/<script|onerror/)
  })

  it('gives an empty heading no name of its own', () => {
    expect(labels(page(`## Scope\n\n${table}\n## \n\n${table}`))).toEqual(['Scope table', 'Table'])
  })

  it('gives a table inside a table no region of its own: it scrolls with the outer one', () => {
    expect(labels(page('<table><tr><td><table><tr><td>Inner</td></tr></table></td></tr></table>\n'))).toEqual(['Table'])
  })
})
