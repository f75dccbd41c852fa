// The security page in Debian's Chromium (driven by playwright-core): what a reader sees,
// that every link works, that nothing is fetched from elsewhere, accessibility by axe-core,
// and that hostile markup in a policy stays inert.
import {readdirSync, readFileSync} from 'node:fs'
import {createRequire} from 'node:module'
import {join} from 'node:path'
import type {Browser, Page} from 'playwright-core'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {launchChromium, serve} from './browser/serve'
import {bundleRepository} from './fixtures/bundle-repo'
import {charter} from './helpers'

let root: string
let server: {url: string; close(): Promise<void>}
let browser: Browser
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')

beforeAll(async () => {
  root = bundleRepository()
  const run = charter(['build'], root)
  if (run.status !== 0) throw new Error(run.stderr)
  server = await serve(join(root, 'dist'))
  browser = await launchChromium()
}, 60_000)

afterAll(async () => {
  await browser?.close()
  await server?.close()
})

const pages = () => readdirSync(join(root, 'dist/site')).filter((name) => name.endsWith('.html')).sort()
const manifest = () => JSON.parse(readFileSync(join(root, 'dist/manifest.json'), 'utf8')) as {documents: {id: string; title: string; version: string}[]}

async function open(path: string, width = 1280): Promise<{page: Page; errors: string[]; foreign: string[]}> {
  const page = await browser.newPage({viewport: {width, height: 900}})
  const errors: string[] = []
  const foreign: string[] = []
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text())
  })
  page.on('pageerror', (error) => errors.push(error.message))
  page.on('request', (request) => {
    if (!request.url().startsWith(server.url)) foreign.push(request.url())
  })
  const response = await page.goto(`${server.url}/site/${path}`)
  expect(response?.status(), path).toBe(200)
  return {page, errors, foreign}
}

describe('the security page in Chromium', () => {
  it('lists every document on the index with its version and review badge', async () => {
    const {page} = await open('index.html')
    const rows = await page.$$eval('table.documents tbody tr', (rows) =>
      rows.map((row) => ({
        title: row.querySelector('th a')!.textContent!.trim(),
        version: row.querySelector('td[data-label="Version"]')!.textContent!.trim(),
        badge: row.querySelector('.badge')!.textContent!.trim()
      }))
    )
    const expected = manifest()
      .documents.map((document) => ({title: document.title, version: document.version, badge: 'current'}))
    expect(rows).toEqual(expected)
    await page.close()
  })

  it('resolves every link, anchors included, and requests nothing from another host', async () => {
    const anchors = new Map<string, Set<string>>()
    for (const path of pages()) {
      const {page, errors, foreign} = await open(path)
      anchors.set(path, new Set(await page.$$eval('[id]', (nodes) => nodes.map((node) => node.id))))
      const targets = await page.$$eval('a[href], link[href], img[src]', (nodes) => nodes.map((node) => node.getAttribute('href') ?? node.getAttribute('src') ?? ''))
      for (const target of targets) {
        if (/^(https?:|mailto:)/.test(target) && !target.startsWith(server.url)) continue
        const url = new URL(target, page.url())
        const answer = await page.request.get(url.href)
        expect(answer.status(), `${path} → ${target}`).toBe(200)
        if (url.hash && url.pathname.endsWith('.html')) {
          const file = url.pathname.split('/').pop()!
          if (!anchors.has(file)) {
            const other = await open(file)
            anchors.set(file, new Set(await other.page.$$eval('[id]', (nodes) => nodes.map((node) => node.id))))
            await other.page.close()
          }
          expect(anchors.get(file)!.has(decodeURIComponent(url.hash.slice(1))), `${path} → ${target}`).toBe(true)
        }
      }
      expect(errors, path).toEqual([])
      expect(foreign, path).toEqual([])
      await page.close()
    }
  })

  it('has no serious or critical accessibility violations (axe-core)', async () => {
    for (const [path, width] of [['index.html', 1280], ['access-control.html', 1280], ['controls.html', 1280], ['changelog.html', 1280], ['gfm-features.html', 1280], ['access-control.html', 390]] as const) {
      const {page} = await open(path, width)
      await page.addScriptTag({content: axeSource})
      const violations = await page.evaluate(async () => {
        const results = await (window as unknown as {axe: {run(): Promise<{violations: {id: string; impact: string; nodes: unknown[]}[]}>}}).axe.run()
        return results.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical').map((violation) => `${violation.id} (${violation.impact}, ${violation.nodes.length} nodes)`)
      })
      expect(violations, `${path} at ${width}px`).toEqual([])
      await page.close()
    }
  })

  it('fits a phone screen without sideways scrolling, and prints without the navigation', async () => {
    for (const path of ['index.html', 'access-control.html', 'changelog.html']) {
      const {page} = await open(path, 390)
      expect(await page.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(390)
      await page.emulateMedia({media: 'print'})
      expect(await page.evaluate(() => getComputedStyle(document.querySelector('.site-header nav')!).display)).toBe('none')
      await page.close()
    }
  })

  it("shows GitHub's task lists, strikethrough and footnotes, and a footnote link leads to its note", async () => {
    const {page, errors} = await open('gfm-features.html')
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
    const {page, errors, foreign} = await open('hostile-markup.html')
    const dialogs: string[] = []
    page.on('dialog', async (dialog) => {
      dialogs.push(dialog.message())
      await dialog.dismiss()
    })
    await page.reload()
    const links = page.locator('main a', {hasText: 'the guide'})
    expect(await links.count()).toBe(0)
    const dangerous = await page.$$eval('main script, main iframe, main style, main [onerror], main [onclick], a[href^="javascript:"]', (nodes) => nodes.length)
    expect(dangerous).toBe(0)
    expect(await page.locator('main').innerText()).toContain('Read the guide or this.')
    expect(dialogs).toEqual([])
    expect(errors).toEqual([])
    expect(foreign).toEqual([])
    await page.close()
  })
})
