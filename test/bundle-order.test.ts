// The order of documents in a built bundle: overviews first, then `order` (lower first), then
// the rest by title, the same on the security page's register of documents, in the manifest and in the
// combined PDF's contents and outline.
import {cpSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs'
import {beforeAll, describe, expect, it} from 'vitest'
import {copyProjectConfig} from './fixtures/bundle-repo'
import {policy} from './fixtures/documents'
import {charter, makeRepo, projectRoot, runGit} from './helpers'

const commitDate = '2026-11-20T12:00:00Z'
const fields = {last_reviewed: '2026-11-02'}

// Written in an order that is none of the expected ones, so the sort is what puts them in place.
const documents = {
  'policies/access-control.md': policy('access-control', {...fields, title: 'Access Control Policy'}),
  'policies/zebra.md': policy('zebra', {...fields, title: 'Zebra Standard', order: '10'}),
  'policies/program.md': policy('program', {...fields, title: 'Security Program', kind: 'overview'}, '\n## How the policies fit together\n\nThe rest follows from here.\n'),
  'policies/backup.md': policy('backup', {...fields, title: 'Backup Policy', order: '20'}),
  'policies/change-management.md': policy('change-management', {...fields, title: 'Change Management Policy'}),
  'policies/early.md': policy('early', {...fields, title: 'Early Policy', order: '-5'}),
  'policies/also-ten.md': policy('also-ten', {...fields, title: 'Also Ten Policy', order: '10'})
}
const expected = ['Security Program', 'Early Policy', 'Also Ten Policy', 'Zebra Standard', 'Backup Policy', 'Access Control Policy', 'Change Management Policy']

let root: string
beforeAll(async () => {
  root = makeRepo(documents)
  cpSync(join(projectRoot, 'templates'), join(root, 'templates'), {recursive: true})
  copyProjectConfig(root)
  writeFileSync(join(root, '.gitignore'), 'dist/\n')
  runGit(root, ['init', '-q', '-b', 'main'])
  runGit(root, ['add', '-A'])
  runGit(root, ['commit', '-q', '-m', 'Adopt the policies'], {GIT_AUTHOR_DATE: commitDate, GIT_COMMITTER_DATE: commitDate})
  const run = await charter(['build', '--out', 'dist'], root)
  if (run.status !== 0) throw new Error(run.stderr)
})

describe('the order of documents in the bundle', () => {
  it('is the same on the register of documents and in the manifest', () => {
    const index = readFileSync(join(root, 'dist/site/documents.html'), 'utf8')
    const rows = [...index.matchAll(/<th scope="row"><a href="documents\/([a-z-]+)\.html">([^<]+)<\/a>/g)].map((match) => match[2])
    expect(rows).toEqual(expected)
    const manifest = JSON.parse(readFileSync(join(root, 'dist/manifest.json'), 'utf8')) as {documents: {title: string}[]}
    expect(manifest.documents.map((document) => document.title)).toEqual(expected)
  })

  it('is the same in the combined PDF: its contents, its pages and its outline', async () => {
    const pdf = await pdfjs.getDocument({data: new Uint8Array(readFileSync(join(root, 'dist/pdf/security-policies.pdf'))), useSystemFonts: false, isEvalSupported: false, disableFontFace: true}).promise
    const outline = ((await pdf.getOutline()) ?? []).map((item) => item.title)
    expect(outline).toEqual(expected)
    const page = async (number: number) => (await (await pdf.getPage(number)).getTextContent()).items.map((item) => ('str' in item ? item.str : '')).join(' ').replace(/\s+/g, ' ')
    const contents = await page(2)
    expect(contents).toContain('Contents')
    const at = expected.map((title) => contents.indexOf(`${title} `))
    expect(at.every((offset, index) => offset > (at[index - 1] ?? -1))).toBe(true)
    const listed = expected.map((title) => ({title, page: Number(new RegExp(`${title} (\\d+)`).exec(contents)?.[1])}))
    // Each on the page the contents give, each after the one before it.
    expect(listed.map((entry) => entry.page)).toEqual([...listed.map((entry) => entry.page)].sort((a, b) => a - b))
    expect(new Set(listed.map((entry) => entry.page)).size).toBe(expected.length)
    for (const {title, page: number} of listed) expect(await page(number), title).toContain(title)
  })
})
