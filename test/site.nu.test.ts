// Every page of the library's site, and the internal edition's vendor register page, through the W3C Nu HTML checker (npm's vnu-jar, run offline
// on the system's Java): no errors. A page known to be invalid goes through in the same run,
// so a checker that stopped reporting would fail here too.
import {execFile} from 'node:child_process'
import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import {createRequire} from 'node:module'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {libraryBundle} from './fixtures/library-bundle'
import {registerBundle} from './fixtures/register-bundle'

const vnuJar = String(createRequire(import.meta.url)('vnu-jar'))
// Nothing valid in the header: a div inside a paragraph, an image without alt.
const invalidPage = '<!doctype html>\n<html lang="en">\n<head><title>Invalid</title></head>\n<body><p><div>Block</div></p><img src="a.png"></body>\n</html>\n'

interface NuMessage {
  type: string
  url: string
  lastLine?: number
  firstColumn?: number
  message: string
}

/** path:line:column message, for each error the checker reports on `files`. */
async function nuErrors(files: string[], site: string): Promise<string[]> {
  // A short run: the JVM's quick compiler alone starts sooner; it needs a deeper stack for the HTML schema.
  const output = await new Promise<string>((resolve, reject) => {
    execFile('java', ['-Xss4m', '-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC', '-jar', vnuJar, '--format', 'json', '--errors-only', ...files], {maxBuffer: 64 * 1024 * 1024}, (error, _stdout, stderr) => {
      if ((error as NodeJS.ErrnoException | null)?.code === 'ENOENT') reject(new Error("Java is not installed; the Nu HTML checker needs it: apt-get install -y default-jre-headless (as .ci/run does)"))
      else resolve(stderr)
    })
  })
  const {messages} = JSON.parse(output) as {messages: NuMessage[]}
  return messages.map((message) => `${message.url.replace(`file:${site}/`, '').replace(/^file:.*\//, '')}:${message.lastLine}:${message.firstColumn} ${message.type}: ${message.message}`)
}

let pages: string[]
let errors: string[]
beforeAll(async () => {
  const [{root, build}, register] = await Promise.all([libraryBundle(), registerBundle()])
  if (build.status !== 0) throw new Error(build.stderr)
  const site = join(root, 'dist/site')
  const manifest = JSON.parse(readFileSync(join(root, 'dist/manifest.json'), 'utf8')) as {files: Record<string, string>}
  pages = Object.keys(manifest.files).filter((path) => path.startsWith('site/') && path.endsWith('.html')).map((path) => path.slice('site/'.length))
  const invalid = join(mkdtempSync(join(tmpdir(), 'charter-nu-')), 'invalid.html')
  writeFileSync(invalid, invalidPage)
  // The register page is named as its site names it: it is the only vendors.html in the run.
  errors = await nuErrors([...pages.map((page) => join(site, page)), join(register, 'site/vendors.html'), invalid], site)
}, 120_000)

describe('the Nu HTML checker', () => {
  it('finds no error on any page of the site, nor on the vendor register page', () => {
    expect(pages).not.toContain('vendors.html')
    expect(pages).toEqual(expect.arrayContaining(['index.html', 'controls.html', 'changelog.html', 'subprocessors.html', 'documents/access-control.html', 'documents/hostile-markup.html', 'documents/gfm-features.html']))
    expect(errors.filter((error) => !error.startsWith('invalid.html:'))).toEqual([])
  })

  it('reports the errors of a page known to be invalid, with their line and column', () => {
    expect(errors.filter((error) => error.startsWith('invalid.html:'))).toEqual([
      'invalid.html:4:26 error: No “p” element in scope but a “p” end tag seen.',
      'invalid.html:4:30 error: An “img” element must have an “alt” attribute, except under certain conditions. For details, consult guidance on providing text alternatives for images.'
    ])
  })
})
