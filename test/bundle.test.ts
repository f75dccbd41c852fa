// charter build on a real repository: what the bundle holds, that the public one holds nothing
// internal, that the bytes repeat, the check before the build, and what the PDF says when read
// back. What build names, replaces and refuses, branding and verify are in bundle-html.test.ts.
import {createHash} from 'node:crypto'
import {existsSync, readdirSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs'
import {beforeAll, describe, expect, it} from 'vitest'
import {bundleRepository, commitDate} from './fixtures/bundle-repo'
import {policy} from './fixtures/documents'
import {libraryBundle} from './fixtures/library-bundle'
import {charter, makeRepo, runGit} from './helpers'

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex')
const listFiles = (dir: string, prefix = ''): string[] =>
  readdirSync(join(dir, prefix), {withFileTypes: true}).flatMap((entry) =>
    entry.isDirectory() ? listFiles(dir, `${prefix}${entry.name}/`) : [`${prefix}${entry.name}`]
  )

// Each PDF is read once: several tests read the same file, which no test changes.
const read = new Map<string, ReturnType<typeof readPdf>>()
const pdfText = (path: string) => {
  if (!read.has(path)) read.set(path, readPdf(path))
  return read.get(path)!
}

async function readPdf(path: string) {
  const document = await pdfjs.getDocument({data: new Uint8Array(readFileSync(path)), useSystemFonts: false, isEvalSupported: false, disableFontFace: true}).promise
  const pages: string[] = []
  for (let number = 1; number <= document.numPages; number++) {
    const content = await (await document.getPage(number)).getTextContent()
    pages.push(content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : '')).join(''))
  }
  const outline = ((await document.getOutline()) ?? []).map((item) => ({title: item.title, items: item.items.map((child) => child.title)}))
  return {pages, outline, info: (await document.getMetadata()).info as Record<string, unknown>}
}

let root: string
let head: string
let library: ReturnType<typeof libraryBundle>
beforeAll(async () => {
  // The installed program builds the same commit meanwhile, in a process of its own.
  library = libraryBundle()
  root = bundleRepository()
  head = runGit(root, ['rev-parse', 'HEAD']).trim()
  const run = await charter(['build', '--out', 'dist'], root)
  if (run.status !== 0) throw new Error(run.stderr)
  // Only its manifest is read: the PDFs are built once, for the public bundle.
  const internal = await charter(['build', '--audience', 'internal', '--no-pdf', '--out', 'dist-internal'], root)
  if (internal.status !== 0) throw new Error(internal.stderr)
})

const manifestOf = (dir: string) => JSON.parse(readFileSync(join(root, dir, 'manifest.json'), 'utf8'))
const publicIds = () =>
  readdirSync(join(root, 'policies'))
    .map((name) => readFileSync(join(root, 'policies', name), 'utf8'))
    .filter((text) => /^classification: public$/m.test(text))
    .map((text) => /^id: (.+)$/m.exec(text)![1]!)
    .sort()

describe('charter build', () => {
  it('writes the site, the PDFs and a manifest that names the commit, its date and every hash', async () => {
    const manifest = manifestOf('dist')
    const short = head.slice(0, 7)
    expect(manifest.bundle).toBe(`2026.11.20+${short}`)
    expect(manifest.commit).toBe(head)
    expect(manifest.built).toBe('2026-11-20T12:00:00+00:00')
    expect(manifest.dirty).toBe(false)
    expect(manifest.audience).toBe('public')
    expect(manifest.documents.map((document: {id: string}) => document.id).sort()).toEqual(publicIds())
    expect(manifest.documents.find((document: {id: string}) => document.id === 'access-control')).toEqual({
      id: 'access-control',
      title: 'Access Control Policy',
      version: '1.0.0',
      classification: 'public',
      status: 'approved',
      page: 'site/documents/access-control.html',
      pdf: 'pdf/documents/access-control.pdf'
    })
    expect(manifest.generator).toBe('charter')
    expect(manifest.errors).toBe(0)
    const files = listFiles(join(root, 'dist')).filter((path) => path !== 'manifest.json').sort()
    expect(Object.keys(manifest.files)).toEqual(files)
    for (const path of files) expect(manifest.files[path], path).toBe(sha256(join(root, 'dist', path)))
    expect(files).toEqual(expect.arrayContaining(['site/index.html', 'site/controls.html', 'site/changelog.html', 'site/style.css', 'pdf/security-policies.pdf', 'pdf/documents/access-control.pdf']))
    // Every page, the root redirect included, runs no script and loads nothing from elsewhere;
    // the search page runs only the site's own scripts.
    const policyMeta = `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'">`
    const searchMeta = `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'">`
    for (const path of files.filter((file) => file.endsWith('.html'))) {
      expect(readFileSync(join(root, 'dist', path), 'utf8').split('\n').slice(0, 5), path).toContain(path === 'site/search.html' ? searchMeta : policyMeta)
    }
    expect(files.filter((file) => file.endsWith('.js'))).toEqual(['site/pagefind/pagefind-worker.js', 'site/pagefind/pagefind.js', 'site/search.js'])
    const verify = await charter(['verify', 'dist'], root)
    expect(verify.stdout).toBe(`dist: all ${files.length} files match manifest.json (bundle 2026.11.20+${short}, commit ${head})\n`)
    expect(verify.status).toBe(0)
  })

  it('keeps everything internal out of the public bundle', async () => {
    const internalDocuments = readdirSync(join(root, 'policies'))
      .map((name) => readFileSync(join(root, 'policies', name), 'utf8'))
      .filter((text) => /^classification: internal$/m.test(text))
    expect(internalDocuments.length).toBeGreaterThan(3)
    // A sentence of each internal document's own text, and its page and PDF names.
    const secrets = internalDocuments.flatMap((text) => {
      const id = /^id: (.+)$/m.exec(text)![1]!
      const sentence = /## Purpose\n\n([^\n]+)/.exec(text)![1]!.slice(0, 60)
      return [sentence, `/${id}.html`, `/${id}.pdf`]
    })
    const texts = [
      ...listFiles(join(root, 'dist'))
        .filter((path) => !path.endsWith('.pdf'))
        .map((path) => readFileSync(join(root, 'dist', path), 'utf8')),
      ...(await pdfText(join(root, 'dist/pdf/security-policies.pdf'))).pages
    ].map((text) => text.replace(/\s+/g, ' '))
    for (const secret of secrets) {
      for (const text of texts) expect(text.includes(secret.replace(/\s+/g, ' ')), secret).toBe(false)
    }
    // The internal bundle does hold them.
    expect(manifestOf('dist-internal').documents.length).toBe(readdirSync(join(root, 'policies')).length)
  })

  it('drops raw HTML and every script, event handler and javascript: link from a page', async () => {
    const html = readFileSync(join(root, 'dist/site/documents/hostile-markup.html'), 'utf8')
    const page = html.slice(html.indexOf('<main'), html.indexOf('</main>'))
    for (const hostile of ['<script', 'onerror', 'onclick', 'javascript:', '<iframe', '<style>', 'evil.example']) expect(page.includes(hostile), hostile).toBe(false)
    expect(page).toContain('Read the guide or this.')
    // A dropped `<b>` keeps its text; `<style>` goes with its content.
    expect(page).toContain('<p>Text with inline markup and  a style.</p>')
    expect(page.includes('display: none')).toBe(false)
  })

  it("renders GitHub's task lists, strikethrough and footnotes on the page and in the PDF", async () => {
    const html = readFileSync(join(root, 'dist/site/documents/gfm-features.html'), 'utf8')
    const page = html.slice(html.indexOf('<main'), html.indexOf('</main>'))
    expect(page).toContain('<li class="task-list-item"><input type="checkbox" checked disabled aria-label="Account created in the identity provider"> Account created in the identity provider</li>')
    expect(page).toContain('<li class="task-list-item"><input type="checkbox" disabled aria-label="Hardware key enrolled"> Hardware key enrolled</li>')
    expect(page).toContain('<p>The <del>shared admin account</del> is retired.</p>')
    expect(page).toContain('<a href="#fn-joiner" id="fnref-joiner" data-footnote-ref aria-describedby="footnote-label">1</a>')
    expect(page).toContain('<li id="fn-joiner">')
    const {pages} = await pdfText(join(root, 'dist/pdf/documents/gfm-features.pdf'))
    const text = pages.join('\n').replace(/\s+/g, ' ')
    // The reference is a superscript 1; pdf.js reads a list's numbers after the item's text.
    expect(text).toContain('Checklist for a new joiner1:')
    expect(text).toContain('[x] Account created in the identity provider [ ] Hardware key enrolled')
    expect(text).toContain('Notes Contractors follow the same checklist.1.')
  })

  // Built by the installed program in another repository of the same commit (the one the page
  // tests serve): the same bytes as the build in this process.
  it('gives the same bytes for the same commit', async () => {
    const {root: elsewhere, build} = await library
    expect(build.stderr).toBe('')
    expect(build.status).toBe(0)
    expect(runGit(elsewhere, ['rev-parse', 'HEAD']).trim()).toBe(head)
    expect(JSON.parse(readFileSync(join(elsewhere, 'dist/manifest.json'), 'utf8'))).toEqual(manifestOf('dist'))
    // Every file on disk, the search index Pagefind wrote included.
    const hashes = (dir: string) => Object.fromEntries(listFiles(dir).sort().map((path) => [path, sha256(join(dir, path))]))
    const here = hashes(join(root, 'dist'))
    expect(hashes(join(elsewhere, 'dist'))).toEqual(here)
    expect(Object.keys(here).filter((path) => /^site\/pagefind\/(pagefind\.js|pagefind-entry\.json|wasm\.en\.pagefind|index\/|fragment\/)/.test(path)).length).toBeGreaterThan(20)
  })

})

describe('the check before the build', () => {
  it('refuses with the findings when check finds an error, and builds an unofficial bundle with --allow-errors', async () => {
    const small = makeRepo({'policies/alpha.md': policy('alpha', {last_reviewed: '2026-11-02'}).replace('## Scope', 'See [the plan](plan.md).\n\n## Scope'), '.gitignore': 'dist/\n'})
    runGit(small, ['init', '-q', '-b', 'main'])
    runGit(small, ['add', '-A'])
    runGit(small, ['commit', '-q', '-m', 'Add alpha'], {GIT_AUTHOR_DATE: commitDate, GIT_COMMITTER_DATE: commitDate})
    const refused = await charter(['build'], small)
    expect(refused.stdout).toBe('')
    expect(refused.stderr).toBe(
      [
        'policies/alpha.md',
        '18:5-18:24 error Unexpected link to `plan.md`: no such file in policies/ links charter',
        '',
        '✖ 1 error',
        'charter: build refused: `charter check` finds 1 error; fix it and build again, or pass --allow-errors for a bundle marked unofficial',
        ''
      ].join('\n')
    )
    expect(refused.status).toBe(1)
    expect(existsSync(join(small, 'dist'))).toBe(false)
    const allowed = await charter(['build', '--allow-errors'], small)
    expect(allowed.stderr).toBe('charter: built despite 1 check error (--allow-errors): every page and PDF says the bundle is unofficial\n')
    expect(allowed.status).toBe(0)
    expect(JSON.parse(readFileSync(join(small, 'dist/manifest.json'), 'utf8')).errors).toBe(1)
    for (const page of ['index.html', 'controls.html', 'changelog.html', 'documents/alpha.html']) {
      expect(readFileSync(join(small, 'dist/site', page), 'utf8'), page).toContain('<strong>Unofficial build.</strong> Built although <code>charter check</code> found 1 error. Do not rely on it.')
    }
    // Every footer says so; the cover, which has none, says why.
    for (const pdf of ['security-policies.pdf', 'documents/alpha.pdf']) {
      const {pages} = await pdfText(join(small, 'dist/pdf', pdf))
      for (const text of pdf === 'security-policies.pdf' ? pages.slice(1) : pages) expect(text.replace(/\s+/g, ' '), pdf).toContain('UNOFFICIAL · ')
    }
    expect((await pdfText(join(small, 'dist/pdf/security-policies.pdf'))).pages[0]!.replace(/\s+/g, ' ')).toContain('Unofficial: built although charter check found 1 error. Do not rely on this version.')
  })
})

describe('the PDF, read back', () => {
  it('has a cover, contents with page numbers, an outline, and headers and footers per document', async () => {
    const {pages, outline, info} = await pdfText(join(root, 'dist/pdf/security-policies.pdf'))
    const titles = manifestOf('dist')
      .documents.map((document: {title: string}) => document.title)
    expect(pages[0]).toContain('Example Corp')
    expect(pages[0]).toContain('Security Policies')
    expect(pages[0]).toContain('Public edition')
    expect(pages[0]).toContain(`2026.11.20+${head.slice(0, 7)}`)
    // The short commit, not a 40-character hash.
    expect(pages[0]!.replace(/\s+/g, ' ')).toContain(`Commit ${head.slice(0, 7)}`)
    expect(pages[0]).not.toContain(head)
    expect(pages[1]).toContain('Contents')
    // The contents run over every page headed as contents.
    const contents = pages
      .filter((page) => page.includes('Example Corp · Contents'))
      .join(' ')
      .replace(/\s+/g, ' ')
    let previous = 2
    for (const title of titles) {
      const match = new RegExp(`${title.replace(/[()]/g, '\\$&')} (\\d+)`).exec(contents)
      expect(match, title).not.toBe(null)
      const page = Number(match![1])
      expect(page).toBeGreaterThan(previous)
      previous = page
      expect(pages[page - 1]).toContain(title)
      expect(pages[page - 1]).toContain('PUBLIC')
    }
    expect(outline.map((item) => item.title)).toEqual(titles)
    expect(outline.find((item) => item.title === 'Access Control Policy')!.items).toEqual(['Purpose', 'Scope', 'Policy', 'Roles and Responsibilities', 'Exceptions', 'Enforcement', 'Revision history'])
    const access = Number(new RegExp('Access Control Policy (\\d+)').exec(contents)![1])
    // Pages count within each document, up to the next document's first page.
    const next = titles[titles.indexOf('Access Control Policy') + 1]
    const count = next === undefined ? pages.length - access + 1 : Number(new RegExp(`${next.replace(/[()]/g, '\\$&')} (\\d+)`).exec(contents)![1]) - access
    expect(count).toBeGreaterThan(1)
    for (let page = 1; page <= count; page++) expect(pages[access + page - 2]!.replace(/\s+/g, ' ')).toContain(`Example Corp · Access Control Policy · v1.0.0 · page ${page} of ${count}`)
    expect(info.Title).toBe(`Example Corp Security Policies 2026.11.20+${head.slice(0, 7)}`)
    expect(pages.join(' ')).not.toContain('alert(')
    expect(pages.length).toBeGreaterThan(titles.length + 2)
    // The fonts travel inside the file.
    expect(readFileSync(join(root, 'dist/pdf/security-policies.pdf'), 'latin1')).toMatch(/\/FontFile2 \d+ 0 R/)
  })

  it('renders one PDF per document with the same header and footer', async () => {
    const {pages, info} = await pdfText(join(root, 'dist/pdf/documents/access-control.pdf'))
    expect(info.Title).toBe('Access Control Policy 1.0.0')
    expect(pages[0]).toContain('Access Control Policy')
    expect(pages[0]!.replace(/\s+/g, ' ')).toContain(`Example Corp · Access Control Policy · v1.0.0 · page 1 of ${pages.length}`)
    expect(pages.at(-1)!.replace(/\s+/g, ' ')).toContain('Revision history')
    expect(pages.join(' ').replace(/\s+/g, ' ')).toContain(`2026-11-20 1.0.0 Adopt the policies`)
  })
})

