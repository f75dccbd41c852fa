// The tagging alternative measured beside pdfmake: the system Chromium printing each document
// page of a built site to a tagged PDF (playwright-core's page.pdf with `tagged` and `outline`).
// Prints pages, seconds, pages/s, bytes, whether two prints give the same bytes, and what
// pdfinfo says of tagging. Run under /usr/bin/time to count Chromium's CPU too.
//   node bench/pdf-tagging.js <bundle folder built with charter build --no-pdf>
import {spawnSync} from 'node:child_process'
import {mkdtempSync, readdirSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {pathToFileURL} from 'node:url'
import {chromium} from 'playwright-core'

const bundle = process.argv[2]
if (!bundle) {
  console.error('usage: node bench/pdf-tagging.js <bundle folder>')
  process.exit(2)
}
const pages = readdirSync(join(bundle, 'site/documents')).filter((name) => name.endsWith('.html')).sort()
const out = mkdtempSync(join(tmpdir(), 'charter-tagging-'))
const started = performance.now()
const browser = await chromium.launch({executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: ['--no-sandbox']})
const launched = performance.now()
const tab = await browser.newPage()
let count = 0
let bytes = 0
let same = true
for (const name of pages) {
  await tab.goto(pathToFileURL(join(bundle, 'site/documents', name)).href)
  const print = () => tab.pdf({format: 'Letter', printBackground: true, tagged: true, outline: true, margin: {top: '48px', bottom: '56px', left: '48px', right: '48px'}})
  const first = await print()
  writeFileSync(join(out, name.replace(/\.html$/, '.pdf')), first)
  count += (first.toString('latin1').match(/\/Type\s*\/Page\b/g) ?? []).length
  bytes += first.length
  if (name === pages[0]) same = first.equals(await print())
}
const ended = performance.now()
await browser.close()
const sample = join(out, pages[0].replace(/\.html$/, '.pdf'))
const tagged = /Tagged:\s+(\w+)/.exec(spawnSync('pdfinfo', [sample], {encoding: 'utf8'}).stdout)?.[1]
const structure = readFileSync(sample, 'latin1').match(/\/S\s*\/(H1|H2|H3|P|L|LI|Table|TR|TD|TH|Figure)\b/g)?.length ?? 0
console.log(`Chromium print: ${pages.length} documents, ${count} pages, ${(bytes / 1024).toFixed(0)} KB, ${((ended - launched) / 1000).toFixed(2)} s after ${((launched - started) / 1000).toFixed(2)} s start-up: ${(count / ((ended - launched) / 1000)).toFixed(0)} pages/s; same bytes twice: ${same}; Tagged: ${tagged}; structure elements in the first: ${structure}`)
