// A commit's Change: trailer is published to customers as the change's summary, and whoever
// writes the commit writes it: markup, Markdown, reordering or invisible characters, a huge
// value, several trailers, or a trailer naming a withheld document must all reach the page and
// the feed as one short line of plain text.
import {readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {policy} from '../fixtures/documents'
import {charter, makeRepo, runGit} from '../helpers'

const config = ['organization:', '  name: Example Corp', '  short_name: Example', '  security_contact: security@example.test', ''].join('\n')
const dates = {effective: '2026-01-05', last_reviewed: '2026-01-05'}

/** Each hostile message, committed in turn as a change to the public document (the version raised each time). */
const messages: Record<string, string[]> = {
  html: ['Edit one', '', 'Change: <script>alert(1)</script><img src=x onerror=alert(1)> & done'],
  markdown: ['Edit two', '', 'Change: **Bold** [click](javascript:alert(1)) ![x](https://tracker.example/x.png) `code`'],
  bidi: ['Edit three', '', 'Change: Invoice \u202egnp.exe\u202c and \u2066hidden\u2069\u200b\u0007bell\u001b[31m red'],
  folded: ['Edit four', '', 'Change: a trailer folded', '  over two lines'],
  several: ['Edit five', '', 'Change: the first trailer', 'Change: a second trailer, ignored'],
  huge: ['Edit six', '', `Change: ${'word '.repeat(20000)}end`],
  withheld: ['Edit seven', '', 'Change: Align with the Merger Plan (secret-plan)'],
  empty: ['Subject when the trailer is empty', '', 'Change:   '],
  body: ['Subject when Change: is not a trailer', '', 'Change: in the body, not the trailer block', '', 'Signed-off-by: Ann <ann@example.test>']
}

let root: string
let out: string
let page: string
let internalPage: string
let feed: string
const commits: Record<string, string> = {}

beforeAll(async () => {
  root = makeRepo({
    'charter.config.yaml': config,
    'policies/access-control.md': policy('access-control', {title: 'Access Control Policy', ...dates}),
    'policies/secret-plan.md': policy('secret-plan', {title: 'Merger Plan', classification: 'confidential', ...dates})
  })
  runGit(root, ['init', '-q', '-b', 'main'])
  runGit(root, ['add', '-A'])
  runGit(root, ['commit', '-q', '-m', 'Add the policies'])
  // A tag name may hold markup characters; it names the first release on the page and in the feed.
  runGit(root, ['tag', 'v1<b>&"x'])
  let minor = 0
  for (const [name, lines] of Object.entries(messages)) {
    const path = join(root, 'policies/access-control.md')
    writeFileSync(path, readFileSync(path, 'utf8').replace(/version: 1\.\d+\.0/, `version: 1.${++minor}.0`))
    // -F: the message as written, every byte of it; no cleanup of what git would strip.
    writeFileSync(join(root, '.git', 'MESSAGE'), `${lines.join('\n')}\n`)
    // The first one's author name carries its own tricks, for the edition that shows names.
    const author: Record<string, string> = name === 'html' ? {GIT_AUTHOR_NAME: 'Mallory \u202e<b>evil</b>\u202c Jones'} : {}
    runGit(root, ['commit', '-q', '-a', '--cleanup=verbatim', '-F', join(root, '.git', 'MESSAGE')], {GIT_COMMITTER_DATE: `2026-02-${String(minor).padStart(2, '0')}T10:00:00Z`, ...author})
    const commit = runGit(root, ['rev-parse', 'HEAD']).trim()
    commits[name] = commit
    // A second tag that differs only in characters an id can't hold.
    if (name === 'html') runGit(root, ['tag', "v1>b<'&x"])
  }
  out = join(makeRepo({}), 'dist')
  const run = await charter(['build', '--no-pdf', '--out', out], root)
  expect(run.stderr).toBe('')
  expect(run.status).toBe(0)
  page = readFileSync(join(out, 'site/documents/access-control.html'), 'utf8')
  const internal = join(makeRepo({}), 'dist')
  expect((await charter(['build', '--no-pdf', '--audience', 'internal', '--out', internal], root)).status).toBe(0)
  internalPage = readFileSync(join(internal, 'site/documents/access-control.html'), 'utf8')
  feed = readFileSync(join(out, 'site/changelog.xml'), 'utf8')
})

const changeCell = (text: string) => `<td data-label="Change">${text}</td>`
const feedTitle = (text: string) => `<title type="text">${text}</title>`

describe('a Change: trailer', () => {
  it('with HTML is shown as text, never as markup', () => {
    expect(page).toContain(changeCell('&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt; &amp; done'))
    expect(feed).toContain(feedTitle('&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt; &amp; done'))
    expect(page).not.toContain('<img src=x')
    expect(page).not.toContain('<script>')
  })

  it('with Markdown is shown as written: no link, no image, no emphasis', () => {
    expect(page).toContain(changeCell('**Bold** [click](javascript:alert(1)) ![x](https://tracker.example/x.png) &#x60;code&#x60;'))
    expect(page).not.toContain('href="javascript')
    expect(page).not.toContain('tracker.example/x.png"')
  })

  it('loses its bidirectional overrides, invisible marks and control characters', () => {
    expect(page).toContain(changeCell('Invoice gnp.exe and hidden bell [31m red'))
    expect(feed).toContain(feedTitle('Invoice gnp.exe and hidden bell [31m red'))
    expect(page).not.toMatch(/[\u202a-\u202e\u2066-\u2069\u200b\u0007\u001b]/)
  })

  it('folded over two lines, as git allows, is one line', () => {
    expect(page).toContain(changeCell('a trailer folded over two lines'))
  })

  it('counts once: the first of several wins', () => {
    expect(page).toContain(changeCell('the first trailer'))
    expect(page).not.toContain('a second trailer')
  })

  it('of 100 KB is cut to 160 characters', () => {
    const shown = `${'word '.repeat(32).trimEnd()}…`
    expect(Array.from(shown)).toHaveLength(160)
    expect(page).toContain(changeCell(shown))
    expect(feed).toContain(feedTitle(shown))
    expect(page.length).toBeLessThan(40_000)
  })

  it("can't name a document the audience does not get", () => {
    expect(page).toContain(changeCell('Align with the [internal document] ([internal document])'))
    expect(page + feed).not.toContain('Merger')
    expect(page + feed).not.toContain('secret-plan')
  })

  it('that is empty, or not in the trailer block, leaves the subject as the summary', () => {
    expect(page).toContain(changeCell('Subject when the trailer is empty'))
    expect(page).toContain(changeCell('Subject when Change: is not a trailer'))
    expect(page).not.toContain('in the body, not the trailer block')
  })

  it('gives charter history the same summary', async () => {
    const [history] = JSON.parse((await charter(['history', 'access-control', '--format', 'json'], root)).stdout)
    const summary = (name: string) => history.revisions.find((revision: {commit: string}) => revision.commit === commits[name]).summary
    expect(summary('bidi')).toBe('Invoice gnp.exe and hidden bell [31m red')
    expect(summary('several')).toBe('the first trailer')
    expect(summary('body')).toBe('Subject when Change: is not a trailer')
    // The internal command shows withheld names: it is not published.
    expect(summary('withheld')).toBe('Align with the Merger Plan (secret-plan)')
  })
})

describe('a release tag', () => {
  it('with markup characters is shown as text, and its anchor is made of safe characters', () => {
    const changelog = readFileSync(join(out, 'site/changelog.html'), 'utf8')
    expect(changelog).toContain('<h2 id="release-v1-b---x-2">v1&lt;b&gt;&amp;&quot;x <span class="release-date">2026-01-05</span></h2>')
    expect(changelog).toContain('<h2 id="release-v1-b---x">v1&gt;b&lt;&#x27;&amp;x <span class="release-date">2026-02-01</span></h2>')
    expect(feed).toContain('<category term="v1&lt;b&gt;&amp;&quot;x"/>')
    expect(feed).toContain(`<category term="v1&gt;b&lt;'&amp;x"/>`)
    expect(changelog).not.toContain('<b>')
  })
})

describe('an author name', () => {
  it('is shown, where names are, as one line of text without its reordering marks', () => {
    // git itself drops the angle brackets from a name.
    expect(internalPage).toContain('<td data-label="Author">Mallory bevil/b Jones</td>')
    expect(internalPage).not.toMatch(/[\u202a-\u202e]/)
    expect(page).not.toContain('Mallory')
  })
})
