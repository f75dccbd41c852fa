// The security page in Debian's Chromium (driven by playwright-core): what a reader sees,
// that every link works, that nothing is fetched from elsewhere, accessibility by axe-core,
// and that no script runs on any page or attachment, even one a policy or template plants.
// One browser and one context of it serve the whole file (a context per page cost twice the
// CPU); pages are opened in parallel.
import {readFileSync} from 'node:fs'
import {createRequire} from 'node:module'
import {join} from 'node:path'
import type {Browser, BrowserContext, Page} from 'playwright-core'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {launchChromium, serve} from './browser/serve'
import {commitDate} from './fixtures/bundle-repo'
import {libraryBundle} from './fixtures/library-bundle'
import {registerBundle} from './fixtures/register-bundle'
import {policy} from './fixtures/documents'
import {charter, makeRepo, projectRoot, runGit} from './helpers'

type Server = {url: string; close(): Promise<void>}
let root: string
let server: Server
let hostileServer: Server
/** The internal edition of a repository with the seed vendors and a hostile one: the vendor register page. */
let registerServer: Server
let browser: Browser
let context: BrowserContext
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')
const onePixelPng = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64')

/**
 * A repository whose policy, attachments and fork template try every way of running script
 * that survives into the bundle: markup in a partial (inline script, an event handler, a
 * javascript: link), script text inside a plain-text attachment, and attachments check refuses
 * (an HTML page, HTML named .png), built anyway with --allow-errors.
 */
function hostileRepository(): string {
  const partial = readFileSync(join(projectRoot, 'templates/site/partials/document-meta.hbs'), 'utf8')
  const body = [
    '## Purpose',
    '',
    'The [review notes](evidence/notes.txt), the [register](evidence/register.csv), the [scan](evidence/scan.pdf) and ![the flow](evidence/flow.png).',
    '',
    'Refused, so never published: the [report](evidence/report.html) and ![a screenshot](evidence/screenshot.png).',
    '',
    "Quoted for the search excerpt: `<img src=x onerror=\"console.log('ran: excerpt')\">` stays text.",
    ''
  ].join('\n')
  const dir = makeRepo({
    'policies/hostile.md': policy('hostile', {title: 'Hostile Attachments', last_reviewed: '2026-11-02'}).replace(/## Purpose\n\nText for purpose\.\n/, body),
    'policies/evidence/notes.txt': "Quarterly review.\n<script>console.log('ran: text attachment')</script>\n<img src=x onerror=\"console.log('ran: text onerror')\">\n",
    'policies/evidence/register.csv': "vendor,note\nAcme,<script>console.log('ran: csv attachment')</script>\n",
    'policies/evidence/scan.pdf': '%PDF-1.4\n%%EOF\n',
    'policies/evidence/flow.png': onePixelPng,
    'policies/evidence/report.html': "<!doctype html><script>console.log('ran: html attachment')</script>\n",
    'policies/evidence/screenshot.png': "<html><body onload=\"console.log('ran: disguised png')\"></body></html>\n",
    'templates/site/partials/document-meta.hbs': `${partial}<script>console.log('ran: inline script')</script><img alt="" src="../logo.png" onerror="console.log('ran: onerror')"><a id="planted" href="javascript:console.log('ran: javascript link')">planted</a>\n`,
    '.gitignore': 'dist/\n'
  })
  runGit(dir, ['init', '-q', '-b', 'main'])
  runGit(dir, ['add', '-A'])
  runGit(dir, ['commit', '-q', '-m', 'Add the hostile policy'], {GIT_AUTHOR_DATE: commitDate, GIT_COMMITTER_DATE: commitDate})
  return dir
}

let hostileRoot: string
beforeAll(async () => {
  // The library is built by the installed program, once for this file and bundle.test.ts.
  const library = libraryBundle()
  hostileRoot = hostileRepository()
  const hostile = await charter(['build', '--no-pdf', '--allow-errors'], hostileRoot)
  if (hostile.status !== 0) throw new Error(hostile.stderr)
  const register = await registerBundle()
  const {root: libraryRoot, build} = await library
  if (build.status !== 0) throw new Error(build.stderr)
  root = libraryRoot
  ;[server, hostileServer, registerServer, browser] = await Promise.all([serve(join(root, 'dist')), serve(join(hostileRoot, 'dist')), serve(register), launchChromium()])
  context = await browser.newContext()
}, 120_000)

afterAll(async () => {
  await browser?.close()
  await server?.close()
  await hostileServer?.close()
  await registerServer?.close()
})

const manifest = (dir = root) => JSON.parse(readFileSync(join(dir, 'dist/manifest.json'), 'utf8')) as {documents: {id: string; title: string; version: string}[]; files: Record<string, string>}
const sitePages = (dir = root) => Object.keys(manifest(dir).files).filter((path) => path.startsWith('site/') && path.endsWith('.html')).map((path) => path.slice('site/'.length))

interface Opened {
  page: Page
  errors: string[]
  foreign: string[]
  /** console.log lines, e.g. from planted script or the violation listener. */
  logs: string[]
}

async function open(path: string, {width = 1280, base = server} = {}): Promise<Opened> {
  const page = await context.newPage()
  await page.setViewportSize({width, height: 900})
  const errors: string[] = []
  const foreign: string[] = []
  const logs: string[] = []
  page.on('console', (message) => {
    // Chromium asks each new origin for /favicon.ico, which the bundle (like GitHub Pages) does not have.
    if (message.location().url.endsWith('/favicon.ico')) return
    if (message.type() === 'error') errors.push(message.text())
    else logs.push(message.text())
  })
  page.on('pageerror', (error) => errors.push(error.message))
  page.on('dialog', async (dialog) => {
    logs.push(`ran: dialog ${dialog.message()}`)
    await dialog.dismiss()
  })
  page.on('request', (request) => {
    if (!request.url().startsWith(base.url)) foreign.push(request.url())
  })
  // The test's own listener, run by the browser outside the page's policy.
  await page.addInitScript(() => document.addEventListener('securitypolicyviolation', (event) => console.log(`blocked: ${event.violatedDirective}`)))
  const response = await page.goto(`${base.url}/site/${path}`)
  expect(response?.status(), path).toBe(200)
  return {page, errors, foreign, logs}
}

/** Runs `task` over `items`, four at a time. */
async function inParallel<T, R>(items: readonly T[], task: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length)
  let next = 0
  const worker = async () => {
    while (next < items.length) {
      const index = next++
      results[index] = await task(items[index]!)
    }
  }
  await Promise.all(Array.from({length: Math.min(4, items.length)}, worker))
  return results
}

describe('the security page in Chromium', () => {
  it('lists every document on the register with its version and review badge', async () => {
    const {page} = await open('documents.html')
    const rows = await page.$$eval('table.documents tbody tr', (rows) =>
      rows.map((row) => ({
        title: row.querySelector('th a')!.textContent!.trim(),
        version: row.querySelector('td[data-label="Version"]')!.textContent!.trim(),
        badge: row.querySelector('.badge')!.textContent!.trim()
      }))
    )
    const expected = manifest().documents.map((document) => ({title: document.title, version: document.version, badge: 'current'}))
    expect(rows).toEqual(expected)
    // The stylesheet loaded under the Content-Security-Policy, accent colour included.
    expect(await page.evaluate(() => getComputedStyle(document.querySelector('.site-header')!).borderBottomColor)).toBe('rgb(29, 78, 216)')
    await page.close()
  })

  it("leads from the bundle's root to the overview, under the same policy", async () => {
    const page = await context.newPage()
    await page.goto(`${server.url}/index.html`)
    await page.waitForURL(`${server.url}/site/index.html`)
    expect(await page.locator('h1').innerText()).toBe('Security at Example Corp')
    await page.close()
  })

  it('resolves every link, anchors included, and requests nothing from another host', async () => {
    const paths = sitePages()
    expect(paths).toEqual(expect.arrayContaining(['index.html', 'documents.html', 'controls.html', 'changelog.html', 'subprocessors.html', 'documents/access-control.html']))
    // Every page is opened once, its ids and outgoing links noted; each target is fetched once.
    const anchors = new Map<string, Set<string>>()
    const links: {from: string; target: string; url: URL}[] = []
    await inParallel(paths, async (path) => {
      const {page, errors, foreign, logs} = await open(path)
      anchors.set(new URL(page.url()).pathname, new Set(await page.$$eval('[id]', (nodes) => nodes.map((node) => node.id))))
      const targets = await page.$$eval('a[href], link[href], img[src]', (nodes) => nodes.map((node) => node.getAttribute('href') ?? node.getAttribute('src') ?? ''))
      for (const target of targets) {
        if (/^(https?:|mailto:)/.test(target) && !target.startsWith(server.url)) continue
        links.push({from: path, target, url: new URL(target, page.url())})
      }
      expect(errors, path).toEqual([])
      expect(foreign, path).toEqual([])
      // Nothing the page itself needs is blocked by its Content-Security-Policy.
      expect(logs, path).toEqual([])
      await page.close()
    })
    const statuses = new Map<string, number>()
    await inParallel([...new Set(links.map((link) => link.url.href.replace(/#.*$/, '')))], async (href) => {
      statuses.set(href, (await context.request.get(href)).status())
    })
    for (const {from, target, url} of links) {
      expect(statuses.get(url.href.replace(/#.*$/, '')), `${from} → ${target}`).toBe(200)
      if (url.hash && url.pathname.endsWith('.html')) expect(anchors.get(url.pathname)?.has(decodeURIComponent(url.hash.slice(1))), `${from} → ${target}`).toBe(true)
    }
  }, 60_000)

  it('has no accessibility violations (axe-core) on any page type at 320, 390 and 1,280 px, light and dark, and none scrolls sideways', async () => {
    // Each page type once: every top-level page, and the documents that hold wide tables, raw HTML and GFM's extras.
    // The unofficial build's index too, for its banner.
    const unofficial = 'index.html, unofficial build'
    // The internal edition's vendor register, with a hostile vendor among the seed's.
    const register = 'vendors.html, internal edition'
    const paths = [...sitePages().filter((path) => !path.includes('/')).sort(), 'documents/access-control.html', 'documents/gfm-features.html', 'documents/hostile-markup.html', unofficial, register]
    const views = [320, 390, 1280].flatMap((width) => (['light', 'dark'] as const).map((colorScheme) => ({width, colorScheme})))
    const found = await inParallel(paths, async (path) => {
      const {page, logs} = path === unofficial ? await open('index.html', {base: hostileServer}) : path === register ? await open('vendors.html', {base: registerServer}) : await open(path)
      if (path === register) {
        expect(await page.locator('h1').innerText()).toBe('Vendor register')
        // Nothing a vendor file holds runs or renders as markup.
        expect(await page.locator('main script, main img, main iframe, main b, .body a:not(.heading-anchor)').count()).toBe(0)
        expect(logs).toEqual([])
      }
      if (path === unofficial) expect(await page.locator('.dirty').innerText()).toMatch(/^Unofficial build\./)
      // The library's documents are all approved and current, so the register also shows every other
      // state's colours for axe to judge in both themes.
      if (path === 'documents.html') {
        await page.evaluate(() => {
          const states = ['due-soon', 'overdue', 'none'].map((state) => `<span class="badge badge-${state}">${state}</span>`)
          const statuses = ['draft', 'in-review', 'retired'].map((status) => `<span class="status status-${status}">${status}</span>`)
          document.querySelector('main')!.insertAdjacentHTML('beforeend', `<p>${[...states, ...statuses].join(' ')} <span class="gap">not covered</span> <span class="due">next 2027-01-01</span></p>`)
        })
      }
      // axe is the test's script, added past the page's policy the way an extension would be.
      await page.evaluate(axeSource)
      const seen: string[] = []
      // One load per page: the viewport and colour scheme change under it.
      for (const {width, colorScheme} of views) {
        await page.setViewportSize({width, height: 900})
        await page.emulateMedia({colorScheme})
        const violations = await page.evaluate(async () => {
          const results = await (window as unknown as {axe: {run(options: object): Promise<{violations: {id: string; impact: string; nodes: {target: string[]}[]}[]}>}}).axe.run({resultTypes: ['violations']})
          return results.violations.map((violation) => `${violation.id} (${violation.impact}, ${violation.nodes.length} nodes, first ${violation.nodes[0]?.target.join(' ')})`)
        })
        const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth)
        seen.push(`${path} at ${width}px, ${colorScheme}: ${[...violations, ...(scrollWidth > width ? [`scrolls sideways to ${scrollWidth}px`] : [])].join(', ') || 'none'}`)
      }
      await page.close()
      return seen
    })
    expect(found.flat()).toEqual(paths.flatMap((path) => views.map(({width, colorScheme}) => `${path} at ${width}px, ${colorScheme}: none`)))
  // The vendor register page is the longest judged here; on a shared machine under load (a load
  // average of 30 on two cores) the ten pages at six views passed two minutes.
  }, 240_000)

  it('sets prose at about 70 characters a line and the title clear of the header rule', async () => {
    const {page} = await open('documents/access-control.html')
    // The length of each line of the body's paragraphs and list items, read off where the characters wrap.
    const lines = await page.evaluate(() => {
      const found: number[] = []
      const range = document.createRange()
      for (const block of Array.from(document.querySelectorAll('.body > p, .body > ul > li'))) {
        const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT)
        let top: number | undefined
        let line = ''
        for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
          for (let index = 0; index < node.data.length; index++) {
            range.setStart(node, index)
            range.setEnd(node, index + 1)
            const box = range.getClientRects()[0]
            if (!box) continue
            if (top !== undefined && box.top > top + 4) {
              found.push(line.trim().length)
              line = ''
            }
            top = box.top
            line += node.data[index]
          }
        }
        found.push(line.trim().length)
      }
      return found
    })
    expect(lines.length).toBeGreaterThan(100)
    expect(Math.max(...lines)).toBeGreaterThanOrEqual(60)
    expect(Math.max(...lines)).toBeLessThanOrEqual(75)
    // The main column starts 40 px (2.5rem) under the header rule.
    for (const path of ['documents/access-control.html', 'index.html']) {
      if (path !== 'documents/access-control.html') await page.goto(`${server.url}/site/${path}`)
      const gap = await page.evaluate(() => document.querySelector('main h1')!.getBoundingClientRect().top - document.querySelector('.site-header')!.getBoundingClientRect().bottom - (document.querySelector('main h1')!.previousElementSibling?.getBoundingClientRect().height ?? 0))
      expect(gap, path).toBe(40)
    }
    await page.close()
  })

  it('marks the current page in the navigation, and shows the skip link on its own line above the site name', async () => {
    const current = await inParallel(['index.html', 'controls.html', 'changelog.html', 'subprocessors.html', 'documents/access-control.html'], async (path) => {
      const {page} = await open(path)
      const here = page.url()
      const marked = await page.$$eval('nav a[aria-current="page"]', (links) => links.map((link) => (link as HTMLAnchorElement).href))
      await page.keyboard.press('Tab')
      const skip = await page.evaluate(() => {
        const link = document.activeElement as HTMLElement
        const box = link.getBoundingClientRect()
        const brand = document.querySelector('.brand')!.getBoundingClientRect()
        return {text: link.textContent, visible: box.width > 0 && box.top >= 0, overlapsBrand: box.bottom > brand.top && box.top < brand.bottom && box.right > brand.left && box.left < brand.right}
      })
      await page.close()
      return {path, marked: marked.map((href) => (href === here ? 'this page' : href)), skip}
    })
    const skip = {text: 'Skip to content', visible: true, overlapsBrand: false}
    expect(current).toEqual([
      {path: 'index.html', marked: ['this page'], skip},
      {path: 'controls.html', marked: ['this page'], skip},
      {path: 'changelog.html', marked: ['this page'], skip},
      {path: 'subprocessors.html', marked: ['this page'], skip},
      // A document is no entry of the navigation, so nothing there claims to be it.
      {path: 'documents/access-control.html', marked: [], skip}
    ])
  })

  it('follows the system into the dark theme, and prints black on white without navigation, outside links spelt out, tables whole', async () => {
    const {page} = await open('documents/access-control.html')
    const colours = () => page.evaluate(() => [getComputedStyle(document.body).backgroundColor, getComputedStyle(document.body).color])
    expect(await colours()).toEqual(['rgb(255, 255, 255)', 'rgb(31, 41, 51)'])
    await page.emulateMedia({colorScheme: 'dark'})
    expect(await colours()).toEqual(['rgb(17, 22, 28)', 'rgb(228, 231, 235)'])
    // Paper is white whatever the screen's theme.
    await page.emulateMedia({colorScheme: 'dark', media: 'print'})
    expect(await colours()).toEqual(['rgb(255, 255, 255)', 'rgb(0, 0, 0)'])
    // The library's documents link to no outside address; a policy's own link is added as its Markdown would render.
    await page.evaluate(() => document.querySelector('.body p')!.insertAdjacentHTML('beforeend', ' <a href="https://www.example.com/report">the report</a>'))
    const printed = await page.evaluate(() => ({
      navigation: getComputedStyle(document.querySelector('.site-header nav')!).display,
      skipLink: getComputedStyle(document.querySelector('.skip-link')!).display,
      outsideLink: getComputedStyle(document.querySelector('.body a[href^="https:"]')!, '::after').content,
      pageLink: getComputedStyle(document.querySelector('.body a[href$=".html"]')!, '::after').content,
      tableOverflow: getComputedStyle(document.querySelector('.body .table-region')!).overflowX,
      tableHeader: getComputedStyle(document.querySelector('.body thead')!).display
    }))
    expect(printed).toEqual({navigation: 'none', skipLink: 'none', outsideLink: '" (https://www.example.com/report)"', pageLink: 'none', tableOverflow: 'visible', tableHeader: 'table-header-group'})
    await page.close()
  })

  it("shows GitHub's task lists, strikethrough and footnotes, and a footnote link leads to its note", async () => {
    const {page, errors} = await open('documents/gfm-features.html')
    const boxes = await page.$$eval('main input[type=checkbox]', (nodes) => nodes.map((node) => ({checked: (node as HTMLInputElement).checked, disabled: (node as HTMLInputElement).disabled})))
    expect(boxes).toEqual([{checked: true, disabled: true}, {checked: false, disabled: true}])
    expect(await page.locator('main del').innerText()).toBe('shared admin account')
    await page.locator('main sup a').click()
    expect(new URL(page.url()).hash).toBe('#fn-joiner')
    expect(await page.locator(':target').innerText()).toContain('Contractors follow the same checklist.')
    // The notes' heading is for screen readers only: clipped to one pixel.
    expect((await page.locator('section.footnotes h2').boundingBox())?.width).toBeLessThanOrEqual(1)
    expect(await page.locator('main input[type=checkbox]').first().getAttribute('aria-label')).toBe('Account created in the identity provider')
    expect(errors).toEqual([])
    await page.close()
  })

  it('renders a policy full of hostile markup inert', async () => {
    const {page, errors, foreign, logs} = await open('documents/hostile-markup.html')
    await page.reload()
    const links = page.locator('main a', {hasText: 'the guide'})
    expect(await links.count()).toBe(0)
    const dangerous = await page.$$eval('main script, main iframe, main style, main [style], main [onerror], main [onclick], main [onmouseover], main [ontoggle], a[href^="javascript:"]', (nodes) => nodes.length)
    expect(dangerous).toBe(0)
    expect(await page.locator('main').innerText()).toContain('Read the guide or this.')
    // The table and the details are kept, without their handlers: an open details fires ontoggle as the page loads.
    expect(await page.locator('main .body td').innerText()).toBe('Kept cell')
    expect(await page.locator('main .body details[open] summary').innerText()).toBe('Kept summary')
    expect(logs).toEqual([])
    expect(errors).toEqual([])
    expect(foreign).toEqual([])
    await page.close()
  })
})

describe('no script runs on any page or attachment', () => {
  it('blocks the script a fork template plants, on every page, by the Content-Security-Policy', async () => {
    const paths = sitePages(hostileRoot)
    expect(paths.sort()).toEqual(['changelog.html', 'controls.html', 'documents.html', 'documents/hostile.html', 'index.html', 'search.html'])
    const seen = await inParallel(paths, async (path) => {
      const {page, logs} = await open(path, {base: hostileServer})
      if (path === 'documents/hostile.html') await page.locator('#planted').click()
      // Once more through the event loop, so a late handler would have run.
      await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 0)))
      await page.close()
      return [path, logs.sort()] as const
    })
    expect(Object.fromEntries(seen)).toEqual({
      'changelog.html': [],
      'controls.html': [],
      'documents.html': [],
      'documents/hostile.html': ['blocked: script-src-attr', 'blocked: script-src-elem', 'blocked: script-src-elem'],
      'index.html': [],
      'search.html': []
    })
  })

  it('opens every attachment as the inert type it is', async () => {
    const attachments = Object.keys(manifest(hostileRoot).files).filter((path) => path.startsWith('site/files/')).sort()
    expect(attachments).toEqual(['site/files/evidence/flow.png', 'site/files/evidence/notes.txt', 'site/files/evidence/register.csv', 'site/files/evidence/scan.pdf'])
    const seen = await inParallel(attachments, async (path) => {
      const page = await context.newPage()
      const logs: string[] = []
      page.on('console', (message) => logs.push(message.text()))
      page.on('dialog', async (dialog) => {
        logs.push(`ran: dialog ${dialog.message()}`)
        await dialog.dismiss()
      })
      // Chromium downloads a PDF (without a window) or a CSV rather than showing it; its type is what counts.
      const download = /\.(pdf|csv)$/.test(path)
      const response = download ? await page.request.get(`${hostileServer.url}/${path}`) : await page.goto(`${hostileServer.url}/${path}`)
      const type = response?.headers()['content-type']
      const scripts = download ? 0 : await page.evaluate(() => document.querySelectorAll('script, [onerror]').length)
      await page.close()
      return [path, {type, scripts, logs}] as const
    })
    expect(Object.fromEntries(seen)).toEqual({
      'site/files/evidence/flow.png': {type: 'image/png', scripts: 0, logs: []},
      'site/files/evidence/notes.txt': {type: 'text/plain; charset=utf-8', scripts: 0, logs: []},
      'site/files/evidence/register.csv': {type: 'text/csv; charset=utf-8', scripts: 0, logs: []},
      'site/files/evidence/scan.pdf': {type: 'application/pdf', scripts: 0, logs: []}
    })
  })
})

describe('finding things', () => {
  it('finds "encrypt" on the cryptography page, with the index from the site itself', async () => {
    const {page, errors, foreign, logs} = await open('search.html?q=encrypt')
    await page.locator('[data-search-results] li').first().waitFor()
    const found = await page.$$eval('[data-search-results] > li', (items) =>
      items.map((item) => ({
        title: item.querySelector('a.search-title')!.textContent,
        path: new URL((item.querySelector('a.search-title') as HTMLAnchorElement).href).pathname,
        marks: Array.from(item.querySelectorAll('mark')).map((mark) => mark.textContent!.toLowerCase().replace(/[^a-z]/g, '')),
        sections: Array.from(item.querySelectorAll('ul a')).map((link) => new URL((link as HTMLAnchorElement).href).hash)
      }))
    )
    const cryptography = found.find((result) => result.path === '/site/documents/cryptography.html')
    expect(cryptography?.title).toBe('Cryptography and Key Management Policy')
    expect(cryptography?.marks.every((mark) => mark.startsWith('encrypt'))).toBe(true)
    expect(cryptography?.marks.length).toBeGreaterThan(0)
    expect(cryptography?.sections).toContain('#encryption-at-rest')
    expect(await page.locator('[data-search-status]').innerText()).toBe(`${found.length} pages match “encrypt”.`)
    expect(await page.locator('input[type=search]').inputValue()).toBe('encrypt')
    // The results as a reader meets them: no accessibility violation of any impact.
    await page.evaluate(axeSource)
    const violations = await page.evaluate(async () => {
      const results = await (window as unknown as {axe: {run(): Promise<{violations: {id: string; nodes: unknown[]}[]}>}}).axe.run()
      return results.violations.map((violation) => `${violation.id} (${violation.nodes.length} nodes)`)
    })
    expect(violations).toEqual([])
    // A section of a result leads to its heading.
    await page.locator('[data-search-results] a[href$="cryptography.html#encryption-at-rest"]').click()
    await page.waitForURL(/cryptography\.html#encryption-at-rest$/)
    expect(await page.locator(':target').innerText()).toBe('Encryption at Rest #')
    expect(errors).toEqual([])
    expect(foreign).toEqual([])
    expect(logs).toEqual([])
    await page.close()
  })

  it("lets the search page run the site's own scripts and nothing else", async () => {
    const {page, foreign, logs} = await open('search.html')
    const failed: string[] = []
    page.on('requestfailed', (request) => failed.push(`${request.url()} ${request.failure()?.errorText}`))
    expect(await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content')).toBe(
      "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'"
    )
    // Other pages keep the policy that runs no script at all.
    const other = await open('index.html')
    expect(await other.page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content')).toBe("default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'")
    await other.page.close()
    await page.evaluate(() => {
      const elsewhere = 'http://elsewhere.invalid'
      const script = document.createElement('script')
      script.src = `${elsewhere}/search.js`
      const inline = document.createElement('script')
      inline.textContent = "console.log('ran: inline script')"
      document.head.append(script, inline)
      new Image().src = `${elsewhere}/pixel.png`
      void fetch(`${elsewhere}/index.json`).catch(() => undefined)
      const frame = document.createElement('iframe')
      frame.src = `${elsewhere}/frame.html`
      document.body.append(frame)
    })
    await expect.poll(() => logs.length, {timeout: 30_000}).toBe(5)
    expect(logs.sort()).toEqual(['blocked: connect-src', 'blocked: frame-src', 'blocked: img-src', 'blocked: script-src-elem', 'blocked: script-src-elem'])
    // Chromium reports the blocked requests it was asked for, and fails them without sending them.
    await expect.poll(() => failed.length, {timeout: 30_000}).toBe(foreign.length)
    expect(failed.sort()).toEqual(foreign.sort().map((url) => `${url} csp`))
    await page.close()
  })

  it('shows a query and an excerpt as text, never as markup', async () => {
    const query = `<img src=x onerror="console.log('ran: query')">`
    const {page, errors, logs} = await open(`search.html?q=${encodeURIComponent(query)}`, {base: hostileServer})
    await expect.poll(() => page.locator('[data-search-status]').innerText(), {timeout: 30_000}).toMatch(/“<img src=x onerror="console\.log\('ran: query'\)">”\.$/)
    const excerpt = await open('search.html?q=quoted', {base: hostileServer})
    await excerpt.page.locator('[data-search-results] li').first().waitFor()
    expect(await excerpt.page.locator('[data-search-results] p').first().innerText()).toContain(`<img src=x onerror="console.log('ran: excerpt')"> stays text.`)
    expect(await excerpt.page.locator('main img').count()).toBe(0)
    expect(await page.locator('main img').count()).toBe(0)
    expect([...errors, ...excerpt.errors]).toEqual([])
    expect([...logs, ...excerpt.logs]).toEqual([])
    await page.close()
    await excerpt.page.close()
  })

  it('works without JavaScript: the search page links to the documents, a document page to its sections, controls and relatives', async () => {
    const plain = await browser.newContext({javaScriptEnabled: false})
    const page = await plain.newPage()
    await page.goto(`${server.url}/site/search.html`)
    expect(await page.locator('input[type=search]').isVisible()).toBe(false)
    expect(await page.locator('main').innerText()).toBe('Search\n\nSearch runs in your browser and needs JavaScript. Without it, every document is listed on the policies page.')
    await page.locator('main a', {hasText: 'the policies page'}).click()
    expect(new URL(page.url()).pathname).toBe('/site/index.html')

    await page.goto(`${server.url}/site/documents/cryptography.html`)
    const contents = await page.$$eval('nav.toc > ol > li', (items) => items.map((item) => [item.querySelector('a')!.textContent, item.querySelectorAll(':scope ol a').length]))
    expect(contents).toEqual([
      ['Purpose', 0],
      ['Scope', 0],
      ['Policy', 8],
      ['Roles and Responsibilities', 0],
      ['Exceptions', 0],
      ['Enforcement', 0],
      ['Related documents', 0],
      ['Revision history', 0]
    ])
    await page.locator('nav.toc a', {hasText: 'Encryption at Rest'}).click()
    expect(new URL(page.url()).hash).toBe('#encryption-at-rest')
    expect(await page.locator(':target').evaluate((node) => node.tagName)).toBe('H3')
    // Each section heading carries a visible link to itself, named by the heading.
    const anchor = page.getByRole('link', {name: 'Link to this section: Key Access'})
    expect(await anchor.getAttribute('href')).toBe('#key-access')
    expect(await anchor.isVisible()).toBe(true)
    // A control id leads to its row on the controls page.
    await page.locator('.control-list a', {hasText: 'A.8.24'}).click()
    expect(new URL(page.url()).pathname + new URL(page.url()).hash).toBe('/site/controls.html#control-iso27001-A.8.24')
    expect(await page.locator(':target').innerText()).toBe('A.8.24')
    await page.goBack()
    const related = await page.$$eval('section.related li', (items) => items.map((item) => item.textContent!.replace(/\s+/g, ' ').trim()))
    // The front matter's related documents that are public, then one more that shares controls.
    expect(related).toEqual([
      'Information Security Policy',
      'Access Control Policy',
      'Data Classification and Handling Policy',
      'Secure Development Policy',
      'Acceptable Use Policy shares SOC 2 CC6.7, ISO 27001 A.5.14'
    ])
    await plain.close()
  })
})
