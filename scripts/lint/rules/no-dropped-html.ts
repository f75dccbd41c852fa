/**
 * no-dropped-html: raw HTML that the security page and the PDF would drop is reported.
 *
 * The page and the PDF keep tables written in HTML, line breaks, superscripts, subscripts, keys
 * and folded sections, with a few attributes; the rest of a document's raw HTML is dropped
 * without a trace on either. This rule reads the HTML exactly as they do (model/raw-html.ts), so
 * each finding is something a reader will not see. HTML comments are not reported: they are
 * notes to the people who edit the document, hidden by every renderer on purpose, and lint
 * comments among them are Charter's own.
 *
 * @example ok
 *   policies/alpha.md
 *     <table>
 *     <tr><th>Severity</th><th>Response</th></tr>
 *     <tr><td rowspan="2">Critical</td><td>Page the on-call</td></tr>
 *     <tr><td>Open an incident</td></tr>
 *     </table>
 *
 *     Press <kbd>Ctrl</kbd>+<kbd>C</kbd>; H<sub>2</sub>O; 10<sup>3</sup>; one<br>two.
 *
 *     <!-- A note to the next reviewer. -->
 *
 * @example not-ok
 *   policies/alpha.md
 *     <div align="center">Incidents are <b>classified</b> by severity.</div>
 *
 *     <table><tr><td style="color: red" colspan="0">Critical</td></tr></table>
 *
 *     <script>alert(1)</script> <img src="chart.png" alt="Severity chart"> </sup>
 *   → policies/alpha.md:1:1-1:21 warning Unexpected `<div>`: the page and the PDF drop it and keep its text; write Markdown instead, or one of `<table>`, `<br>`, `<sup>`, `<sub>`, `<kbd>`, `<details>`
 *   → policies/alpha.md:1:35-1:38 warning Unexpected `<b>`: the page and the PDF drop it and keep its text; write `**text**` instead
 *   → policies/alpha.md:3:16-3:34 warning Unexpected `style` on `<td>`: the page and the PDF drop this attribute; `<td>` keeps only `colspan`, `rowspan` and `align`
 *   → policies/alpha.md:3:35-3:46 warning Unexpected `colspan="0"` on `<td>`: the page and the PDF drop this attribute; write a whole number from 1 to 1000
 *   → policies/alpha.md:5:1-5:26 warning Unexpected `<script>`: the page and the PDF drop it and everything in it; remove it
 *   → policies/alpha.md:5:27-5:69 warning Unexpected `<img>`: the page and the PDF drop it; write an image as `![description](file.png)` instead
 *   → policies/alpha.md:5:70-5:76 warning Unexpected `</sup>`, which closes no open `<sup>`: the page and the PDF drop it; remove it, or open and close the element within one paragraph or HTML block
 */
import {nodesOf} from '../../model/document'
import {htmlSourceOffset, keptHtml, maxHtmlNesting, sanitizeRawHtml, type DroppedHtml} from '../../model/raw-html'
import type {DocumentRule} from '../rule'

const kept = '`<table>`, `<br>`, `<sup>`, `<sub>`, `<kbd>`, `<details>`'

/** What to write instead of an element that is dropped, where Markdown has its own way. */
const markdownFor: Record<string, string> = {
  a: 'a link as `[text](https://…)`',
  b: '`**text**`',
  strong: '`**text**`',
  i: '`*text*`',
  em: '`*text*`',
  s: '`~~text~~`',
  strike: '`~~text~~`',
  del: '`~~text~~`',
  code: 'code between backticks',
  tt: 'code between backticks',
  pre: 'a code block between lines of three backticks',
  blockquote: 'a quote as `> text`',
  ul: 'a list as `- item`',
  ol: 'a list as `1. item`',
  li: 'a list item as `- item`',
  h1: 'a heading as `## Heading`',
  h2: 'a heading as `## Heading`',
  h3: 'a heading as `### Heading`',
  h4: 'a heading as `#### Heading`',
  h5: 'a heading as `##### Heading`',
  h6: 'a heading as `###### Heading`',
  img: 'an image as `![description](file.png)`',
  hr: 'a line as `---`'
}

const insteadOf = (tagName: string) => (markdownFor[tagName] ? `write ${markdownFor[tagName]} instead` : `write Markdown instead, or one of ${kept}`)

/** The start of a piece of markup as a reader recognises it: its first line, shortened. */
const shown = (text: string) => {
  const line = text.split(/\r\n|\r|\n/)[0]!
  return line.length > 40 ? `${line.slice(0, 39)}…` : line
}

const listed = (names: readonly string[]) =>
  names.length === 1 ? `\`${names[0]}\`` : `${names.slice(0, -1).map((name) => `\`${name}\``).join(', ')} and \`${names[names.length - 1]}\``

function message(dropped: DroppedHtml, written: string): string {
  const tag = `\`<${dropped.tagName}>\``
  switch (dropped.reason) {
    case 'element':
      return `Unexpected ${tag}: the page and the PDF drop it and keep its text; ${insteadOf(dropped.tagName)}`
    case 'void':
      return `Unexpected ${tag}: the page and the PDF drop it; ${markdownFor[dropped.tagName] ? insteadOf(dropped.tagName) : 'remove it'}`
    case 'code':
      return `Unexpected ${tag}: the page and the PDF drop it and everything in it; remove it`
    case 'attribute': {
      const attributes = Object.keys(keptHtml[dropped.tagName] ?? {})
      const keeps = attributes.length === 0 ? `${tag} keeps no attributes` : `${tag} keeps only ${listed(attributes)}`
      return `Unexpected \`${dropped.attribute!.name}\` on ${tag}: the page and the PDF drop this attribute; ${keeps}`
    }
    case 'value': {
      const {name, value} = dropped.attribute!
      return `Unexpected \`${name}="${shown(value)}"\` on ${tag}: the page and the PDF drop this attribute; write ${keptHtml[dropped.tagName]![name]!.expected}`
    }
    case 'end-tag':
      return `Unexpected \`</${dropped.tagName}>\`, which closes no open ${tag}: the page and the PDF drop it; remove it, or open and close the element within one paragraph or HTML block`
    case 'outside-table':
      return `Unexpected ${tag} outside a \`<table>\`: the page and the PDF drop it and keep its text; put it inside a \`<table>\``
    case 'nesting':
      return `Unexpected ${tag} nested more than ${maxHtmlNesting} HTML elements deep: the page and the PDF drop it and the tags inside it, and keep their text; nest at most ${maxHtmlNesting} deep`
    case 'markup':
      return `Unexpected \`${shown(written)}\`: the page and the PDF drop it; remove it`
    case 'unclosed':
      return `Unexpected \`<${dropped.tagName}\` without its closing \`>\`: the page and the PDF drop it and the rest of its HTML block; close the tag with \`>\``
  }
}

const rule: DocumentRule = {
  scope: 'document',
  id: 'no-dropped-html',
  summary: 'Raw HTML is only what the page and the PDF keep: tables, `<br>`, `<sup>`, `<sub>`, `<kbd>`, `<details>`.',
  description:
    'The security page and the PDF keep tables written in HTML (`<table>`, `<caption>`, `<thead>`, `<tbody>`, `<tfoot>`, `<tr>`, `<th>`, `<td>`, with `colspan`, `rowspan` and `align`), `<br>`, `<sup>`, `<sub>`, `<kbd>`, and `<details>` with `<summary>`. Any other raw HTML is dropped: an element loses its tags and keeps its text, `<script>` and `<style>` go with their content, and other attributes go, so nothing a document holds can run or restyle the page. Each finding says what a reader will not see and what to write instead, mostly Markdown. HTML comments are notes to editors and are not reported. No comment in the document switches the rule off, so a change can\'t hide what it drops.',
  severity: 'warn',
  check(document, context) {
    if (nodesOf(document).all('html').length === 0) return
    for (const dropped of sanitizeRawHtml(document.tree).dropped) {
      const start = htmlSourceOffset(document.text, dropped.start)
      const end = htmlSourceOffset(document.text, dropped.end)
      context.report({start, end}, message(dropped, document.text.slice(start, end)))
    }
  }
}

export default rule
