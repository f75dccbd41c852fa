// Hostile sources given to `charter import`: a repository to adopt is untrusted text, like a pull
// request. Each case names the attack above it and asserts the exact result; none may hang or throw.
import type {Nodes} from 'mdast'
import {describe, expect, it} from 'vitest'
import {parseDocument} from '../../scripts/load/parse'
import {normaliseBody, type BodyContext} from '../../scripts/scaffold/import/body'

describe('normaliseBody', () => {
  const context: BodyContext = {title: 'Incident Response Policy', siteBases: ['https://example.com/security-policies/'], idForSlug: () => undefined}
  const kept = 'kept as HTML (the page and PDF render it sanitized)'
  const normalise = (body: string, given: Partial<BodyContext> = {}) => normaliseBody(body, {...context, ...given})

  /** Every raw HTML node Charter's parser reads in a body. */
  function rawHtml(body: string): string[] {
    const found: string[] = []
    const walk = (node: Nodes) => {
      if (node.type === 'html') found.push(node.value)
      if ('children' in node) node.children.forEach(walk)
    }
    walk(parseDocument('body.md', `---\n---\n${body}`).tree)
    return found
  }

  // A parser that recurses per nested element runs out of stack: 10,000 tables one inside another.
  it('10,000 nested tables on one line', () => {
    const body = `${'<table><tr><td>'.repeat(10_000)}x${'</td></tr></table>'.repeat(10_000)}\n`
    expect(normalise(body)).toEqual({text: body, changed: [], unconverted: [{line: 1, column: 1, text: `an HTML table with a table inside it, ${kept}`}]})
  })

  // The same, one tag per line: past the parser's line bound, so the body is left whole.
  it('10,000 nested tables, one tag per line', () => {
    const body = `${'<table><tr><td>\n'.repeat(10_000)}x\n${'</td></tr></table>\n'.repeat(10_000)}`
    expect(normalise(body)).toEqual({
      text: body,
      changed: [],
      unconverted: [{line: 19_999, column: 1, text: 'the body was left as it is: Unexpected more than 20,000 lines at line 19,999, expected at most 20,000; split the document into smaller ones'}]
    })
  })

  // A cell of a megabyte, every character Markdown or a table would read as syntax: as one GFM
  // row it would cost the parser more than linear time, so it stays HTML, which parses as raw text.
  it('a 1 MB cell of `*|<_`', () => {
    const body = `<table><tr><th>Cell</th></tr><tr><td>${'*|<_'.repeat(262_144)}</td></tr></table>\n`
    expect(normalise(body)).toEqual({text: body, changed: [], unconverted: [{line: 1, column: 1, text: `an HTML table of more than 32 KB as a Markdown table, ${kept}`}]})
  })

  // Just under the bound, the same characters convert, each escaped, and nothing becomes markup.
  it('a 6 KB cell of `*|<_`', () => {
    const result = normalise(`<table><tr><th>Cell</th></tr><tr><td>${'*|<_'.repeat(1_536)}</td></tr></table>\n`)
    expect(result).toEqual({text: `| Cell |\n| --- |\n| ${'\\*\\|\\<\\_'.repeat(1_536)} |\n`, changed: ['converted 1 HTML table to a Markdown table'], unconverted: []})
    expect(rawHtml(result.text)).toEqual([])
  })

  // A `<table>` never closed would, read naively, swallow the rest of the body.
  it('`<table>` never closed', () => {
    const body = '<table>\n<tr><td>x\n\n## Scope\n\n<table><tr><th>A</th></tr></table>\n\nText.\n'
    expect(normalise(body)).toEqual({
      text: '<table>\n<tr><td>x\n\n## Scope\n\n| A |\n| --- |\n\nText.\n',
      changed: ['converted 1 HTML table to a Markdown table'],
      unconverted: [{line: 1, column: 1, text: `an HTML table not closed by \`</table>\`, ${kept}`}]
    })
  })

  // Thousands of unclosed tables, each its own block: each is noted once, in one pass.
  it('9,000 tables never closed', () => {
    const body = '<table>\n\n'.repeat(9_000)
    const result = normalise(body)
    expect(result.text).toBe(body)
    expect(result.unconverted.length).toBe(9_000)
    expect(result.unconverted[8_999]).toEqual({line: 17_999, column: 1, text: `an HTML table not closed by \`</table>\`, ${kept}`})
  })

  // A script in a cell must not become live HTML in a GFM cell: the table stays HTML, which the
  // page sanitizes as it did before the import, and the summary says so.
  it('`<script>` and other active elements in a cell', () => {
    for (const [cell, element] of [
      ['<script>alert(1)</script>', 'script'],
      ['<img src=x onerror=alert(1)>', 'img'],
      ['<iframe src="https://evil.example/"></iframe>', 'iframe'],
      ['<svg onload=alert(1)></svg>', 'svg'],
      ['<style>body{display:none}</style>', 'style']
    ]) {
      const body = `<table><tr><th>A</th></tr><tr><td>${cell}</td></tr></table>\n`
      expect(normalise(body)).toEqual({text: body, changed: [], unconverted: [{line: 1, column: 1, text: `an HTML table whose cells hold \`<${element}>\`, ${kept}`}]})
    }
  })

  // Markup written as text (`&lt;script&gt;`) is text in HTML, and must stay text in Markdown.
  it('an escaped `<script>` and an attribute that tries to close its quotes', () => {
    const body = '<table><tr><th>&lt;script&gt;alert(1)&lt;/script&gt;</th></tr><tr><td><a href="https://example.com/" title="&quot;><script>alert(1)</script>">x</a></td></tr></table>\n'
    const result = normalise(body)
    expect(result.text).toBe('| \\<script>alert(1)\\</script> |\n| --- |\n| [x](https://example.com/ "\\">\\<script>alert(1)\\</script>") |\n')
    expect(rawHtml(result.text)).toEqual([])
  })

  // A `javascript:` link in a cell stays in an HTML table, in every spelling a browser accepts.
  it('a `javascript:` or `data:` link in a cell', () => {
    for (const [href, scheme] of [
      ['javascript:alert(1)', 'javascript'],
      ['  JaVaScRiPt:alert(1)', 'javascript'],
      ['java&#x09;script:alert(1)', 'javascript'],
      ['java\nscript:alert(1)', 'javascript'],
      ['data:text/html,<script>alert(1)</script>', 'data'],
      ['vbscript:msgbox(1)', 'vbscript']
    ]) {
      const body = `<table><tr><th><a href="${href}">x</a></th></tr></table>\n`
      expect(normalise(body).unconverted).toEqual([{line: 1, column: 1, text: `an HTML table with a \`${scheme}:\` link, ${kept}`}])
      expect(normalise(body).text).toBe(body)
    }
  })

  // A lookup that is a plain object answers `__proto__` and `constructor` with what it inherits.
  it('a link whose slug is `__proto__`, `constructor` or `toString`', () => {
    const ids: Record<string, string> = {'access-control': 'access-control'}
    const body = '[a](/security-policies/__proto__/) [b](/constructor/) [c](https://example.com/security-policies/toString/)\n\n<table><tr><th><a href="/__proto__/">d</a></th></tr></table>\n'
    const result = normalise(body, {idForSlug: (slug) => ids[slug]})
    expect(result).toEqual({
      text: '[a](/security-policies/__proto__/) [b](/constructor/) [c](https://example.com/security-policies/toString/)\n\n| [d](/__proto__/) |\n| --- |\n',
      changed: ['converted 1 HTML table to a Markdown table'],
      unconverted: [
        {line: 1, column: 1, text: 'a link to `/security-policies/__proto__/` on the old site, which matches no imported document; kept as it is: point it at a document, or at an address that stays online'},
        {line: 1, column: 36, text: 'a link to `/constructor/` on the old site, which matches no imported document; kept as it is: point it at a document, or at an address that stays online'},
        {line: 1, column: 55, text: 'a link to `https://example.com/security-policies/toString/` on the old site, which matches no imported document; kept as it is: point it at a document, or at an address that stays online'},
        {line: 3, column: 1, text: 'a link to `/__proto__/` on the old site, which matches no imported document; kept as it is: point it at a document, or at an address that stays online'}
      ]
    })
  })

  // An id that is not an id (a path, markup) never reaches the text, whatever the lookup answers.
  it('a lookup that answers with something other than an id', () => {
    for (const answer of ['../../etc/passwd', 'a b', 'x)](javascript:alert(1)', '', 'Access-Control']) {
      const body = '[a](/security-policies/access-control/)\n'
      expect(normalise(body, {idForSlug: () => answer}).text).toBe(body)
    }
  })

  // A slug with a broken percent-escape must not throw where it is decoded.
  it('a slug with a broken percent-escape', () => {
    const seen: string[] = []
    const body = '[a](/security-policies/%E0%A4%A/) [b](/%2e%2e/)\n'
    expect(normalise(body, {idForSlug: (slug) => void seen.push(slug)}).text).toBe(body)
    expect(seen).toEqual(['%E0%A4%A', '..'])
  })

  // Formatting nested deeper than the Markdown parser accepts would make an unreadable document.
  it('10,000 nested `<b>` in a cell', () => {
    const body = `<table><tr><th>${'<b>'.repeat(10_000)}x${'</b>'.repeat(10_000)}</th></tr></table>\n`
    expect(normalise(body)).toEqual({text: body, changed: [], unconverted: [{line: 1, column: 1, text: `an HTML table with formatting nested more than 32 deep, ${kept}`}]})
  })

  // Collections bigger than a function call takes arguments: 300,000 words in an anchor without a
  // destination, 300,000 backtick runs in a code cell. Spread into one call, either overflowed the stack.
  it('300,000 words in an anchor, 300,000 backtick runs in code', () => {
    for (const cell of [`<a name="x">${'w '.repeat(300_000)}</a>`, `<code>${'`a'.repeat(300_000)}</code>`]) {
      const body = `<table><tr><th>${cell}</th></tr></table>\n`
      expect(normalise(body)).toEqual({text: body, changed: [], unconverted: [{line: 1, column: 1, text: `an HTML table of more than 32 KB as a Markdown table, ${kept}`}]})
    }
  })

  // A cell that ends in a backslash tries to escape the pipe that closes it.
  it('a cell ending in a backslash', () => {
    const result = normalise('<table><tr><th>a\\</th><th>b</th></tr></table>\n')
    expect(result.text).toBe('| a\\\\ | b |\n| --- | --- |\n')
  })

  // GFM cannot write `\|` inside a code span in a table: the conversion is read back, and refused.
  it('a code cell holding `\\|`', () => {
    const body = '<table><tr><th><code>a\\|b</code></th></tr></table>\n'
    expect(normalise(body)).toEqual({text: body, changed: [], unconverted: [{line: 1, column: 1, text: `an HTML table whose cells have no exact Markdown form, ${kept}`}]})
  })

  // Line breaks in a cell would end the row and start a forged one.
  it('a cell whose text tries to start a new row', () => {
    const result = normalise('<table><tr><th>a\n| --- |\n| forged |</th></tr></table>\n')
    expect(result.text).toBe('| a \\| --- \\| \\| forged \\| |\n| --- |\n')
  })

  // A heading made of punctuation: compared with the title without retrying from every mark.
  it('a leading heading of 20,000 punctuation marks', () => {
    const body = `# ${'!'.repeat(20_000)}a\n\nText.\n`
    expect(normalise(body, {title: `${'!'.repeat(20_000)}a`}).text).toBe('Text.\n')
    expect(normalise(body)).toEqual({text: body, changed: [], unconverted: []})
  })

  // Site bases that are not web addresses are ignored, not followed.
  it('a `--site-base` that is not an http(s) address', () => {
    const body = '[a](javascript:alert(1)/x/) [b](file:///etc/x/)\n'
    const ids = () => 'x'
    expect(normalise(body, {siteBases: ['javascript:alert(1)', 'file:///etc/', 'not a url'], idForSlug: ids})).toEqual({text: body, changed: [], unconverted: []})
  })

  // Many edits in one body: each is spliced in once, not by copying the text per edit.
  it('3,000 headings and 2,000 tables', () => {
    const body = `${'### H\n'.repeat(3_000)}${'<table>\n\n<tr><th>A</th></tr>\n\n</table>\n\n'.repeat(2_000)}`
    const result = normalise(body)
    expect(result.changed).toEqual(['raised 3000 headings one level', 'converted 2000 HTML tables to Markdown tables'])
    expect(result.text).toBe(`${'## H\n'.repeat(3_000)}${'| A |\n| --- |\n\n'.repeat(2_000)}`)
  })

  // Each table grows by a line as Markdown: 7,000 of them would take the body past the parser's
  // line bound, and a body `check` cannot read is worse than tables kept as HTML.
  it('7,000 tables whose Markdown would pass the line bound', () => {
    const body = '<table><tr><th>A</th></tr></table>\n\n'.repeat(7_000)
    const result = normalise(body)
    expect(result.text).toBe(body)
    expect(result.changed).toEqual([])
    expect(result.unconverted.length).toBe(7_000)
    expect(result.unconverted[6_999]).toEqual({line: 13_999, column: 1, text: `an HTML table whose Markdown form would leave the body unreadable, ${kept}`})
  })
})
