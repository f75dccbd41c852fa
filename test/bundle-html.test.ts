// charter build on a real repository of three short documents, HTML only: what it names the
// bundle, what it replaces and refuses, what a kill leaves behind, branding, and verify. The
// library itself and the PDFs are in bundle.test.ts.
import {spawn} from 'node:child_process'
import {createHash} from 'node:crypto'
import {existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {smallBundleRepository} from './fixtures/bundle-repo'
import {policy} from './fixtures/documents'
import {charter, charterBin, runGit} from './helpers'
import {writeFault} from '../scripts/bundle/output'

/** A 1×1 PNG. */
const onePixelPng = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64')
const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex')
const listFiles = (dir: string, prefix = ''): string[] =>
  readdirSync(join(dir, prefix), {withFileTypes: true}).flatMap((entry) =>
    entry.isDirectory() ? listFiles(dir, `${prefix}${entry.name}/`) : [`${prefix}${entry.name}`]
  )

let root: string
let head: string
beforeAll(async () => {
  root = smallBundleRepository()
  head = runGit(root, ['rev-parse', 'HEAD']).trim()
  const run = await charter(['build', '--no-pdf', '--out', 'dist'], root)
  if (run.status !== 0) throw new Error(run.stderr)
})

const manifestOf = (dir: string) => JSON.parse(readFileSync(join(root, dir, 'manifest.json'), 'utf8'))

describe('charter build', () => {
  it('names the bundle after a tag on HEAD, and marks uncommitted changes', async () => {
    runGit(root, ['tag', 'v2026.11'])
    const tagged = await charter(['build', '--no-pdf', '--out', 'dist-tagged'], root)
    expect(tagged.stdout.split('\n')[0]).toMatch(/^Built the public bundle v2026\.11 in dist-tagged\/: \d+ documents, \d+ files and manifest.json \(HTML [\d.]+ s\)\.$/)
    expect(manifestOf('dist-tagged').bundle).toBe('v2026.11')
    runGit(root, ['tag', '-d', 'v2026.11'])
    writeFileSync(join(root, 'policies/scratch.md'), policy('scratch', {last_reviewed: '2026-11-02'}))
    try {
      await charter(['build', '--no-pdf', '--out', 'dist-dirty'], root)
      expect(manifestOf('dist-dirty').bundle).toBe(`2026.11.20+${head.slice(0, 7)}-dirty`)
      expect(readFileSync(join(root, 'dist-dirty/site/index.html'), 'utf8')).toContain('<strong>Unofficial build.</strong> Built from uncommitted changes')
      expect(readFileSync(join(root, 'dist/site/index.html'), 'utf8')).not.toContain('Unofficial build')
    } finally {
      rmSync(join(root, 'policies/scratch.md'))
    }
  })

  it('builds no PDF with --no-pdf', async () => {
    await charter(['build', '--no-pdf', '--out', 'dist-html'], root)
    expect(existsSync(join(root, 'dist-html/pdf'))).toBe(false)
    expect(manifestOf('dist-html').documents[0].pdf).toBe(null)
    for (const page of ['index.html', 'documents.html']) expect(readFileSync(join(root, 'dist-html/site', page), 'utf8')).not.toContain('one PDF')
  })

  it('leaves the previous bundle untouched when a build fails', async () => {
    const before = Object.fromEntries(listFiles(join(root, 'dist')).map((path) => [path, sha256(join(root, 'dist', path))]))
    const template = join(root, 'templates/site/document.hbs')
    const original = readFileSync(template, 'utf8')
    writeFileSync(template, `${original}{{#if document.title}}never closed`)
    try {
      const run = await charter(['build', '--out', 'dist'], root)
      expect(run.status).not.toBe(0)
      expect(run.stderr).not.toContain('    at ')
    } finally {
      writeFileSync(template, original)
    }
    expect(Object.fromEntries(listFiles(join(root, 'dist')).map((path) => [path, sha256(join(root, 'dist', path))]))).toEqual(before)
    expect(readdirSync(root).filter((name) => name.startsWith('dist.'))).toEqual([])
  })

  it('refuses to write over the repository, or over a folder that is not a bundle', async () => {
    const here = await charter(['build', '--out', '.'], root)
    expect(here.status).toBe(2)
    expect(here.stderr).toBe(`charter: build: --out must not be the repository or a folder that contains it (${root})\n`)
    mkdirSync(join(root, 'taken'))
    writeFileSync(join(root, 'taken/keep.txt'), 'mine')
    const taken = await charter(['build', '--out', 'taken'], root)
    expect(taken.status).toBe(1)
    expect(taken.stderr).toBe('charter: taken exists and is not a bundle built by charter; choose another --out, or empty it\n')
    expect(readdirSync(join(root, 'taken'))).toEqual(['keep.txt'])
  })
})

describe('what build replaces, and what it leaves behind', () => {
  it('replaces a bundle it built, but not one where a file was added since', async () => {
    const again = await charter(['build', '--no-pdf', '--out', 'dist-owned'], root)
    expect(again.status).toBe(0)
    expect((await charter(['build', '--no-pdf', '--out', 'dist-owned'], root)).status).toBe(0)
    writeFileSync(join(root, 'dist-owned/CNAME'), 'security.example.test\n')
    const refused = await charter(['build', '--no-pdf', '--out', 'dist-owned'], root)
    expect(refused.stderr).toBe("charter: dist-owned holds a file its manifest does not list (`CNAME`), so replacing the bundle would delete it; move it away, or choose another --out\n")
    expect(refused.status).toBe(1)
    expect(readFileSync(join(root, 'dist-owned/CNAME'), 'utf8')).toBe('security.example.test\n')
  })

  it('removes its staging folder when it is killed, and a dead build\'s staging folder on the next run', async () => {
    const child = spawn(process.execPath, [charterBin, 'build', '--out', 'dist-killed'], {cwd: root, stdio: 'ignore'})
    const staging = join(root, `dist-killed.tmp-${child.pid}`)
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)))
    // Killed once it has started writing the bundle.
    while (!existsSync(join(staging, 'site'))) await new Promise((resolve) => setTimeout(resolve, 10))
    child.kill('SIGTERM')
    expect(await exited).toBe('SIGTERM')
    expect(readdirSync(root).filter((name) => name.startsWith('dist-killed'))).toEqual([])
    // A build killed with SIGKILL cannot clean up; the next build removes what it left, and
    // leaves a look-alike folder that holds something else.
    mkdirSync(join(root, 'dist-stale.tmp-999999999/site'), {recursive: true})
    writeFileSync(join(root, 'dist-stale.tmp-999999999/manifest.json'), '{}')
    mkdirSync(join(root, 'dist-stale.tmp-999999998'))
    writeFileSync(join(root, 'dist-stale.tmp-999999998/notes.txt'), 'mine')
    expect((await charter(['build', '--no-pdf', '--out', 'dist-stale'], root)).status).toBe(0)
    expect(readdirSync(root).filter((name) => name.startsWith('dist-stale')).sort()).toEqual(['dist-stale', 'dist-stale.tmp-999999998'])
  })

  it('names a disk fault in one line with advice', async () => {
    const fault = (code: string) => writeFault(Object.assign(new Error(code), {code, path: join(process.cwd(), 'dist.tmp-42/site/index.html')}), join(process.cwd(), 'dist'))?.message
    expect(fault('ENOSPC')).toBe('build: ENOSPC: no space left on the disk while writing the bundle to dist; free some space, or pass --out on another disk. Nothing was replaced')
    expect(fault('EROFS')).toBe('build: EROFS: the file system is read-only while writing the bundle to dist; pass --out on a writable disk. Nothing was replaced')
    expect(fault('EBADF')).toBe(undefined)
  })
})

describe('branding', () => {
  it('takes the name, logo and accent colour from config', async () => {
    const config = readFileSync(join(root, 'charter.config.yaml'), 'utf8')
    mkdirSync(join(root, 'assets'), {recursive: true})
    writeFileSync(join(root, 'assets/logo.png'), onePixelPng)
    writeFileSync(join(root, 'charter.config.yaml'), `${config}\nbranding:\n  name: Example Trust\n  logo: assets/logo.png\n  accent: "#aa3300"\n`)
    try {
      const run = await charter(['build', '--no-pdf', '--out', 'dist-brand'], root)
      expect(run.status).toBe(0)
      const index = readFileSync(join(root, 'dist-brand/site/index.html'), 'utf8')
      // In the stylesheet, not in a <style> element: the Content-Security-Policy allows only style-src 'self'.
      expect(index).not.toContain('<style')
      expect(readFileSync(join(root, 'dist-brand/site/style.css'), 'utf8').endsWith('\n/* branding.accent from charter.config.yaml */\n:root { --accent: #aa3300; }\n')).toBe(true)
      expect(index).toContain('<img src="logo.png" alt="" width="32" height="32"><span>Example Trust security</span>')
      expect(readFileSync(join(root, 'dist-brand/site/documents/access-control.html'), 'utf8')).toContain('<a class="brand" href="../index.html"><img src="../logo.png" alt="" width="32" height="32">')
      expect(readFileSync(join(root, 'dist-brand/site/logo.png'))).toEqual(onePixelPng)
      writeFileSync(join(root, 'charter.config.yaml'), `${config}\nbranding:\n  accent: "red; background: url(https://evil.example)"\n`)
      const refused = await charter(['build', '--no-pdf', '--out', 'dist-brand'], root)
      expect(refused.status).toBe(1)
      expect(refused.stderr).toContain('Unexpected `branding.accent` value `red; background: url(https://evil.example)`, expected a colour as #rrggbb')
    } finally {
      writeFileSync(join(root, 'charter.config.yaml'), config)
    }
  })
})

describe('charter verify', () => {
  it('names every changed, missing and unlisted file', async () => {
    await charter(['build', '--no-pdf', '--out', 'dist-verify'], root)
    const dir = join(root, 'dist-verify')
    writeFileSync(join(dir, 'site/style.css'), 'body { display: none }\n')
    rmSync(join(dir, 'site/controls.html'))
    writeFileSync(join(dir, 'site/extra.html'), '<p>added later</p>\n')
    const run = await charter(['verify', 'dist-verify'], root)
    expect(run.status).toBe(1)
    expect(run.stdout).toBe(
      [
        'dist-verify: 3 problems',
        '  site/controls.html: missing',
        '  site/style.css: changed (its SHA-256 differs from the manifest)',
        '  site/extra.html: not in the manifest',
        ''
      ].join('\n')
    )
    const nothing = await charter(['verify', 'policies'], root)
    expect(nothing.status).toBe(1)
    expect(nothing.stdout).toContain('manifest.json: missing, so nothing can be verified')
  })
})
