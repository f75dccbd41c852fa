// normaliseBody, the body half of `charter import`: each behaviour as an exact input and output,
// with what the import summary says about it, and a second run that changes nothing.
import type {Table} from 'mdast'
import {describe, expect, it} from 'vitest'
import {parseDocument} from '../scripts/load/parse'
import {normaliseBody, type BodyContext, type BodyResult} from '../scripts/scaffold/import/body'

// The old site's pages (slug or folder name) and the documents they became.
const imported = new Map([
  ['access-control', 'access-control'],
  ['incident', 'incident-response'],
  ['Data Retention', 'data-retention']
])

const context: BodyContext = {
  title: 'Incident Response Policy',
  siteBases: ['https://example.com/security-policies/'],
  idForSlug: (slug) => imported.get(slug)
}

const kept = 'kept as HTML (the page and PDF render it sanitized)'

/** Normalises `body`, and proves a second run gives the same text and no change. */
function normalise(body: string, given: Partial<BodyContext> = {}): BodyResult {
  const result = normaliseBody(body, {...context, ...given})
  const again = normaliseBody(result.text, {...context, ...given})
  expect(again.text).toBe(result.text)
  expect(again.changed).toEqual([])
  return result
}

/** The top-level blocks Charter's parser reads in a body, by type. */
function blocks(body: string): string[] {
  return parseDocument('body.md', `---\n---\n${body}`).tree.children.map((node) => node.type).slice(1)
}

describe('headings', () => {
  it('raises every heading one level when there is no `##` but there is `###`', () => {
    const result = normalise('### Purpose\n\nText.\n\n#### Detail\n\n### Scope\n')
    expect(result).toEqual({text: '## Purpose\n\nText.\n\n### Detail\n\n## Scope\n', changed: ['raised 3 headings one level'], unconverted: []})
  })

  it('makes the shallowest heading `##` and keeps the others at their distance', () => {
    const result = normalise('#### A\n\n##### B\n\n###### C\n\n#### D\n')
    expect(result).toEqual({text: '## A\n\n### B\n\n#### C\n\n## D\n', changed: ['raised 4 headings two levels'], unconverted: []})
  })

  it('leaves headings alone when one is already at `##`', () => {
    const body = '## Purpose\n\n#### Detail\n\n### Scope\n'
    expect(normalise(body)).toEqual({text: body, changed: [], unconverted: []})
  })

  it('counts a setext `##` as a `##`', () => {
    const body = 'Purpose\n-------\n\n### Detail\n'
    expect(normalise(body)).toEqual({text: body, changed: [], unconverted: []})
  })

  it('never makes a second `#`: a `#` heading that differs from the title stays, the rest rise to `##`', () => {
    const result = normalise('# Incident Handling\n\n### Purpose\n\n#### Detail\n')
    expect(result).toEqual({text: '# Incident Handling\n\n## Purpose\n\n### Detail\n', changed: ['raised 2 headings one level'], unconverted: []})
  })

  it('leaves `###` in fenced and indented code as it is', () => {
    const result = normalise('```md\n### Not a heading\n```\n\n    ### Nor this\n\n### Purpose\n')
    expect(result).toEqual({text: '```md\n### Not a heading\n```\n\n    ### Nor this\n\n## Purpose\n', changed: ['raised 1 heading one level'], unconverted: []})
  })

  it('keeps a closing sequence as long as the opening one, and leaves one of another length', () => {
    const result = normalise('### Purpose ###\n\n### Scope #\n\n  ### Indented\n')
    expect(result.text).toBe('## Purpose ##\n\n## Scope #\n\n  ## Indented\n')
  })

  it('lowers every heading one level when the sections are `#` headings (comply writes them so)', () => {
    const result = normalise('# Purpose #\n\nText.\n\n## Detail\n\n# Scope\n', {title: 'Other'})
    expect(result).toEqual({text: '## Purpose ##\n\nText.\n\n### Detail\n\n## Scope\n', changed: ['lowered 3 headings one level'], unconverted: []})
  })

  it('lowers the sections once the `# Title` that repeats the title is gone, and leaves a single other `#` alone', () => {
    expect(normalise('# Incident Response Policy\n\n# Purpose\n\n# Scope\n')).toEqual({
      text: '## Purpose\n\n## Scope\n',
      changed: ['removed the leading `# Incident Response Policy`', 'lowered 2 headings one level'],
      unconverted: []
    })
    expect(normalise('# Handbook\n\n## Purpose\n', {title: 'Other'})).toEqual({text: '# Handbook\n\n## Purpose\n', changed: [], unconverted: []})
  })

  it('says so, and moves nothing, when a `#` section is underlined or a heading is at level 6', () => {
    expect(normalise('# Purpose\n\n# Scope\n\n###### Deep\n', {title: 'Other'}).unconverted).toEqual([
      {line: 5, column: 1, text: 'sections written as `#` headings, which import could not make `##` because this one is underlined (setext) or already at level 6; make every heading one level deeper'}
    ])
    expect(normalise('# Purpose\n\nScope\n=====\n', {title: 'Other'})).toEqual({
      text: '# Purpose\n\nScope\n=====\n',
      changed: [],
      unconverted: [{line: 3, column: 1, text: 'sections written as `#` headings, which import could not make `##` because this one is underlined (setext) or already at level 6; make every heading one level deeper'}]
    })
  })

  it('raises headings inside block quotes and nested lists with the rest', () => {
    const result = normalise('> ### Note\n\n- item\n  - nested\n\n    ### In a list\n\n### Purpose\n')
    expect(result).toEqual({text: '> ## Note\n\n- item\n  - nested\n\n    ## In a list\n\n## Purpose\n', changed: ['raised 3 headings one level'], unconverted: []})
  })

  it('keeps CRLF line endings', () => {
    const result = normalise('### Purpose\r\n\r\nText.\r\n\r\n#### Detail\r\n')
    expect(result.text).toBe('## Purpose\r\n\r\nText.\r\n\r\n### Detail\r\n')
  })
})

describe('the leading title', () => {
  it('removes a leading `# Title` that repeats the title, with the blank lines after it', () => {
    const result = normalise('# Incident Response Policy\n\n\n## Purpose\n\nText.\n')
    expect(result).toEqual({text: '## Purpose\n\nText.\n', changed: ['removed the leading `# Incident Response Policy`'], unconverted: []})
  })

  it('compares without case, extra spaces or trailing punctuation', () => {
    const result = normalise('#   incident  RESPONSE\tpolicy:\n\nText.\n', {title: 'Incident Response Policy.'})
    expect(result).toEqual({text: 'Text.\n', changed: ['removed the leading `# incident  RESPONSE\tpolicy:`'], unconverted: []})
  })

  it('removes a setext title', () => {
    const result = normalise('Incident Response Policy\n========================\n\n## Purpose\n')
    expect(result).toEqual({text: '## Purpose\n', changed: ['removed the leading `# Incident Response Policy`'], unconverted: []})
  })

  it('keeps a `# Title` that differs from the title', () => {
    const body = '# Incident Response Plan\n\n## Purpose\n'
    expect(normalise(body)).toEqual({text: body, changed: [], unconverted: []})
  })

  it('keeps a title that is not the first block, or not at `#`', () => {
    for (const body of ['Intro.\n\n# Incident Response Policy\n\n## Purpose\n', '## Incident Response Policy\n\nText.\n']) {
      expect(normalise(body)).toEqual({text: body, changed: [], unconverted: []})
    }
  })

  it('removes the title, then raises the headings under it', () => {
    const result = normalise('# Incident Response Policy\r\n\r\n### Purpose\r\n\r\n### Scope\r\n')
    expect(result).toEqual({
      text: '## Purpose\r\n\r\n## Scope\r\n',
      changed: ['removed the leading `# Incident Response Policy`', 'raised 2 headings one level'],
      unconverted: []
    })
  })

  it('removes a repeated title that is the whole body', () => {
    expect(normalise('# Incident Response Policy\n').text).toBe('')
  })
})

describe('links to the old site', () => {
  it('points links to imported pages at their documents, in every form a page path takes', () => {
    const body = [
      '[a](/security-policies/access-control/)',
      '[b](/access-control/)',
      '[c](/security-policies/access-control)',
      '[d](/security-policies/access-control/index.html)',
      '[e](/security-policies/access-control.html)',
      '[f](/security-policies/Data%20Retention/)',
      ''
    ].join('\n')
    const result = normalise(body)
    expect(result).toEqual({
      text: '[a](access-control.md)\n[b](access-control.md)\n[c](access-control.md)\n[d](access-control.md)\n[e](access-control.md)\n[f](data-retention.md)\n',
      changed: ['rewrote 6 links to the old site'],
      unconverted: []
    })
  })

  it('points relative links between page bundles at the documents', () => {
    const body = '[a](../access-control/) [b](../incident/index.md#steps) [c](../incident/_index.md) [d](./access-control.html)\n\n[e](../retired/) [f](access-control.md) [g](images/) [h](../access-control/?print=1)\n'
    expect(normalise(body)).toEqual({
      text: '[a](access-control.md) [b](incident-response.md#steps) [c](incident-response.md) [d](access-control.md)\n\n[e](../retired/) [f](access-control.md) [g](images/) [h](../access-control/?print=1)\n',
      changed: ['rewrote 4 links to the old site'],
      unconverted: []
    })
  })

  it('keeps the fragment, the title and angle brackets', () => {
    const result = normalise('See [scope](/security-policies/access-control/#scope "Access control") and [this](</security-policies/incident/#first steps>).\n')
    expect(result.text).toBe('See [scope](access-control.md#scope "Access control") and [this](<incident-response.md#first steps>).\n')
    expect(result.changed).toEqual(['rewrote 2 links to the old site'])
  })

  it('rewrites absolute links under a `--site-base`, and no other host', () => {
    const result = normalise('[a](https://example.com/security-policies/incident/) [b](https://EXAMPLE.com/security-policies/incident/index.html#top) [c](https://other.example/security-policies/incident/)\n')
    expect(result).toEqual({
      text: '[a](incident-response.md) [b](incident-response.md#top) [c](https://other.example/security-policies/incident/)\n',
      changed: ['rewrote 2 links to the old site'],
      unconverted: []
    })
  })

  it('leaves absolute links alone when no `--site-base` is given', () => {
    const body = '[a](https://example.com/security-policies/incident/)\n'
    expect(normalise(body, {siteBases: []})).toEqual({text: body, changed: [], unconverted: []})
  })

  it('rewrites definitions, which reference links use', () => {
    const result = normalise('See [access][ac].\n\n[ac]: /security-policies/access-control/#roles "Access"\n[ir]:\n  https://example.com/security-policies/incident/\n')
    expect(result.text).toBe('See [access][ac].\n\n[ac]: access-control.md#roles "Access"\n[ir]:\n  incident-response.md\n')
    expect(result.changed).toEqual(['rewrote 2 links to the old site'])
  })

  it('turns an autolink into a link showing the same address', () => {
    const result = normalise('Read <https://example.com/security-policies/access-control/>.\n')
    expect(result.text).toBe('Read [https://example.com/security-policies/access-control/](access-control.md).\n')
  })

  it('keeps links to pages that were not imported, and says so', () => {
    const body = 'See [old](/security-policies/retired/) and [query](/security-policies/access-control/?print=1).\n\n[home]: /\n'
    expect(normalise(body)).toEqual({
      text: body,
      changed: [],
      unconverted: [
        {line: 1, column: 5, text: 'a link to `/security-policies/retired/` on the old site, which matches no imported document; kept as it is: point it at a document, or at an address that stays online'},
        {line: 1, column: 44, text: 'a link to `/security-policies/access-control/?print=1` on the old site, which matches no imported document; kept as it is: point it at a document, or at an address that stays online'},
        {line: 3, column: 1, text: 'a link to `/` on the old site, which matches no imported document; kept as it is: point it at a document, or at an address that stays online'}
      ]
    })
  })

  it('leaves relative links, fragments, other schemes and code alone', () => {
    const body = '[a](#scope) [b](access-control.md) [c](mailto:security@example.com) `[d](/access-control/)`\n\n    [e](/access-control/)\n'
    expect(normalise(body)).toEqual({text: body, changed: [], unconverted: []})
  })
})

describe('HTML tables', () => {
  it('converts a simple table, its inline HTML, entities and links', () => {
    const body = [
      'Incidents can be classified based on their severity:',
      '',
      '<table>',
      '  <thead>',
      '    <tr><th>Severity</th><th align="center">Description</th><th style="text-align: right">Hours</th></tr>',
      '  </thead>',
      '  <tbody>',
      '    <tr>',
      '      <td><b>Critical</b></td>',
      '      <td>Data <em>lost</em> &amp; <strong>exposed</strong>;<br/>see <a href="/security-policies/incident/#escalation">escalation</a> and <a href="https://status.example.com/" title="Status page">status</a></td>',
      '      <td><code>1</code></td>',
      '    </tr>',
      '    <tr><td><i>Low</i></td><td>H<sub>2</sub>O &lt;script&gt; 2*3_ snake_case [x] ~y~ `z` a\\b &amp;copy; &nbsp;</td><td>72</td></tr>',
      '  </tbody>',
      '</table>',
      '',
      'Next paragraph.',
      ''
    ].join('\n')
    const result = normalise(body)
    expect(result).toEqual({
      text: [
        'Incidents can be classified based on their severity:',
        '',
        '| Severity | Description | Hours |',
        '| --- | :---: | ---: |',
        '| **Critical** | Data *lost* & **exposed**;<br>see [escalation](incident-response.md#escalation) and [status](https://status.example.com/ "Status page") | `1` |',
        '| *Low* | H<sub>2</sub>O \\<script> 2\\*3\\_ snake_case \\[x\\] \\~y\\~ \\`z\\` a\\\\b &amp;copy; &nbsp; | 72 |',
        '',
        'Next paragraph.',
        ''
      ].join('\n'),
      changed: ['rewrote 1 link to the old site', 'converted 1 HTML table to a Markdown table'],
      unconverted: []
    })
    expect(blocks(result.text)).toEqual(['paragraph', 'table', 'paragraph'])
  })

  it('escapes a pipe in a cell, in text, code and a link', () => {
    const result = normalise('<table><tr><th>a | b</th></tr><tr><td><code>x|y</code> <a href="https://example.com/?q=a|b">p|q</a></td></tr></table>\n')
    expect(result.text).toBe('| a \\| b |\n| --- |\n| `x\\|y` [p\\|q](https://example.com/?q=a\\|b) |\n')
    const table = parseDocument('body.md', `---\n---\n${result.text}`).tree.children[1] as Table
    expect(table.children.map((row) => row.children.length)).toEqual([1, 1])
  })

  it('takes the header from a first row of `<th>` cells', () => {
    const result = normalise('<table>\n<tr><th>Role</th><th>Duty</th></tr>\n<tr><td>Owner</td><td>Reviews</td></tr>\n</table>\n')
    expect(result).toEqual({text: '| Role | Duty |\n| --- | --- |\n| Owner | Reviews |\n', changed: ['converted 1 HTML table to a Markdown table'], unconverted: []})
  })

  it('makes the first row the header of a table without `<th>` cells, and says so', () => {
    const result = normalise('<table><tr><td>Role</td><td>Duty</td></tr><tr><td>Owner</td></tr></table>\n')
    expect(result).toEqual({
      text: '| Role | Duty |\n| --- | --- |\n| Owner |  |\n',
      changed: ['converted 1 HTML table to a Markdown table', 'made the first row the header of 1 converted table, which had no `<th>` cells'],
      unconverted: []
    })
  })

  it('pads every row to the widest, so no cell is dropped', () => {
    const result = normalise('<table><tr><th>A</th></tr><tr><td>1</td><td>2</td><td>3</td></tr></table>\n')
    expect(result.text).toBe('| A |  |  |\n| --- | --- | --- |\n| 1 | 2 | 3 |\n')
  })

  it('writes a `<th>` below the header as strong, and a cell that is one paragraph as its text', () => {
    const result = normalise('<table><thead><tr><th>Level</th><th>Meaning</th></tr></thead><tr><th>High</th><td><p>Act now.</p></td></tr><tr><th></th><td></td></tr></table>\n')
    expect(result.text).toBe('| Level | Meaning |\n| --- | --- |\n| **High** | Act now. |\n|  |  |\n')
  })

  it('keeps a table with rowspan or colspan as HTML, noted at its `<table>`', () => {
    const body = 'Text.\n\n  <table>\n  <tr><th>A</th><th>B</th></tr>\n  <tr><td rowspan="2">1</td><td>2</td></tr>\n  </table>\n\n<TABLE><tr><th colspan=2>A</th></tr></TABLE>\n\n<table><tr><th colspan="1">A</th></tr></table>\n'
    const result = normalise(body)
    expect(result).toEqual({
      text: 'Text.\n\n  <table>\n  <tr><th>A</th><th>B</th></tr>\n  <tr><td rowspan="2">1</td><td>2</td></tr>\n  </table>\n\n<TABLE><tr><th colspan=2>A</th></tr></TABLE>\n\n| A |\n| --- |\n',
      changed: ['converted 1 HTML table to a Markdown table'],
      unconverted: [
        {line: 3, column: 3, text: `an HTML table with rowspan, ${kept}`},
        {line: 8, column: 1, text: `an HTML table with colspan, ${kept}`}
      ]
    })
  })

  it('keeps nested tables, captions, lists in cells and comments as HTML', () => {
    const cases: [string, string][] = [
      ['<table><tr><td><table><tr><td>x</td></tr></table></td></tr></table>\n', 'with a table inside it'],
      ['<table><caption>Levels</caption><tr><th>A</th></tr></table>\n', 'with a caption'],
      ['<table><tr><th>A</th></tr><tr><td><ul><li>x</li></ul></td></tr></table>\n', 'whose cells hold `<ul>`'],
      ['<table><tr><th>A</th></tr><!-- draft --><tr><td>x</td></tr></table>\n', 'with an HTML comment inside it'],
      ['<table><tr><th>A</th></tr>stray<tr><td>x</td></tr></table>\n', 'with text outside its cells'],
      ['<table><thead><tr><th>A</th></tr><tr><th>B</th></tr></thead></table>\n', 'with 2 header rows'],
      ['<table><tr><th><span class="red">A</span></th></tr></table>\n', 'whose cells hold `<span>`'],
      ['<table></table>\n', 'with no rows'],
      ['<table><tr><th>A</th></tr></table> <p>after</p>\n', 'followed by more HTML on the line of its `</table>`']
    ]
    for (const [body, reason] of cases) {
      expect(normalise(body)).toEqual({text: body, changed: [], unconverted: [{line: 1, column: 1, text: `an HTML table ${reason}, ${kept}`}]})
    }
  })

  // `**Note:**text` is not strong in Markdown: a closing `**` after punctuation needs a space or
  // punctuation after it. Each converted table is read back in the body, and this one is refused.
  it('keeps a table whose formatting Markdown cannot write as HTML', () => {
    const body = 'Text.\n\n<table><tr><th>A</th></tr><tr><td><b>Note:</b>text</td></tr></table>\n\n<table><tr><th><b>Note:</b> text</th></tr></table>\n'
    expect(normalise(body)).toEqual({
      text: 'Text.\n\n<table><tr><th>A</th></tr><tr><td><b>Note:</b>text</td></tr></table>\n\n| **Note:** text |\n| --- |\n',
      changed: ['converted 1 HTML table to a Markdown table'],
      unconverted: [{line: 3, column: 1, text: `an HTML table whose cells have no exact Markdown form, ${kept}`}]
    })
  })

  it('leaves `<table>` in code as it is, without a note', () => {
    const body = '```html\n<table><tr><td>x</td></tr></table>\n```\n\n    <table><tr><td>y</td></tr></table>\n\nUse `<table>` sparingly.\n'
    expect(normalise(body)).toEqual({text: body, changed: [], unconverted: []})
  })

  it('notes a table inside other HTML or a paragraph', () => {
    const body = '<div>\n<table><tr><th>A</th></tr></table>\n</div>\n\nSee <table> here.\n'
    expect(normalise(body)).toEqual({
      text: body,
      changed: [],
      unconverted: [
        {line: 2, column: 1, text: `an HTML table inside other HTML or a paragraph, ${kept}`},
        {line: 5, column: 5, text: `an HTML table inside other HTML or a paragraph, ${kept}`}
      ]
    })
  })

  it('reads a top-level table with blank lines inside whole, as older Markdown engines did', () => {
    const body = '<table>\n\n    <tr><th>A</th></tr>\n\n    <tr><td>1</td></tr>\n\n</table>\n\nAfter.\n'
    expect(normalise(body)).toEqual({text: '| A |\n| --- |\n| 1 |\n\nAfter.\n', changed: ['converted 1 HTML table to a Markdown table'], unconverted: []})
  })

  it('keeps a table with Markdown between its tags', () => {
    const body = '<table><tr><td>\n\n**Bold** in Markdown\n\n</td></tr></table>\n'
    expect(normalise(body)).toEqual({text: body, changed: [], unconverted: [{line: 1, column: 1, text: `an HTML table with Markdown between its tags, ${kept}`}]})
  })

  it('keeps a table in a block quote or nested list inside it, and sets apart the HTML after it', () => {
    const body = '> Quoted:\n> <table><tr><th>A</th></tr>\n> <tr><td>1</td></tr></table>\n\n- item\n  - nested\n\n    <table>\n    <tr><th>B</th></tr>\n    </table>\n    <p>note</p>\n- next\n'
    const result = normalise(body)
    expect(result).toEqual({
      text: '> Quoted:\n> | A |\n> | --- |\n> | 1 |\n\n- item\n  - nested\n\n    | B |\n    | --- |\n\n    <p>note</p>\n- next\n',
      changed: ['converted 2 HTML tables to Markdown tables'],
      unconverted: []
    })
    expect(blocks(result.text)).toEqual(['blockquote', 'list'])
  })

  it('ends a table in a block quote where the quote ends, as the HTML did', () => {
    const result = normalise('> <table><tr><th>A</th></tr></table>\nafter\n')
    expect(result.text).toBe('> | A |\n> | --- |\nafter\n')
    expect(blocks(result.text)).toEqual(['blockquote', 'paragraph'])
  })

  it('keeps a table with blank lines inside a list as HTML', () => {
    const body = '- item\n\n  <table>\n\n  <tr><th>A</th></tr>\n\n  </table>\n'
    expect(normalise(body).unconverted).toEqual([{line: 3, column: 3, text: `an HTML table with blank lines inside it, in a list or block quote, ${kept}`}])
  })

  it('keeps CRLF line endings', () => {
    const result = normalise('Levels:\r\n\r\n<table>\r\n<tr><th>A</th></tr>\r\n<tr><td>1</td></tr>\r\n</table>\r\n\r\nAfter.\r\n')
    expect(result.text).toBe('Levels:\r\n\r\n| A |\r\n| --- |\r\n| 1 |\r\n\r\nAfter.\r\n')
  })

  it('notes a link in a converted table to a page that was not imported', () => {
    const result = normalise('Text.\n\n<table><tr><th><a href="/security-policies/retired/">Old</a></th></tr></table>\n')
    expect(result).toEqual({
      text: 'Text.\n\n| [Old](/security-policies/retired/) |\n| --- |\n',
      changed: ['converted 1 HTML table to a Markdown table'],
      unconverted: [{line: 3, column: 1, text: 'a link to `/security-policies/retired/` on the old site, which matches no imported document; kept as it is: point it at a document, or at an address that stays online'}]
    })
  })
})

describe('all at once', () => {
  it('normalises a Hugo page, and a second run changes nothing', () => {
    const body = [
      '# Incident Response Policy',
      '',
      '### Purpose',
      '',
      'How we respond; see the [access control policy](/security-policies/access-control/).',
      '',
      '### Severity',
      '',
      '<table>',
      '<tr><th>Level</th><th>Response</th></tr>',
      '<tr><td>High</td><td>Within an hour</td></tr>',
      '</table>',
      '',
      '#### Escalation',
      '',
      '1. Call the lead.',
      '   - Then [the CTO](https://example.com/security-policies/incident/#cto).',
      ''
    ].join('\n')
    const result = normalise(body)
    expect(result).toEqual({
      text: [
        '## Purpose',
        '',
        'How we respond; see the [access control policy](access-control.md).',
        '',
        '## Severity',
        '',
        '| Level | Response |',
        '| --- | --- |',
        '| High | Within an hour |',
        '',
        '### Escalation',
        '',
        '1. Call the lead.',
        '   - Then [the CTO](incident-response.md#cto).',
        ''
      ].join('\n'),
      changed: ['removed the leading `# Incident Response Policy`', 'raised 3 headings one level', 'rewrote 2 links to the old site', 'converted 1 HTML table to a Markdown table'],
      unconverted: []
    })
  })

  it('leaves a body it cannot parse as it is, and says where and why', () => {
    const body = `Text.\n\n${'>'.repeat(40)} deep\n`
    expect(normaliseBody(body, context)).toEqual({
      text: body,
      changed: [],
      unconverted: [{line: 3, column: 33, text: 'the body was left as it is: Unexpected block quotes nested 40 deep at line 3, expected at most 32; flatten the quotes'}]
    })
  })
})
