// `npm run screenshots`: builds the Example Corp bundle into a temporary folder and saves PNGs a
// person can look at in screenshots/: the index, one document page and the changelog at desktop and phone
// width (Chromium), and the PDF's cover and contents pages (pdftoppm, Debian's poppler-utils).
import {spawnSync} from 'node:child_process'
import {mkdirSync, mkdtempSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {launchChromium, serve} from '../test/browser/serve'

const root = new URL('..', import.meta.url).pathname
const out = join(root, 'screenshots')
const dist = join(mkdtempSync(join(tmpdir(), 'charter-screenshots-')), 'dist')
mkdirSync(out, {recursive: true})
const built = spawnSync(process.execPath, [join(root, 'bin/charter.js'), 'build', '--audience', 'internal', '--out', dist], {cwd: root, encoding: 'utf8'})
if (built.status !== 0) throw new Error(`charter build failed: ${built.stderr}`)
const server = await serve(join(dist, 'site'))
const browser = await launchChromium()
try {
  for (const [name, width, height] of [['desktop', 1280, 900], ['phone', 390, 844]] as const) {
    const page = await browser.newPage({viewport: {width, height}})
    for (const [file, path] of [['index', 'index.html'], ['document', 'documents/access-control.html'], ['changelog', 'changelog.html']] as const) {
      await page.goto(`${server.url}/${path}`)
      await page.screenshot({path: join(out, `${file}-${name}.png`), fullPage: false})
    }
    await page.close()
  }
} finally {
  await browser.close()
  await server.close()
}
for (const [name, page] of [['pdf-cover', 1], ['pdf-contents', 2]] as const) {
  const result = spawnSync('pdftoppm', ['-png', '-r', '60', '-singlefile', '-f', String(page), '-l', String(page), join(dist, 'pdf/security-policies.pdf'), join(out, name)], {encoding: 'utf8'})
  if (result.error) throw new Error('pdftoppm is missing; install Debian\'s poppler-utils')
}
rmSync(join(dist, '..'), {recursive: true, force: true})
console.log(`Screenshots in ${out}: index-desktop.png, index-phone.png, document-desktop.png, document-phone.png, changelog-desktop.png, changelog-phone.png, pdf-cover.png, pdf-contents.png`)
