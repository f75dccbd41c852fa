// `npm run screenshots`: builds the Example Corp bundle into a temporary folder and saves PNGs a
// person can look at in screenshots/: the first three screens of every page type of the public
// site at phone and desktop width, light and dark (Chromium), and the first pages of the
// internal edition's combined PDF, the one an auditor reads (pdftoppm, Debian's poppler-utils);
// and the internal edition's vendor register, as a page at both widths and themes and as its PDF.
import {spawnSync} from 'node:child_process'
import {mkdirSync, mkdtempSync, readdirSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {launchChromium, serve} from '../test/browser/serve'

const root = new URL('..', import.meta.url).pathname
const out = join(root, 'screenshots')
const scratch = mkdtempSync(join(tmpdir(), 'charter-screenshots-'))
const pdfPages = 4
const registerPdfPages = 2

function build(audience: 'public' | 'internal', ...options: string[]): string {
  const dist = join(scratch, audience)
  const built = spawnSync(process.execPath, [join(root, 'bin/charter.js'), 'build', '--audience', audience, '--out', dist, ...options], {cwd: root, encoding: 'utf8'})
  if (built.status !== 0) throw new Error(`charter build --audience ${audience} failed: ${built.stderr}`)
  return dist
}

rmSync(out, {recursive: true, force: true})
mkdirSync(out, {recursive: true})
const site = join(build('public', '--no-pdf'), 'site')
const internal = build('internal')
// Every top-level page is a page type of its own; documents share one template, so one stands for all.
const pages = [
  ...readdirSync(site)
    .filter((file) => file.endsWith('.html'))
    .sort()
    .map((file) => [file.slice(0, -'.html'.length), file] as const),
  ['document', 'documents/access-control.html'] as const
]
const saved: string[] = []
const server = await serve(site)
const internalServer = await serve(join(internal, 'site'))
const browser = await launchChromium()
try {
  // One page, its viewport and colour scheme switched between shots.
  const page = await browser.newPage()
  for (const [width, height] of [[390, 844], [1280, 900]] as const) {
    await page.setViewportSize({width, height})
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({colorScheme})
      for (const [name, path] of pages) {
        await page.goto(`${server.url}/${path}`)
        const file = `${name}-${width}-${colorScheme}.png`
        // The whole page, cut at three screens: what a reader meets first, tables included.
        const pageHeight = await page.evaluate(() => document.documentElement.scrollHeight)
        await page.screenshot({path: join(out, file), fullPage: true, clip: {x: 0, y: 0, width, height: Math.min(pageHeight, height * 3)}})
        saved.push(file)
      }
      // The register is the internal edition's page alone.
      await page.goto(`${internalServer.url}/vendors.html`)
      const file = `vendors-${width}-${colorScheme}.png`
      const pageHeight = await page.evaluate(() => document.documentElement.scrollHeight)
      await page.screenshot({path: join(out, file), fullPage: true, clip: {x: 0, y: 0, width, height: Math.min(pageHeight, height * 3)}})
      saved.push(file)
    }
  }
} finally {
  await browser.close()
  await server.close()
  await internalServer.close()
}
for (let number = 1; number <= pdfPages; number++) {
  const file = `pdf-page-${number}`
  const result = spawnSync('pdftoppm', ['-png', '-r', '70', '-singlefile', '-f', String(number), '-l', String(number), join(internal, 'pdf/security-policies.pdf'), join(out, file)], {encoding: 'utf8'})
  if (result.error) throw new Error("pdftoppm is missing; install Debian's poppler-utils")
  saved.push(`${file}.png`)
}
for (let number = 1; number <= registerPdfPages; number++) {
  const file = `pdf-vendor-register-page-${number}`
  spawnSync('pdftoppm', ['-png', '-r', '70', '-singlefile', '-f', String(number), '-l', String(number), join(internal, 'pdf/vendor-register.pdf'), join(out, file)], {encoding: 'utf8'})
  saved.push(`${file}.png`)
}
rmSync(scratch, {recursive: true, force: true})
console.log(`Screenshots in ${out}:\n${saved.map((file) => `  ${file}`).join('\n')}`)
