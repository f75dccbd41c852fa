// Nothing a document says is lost on the way to a reader: every word of every fixture document
// and of policies/ appears on its page and in its PDF's text, as often as in its source, except
// inside the raw HTML that no-dropped-html reports. A word is a run of letters and digits within
// one run of text: Markdown's syntax, HTML's tags, a change of style in the PDF all end a word.
// The library's public documents are read from the bundle built once per run; the others are
// rendered here, into one PDF, each distinct body once.
import {readdirSync, readFileSync} from 'node:fs'
import {join, relative} from 'node:path'
import type {Nodes, Root} from 'mdast'
import {parseEntities} from 'parse-entities'
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs'
import {beforeAll, describe, expect, it} from 'vitest'
import {parseDocument} from '../scripts/load/parse'
import noDroppedHtml from '../scripts/lint/rules/no-dropped-html'
import type {RuleContext, Span} from '../scripts/lint/rule'
import type {Document} from '../scripts/model/document'
import {documentHtml} from '../scripts/render/html'
import {renderPdf} from '../scripts/render/pdf'
import {pdfDocumentOf, pdfFacts} from './fixtures/pdf-cases'
import {libraryBundle} from './fixtures/library-bundle'
import {projectRoot} from './helpers'

const words = (text: string) => text.normalize('NFKC').match(/[\p{L}\p{N}]+/gu) ?? []

/** Each word and how often it occurs. */
function counted(all: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>()
  for (const word of all) counts.set(word, (counts.get(word) ?? 0) + 1)
  return counts
}

/** The words of `source` that `rendered` has fewer of, with the counts: empty when nothing is lost. */
function missing(source: readonly string[], rendered: readonly string[]): string[] {
  const have = counted(rendered)
  return [...counted(source)].flatMap(([word, count]) => ((have.get(word) ?? 0) < count ? [`${word} ×${count - (have.get(word) ?? 0)}`] : []))
}

/** Where no-dropped-html reports dropped HTML, as offsets into the document's text. */
function reportedSpans(document: Document): Span[] {
  const spans: Span[] = []
  const context = {report: (where: unknown) => spans.push(where as Span)} as unknown as RuleContext
  noDroppedHtml.check(document, context)
  return spans
}

/**
 * The words a reader should find: the text of the Markdown tree (not its front matter, link
 * addresses or definitions), image descriptions, and the text of raw HTML outside what the rule
 * reported, without its tags and comments.
 */
function sourceWords(document: Document): string[] {
  const reported = reportedSpans(document)
  const found: string[] = []
  const walk = (node: Nodes) => {
    const start = node.position?.start.offset ?? 0
    const end = node.position?.end.offset ?? 0
    if (node.type === 'yaml' || node.type === 'definition') return
    if (node.type === 'html') {
      let html = document.text.slice(start, end)
      for (const span of reported) {
        const from = Math.max(span.start - start, 0)
        const to = Math.min(span.end - start, html.length)
        if (from < to) html = html.slice(0, from) + ' '.repeat(to - from) + html.slice(to)
      }
      found.push(...words(parseEntities(html.replace(/<!--[\s\S]*?(?:-->|$)/g, ' ').replace(/<[^>]*>?/g, ' '))))
      return
    }
    if (reported.some((span) => start >= span.start && end <= span.end)) return
    if (node.type === 'text' || node.type === 'inlineCode' || node.type === 'code') found.push(...words(node.value))
    if ((node.type === 'image' || node.type === 'imageReference') && node.alt) found.push(...words(node.alt))
    if ('children' in node) for (const child of node.children) walk(child as Nodes)
  }
  walk(document.tree as Root)
  return found
}

/** A page's words: text between tags, and images' descriptions. */
function pageWords(html: string): string[] {
  const alts = [...html.matchAll(/<img[^>]*\balt="([^"]*)"/g)].map((match) => match[1]!)
  return words(parseEntities([html.replace(/<[^>]*>/g, ' '), ...alts].join(' ')))
}

/** The words of each page of a PDF; pdf.js gives a run of text per style, and each ends a word. */
async function pdfPages(pdf: Uint8Array): Promise<string[]> {
  // Its standard font data for the Courier a `<kbd>` is drawn in.
  const standardFontDataUrl = join(projectRoot, 'node_modules/pdfjs-dist/standard_fonts/')
  const document = await pdfjs.getDocument({data: pdf, useSystemFonts: false, isEvalSupported: false, disableFontFace: true, standardFontDataUrl}).promise
  const pages: string[] = []
  for (let number = 1; number <= document.numPages; number++) {
    const content = await (await document.getPage(number)).getTextContent()
    pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' ').replace(/\s+/g, ' '))
  }
  return pages
}

function markdownFiles(folder: string): string[] {
  return readdirSync(folder, {recursive: true, withFileTypes: true})
    .filter((entry) => entry.isFile() && entry.name.endsWith('.md'))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort()
}

interface Rendered {
  source: string[]
  page: string[]
  pdf: string[]
}

const rendered = new Map<string, Rendered>()

beforeAll(async () => {
  // The library's repository holds policies/ and two documents of hostile and GFM markup.
  const {root, build} = await libraryBundle()
  if (build.status !== 0) throw new Error(build.stderr)
  const documents = [...markdownFiles(join(projectRoot, 'test/fixtures/rules')).map((path) => [projectRoot, path]), ...markdownFiles(join(root, 'policies')).map((path) => [root, path])]
    .map(([from, path]) => parseDocument(relative(from!, path!), readFileSync(path!, 'utf8')))
    .filter((document) => !document.unreadable)
  const built = new Set(JSON.parse(readFileSync(join(root, 'dist/manifest.json'), 'utf8')).documents.map((document: {id: string}) => `policies/${document.id}.md`))
  // Most fixtures share a body and differ in front matter, which adds no words: each body once.
  const bodies = new Set<string>()
  const here = documents.filter((document) => {
    const body = document.text.slice(document.tree.children.find((node) => node.type === 'yaml')?.position?.end.offset ?? 0)
    if (built.has(document.path) || bodies.has(body)) return false
    bodies.add(body)
    return true
  })
  // One PDF for every document rendered here; each begins a page, and its footer names it.
  const pages = await pdfPages(new Uint8Array(await renderPdf(here.map((document, index) => pdfDocumentOf(document.tree, `Document${index}`, 'internal')), pdfFacts('internal'))))
  here.forEach((document, index) => {
    const own = pages.filter((page) => page.includes(`Document${index} · v1.0.0`))
    rendered.set(document.path, {source: sourceWords(document), page: pageWords(documentHtml(document.tree, (url) => url)), pdf: words(own.join(' '))})
  })
  for (const document of documents.filter((document) => built.has(document.path))) {
    const id = document.path.slice('policies/'.length, -'.md'.length)
    const page = readFileSync(join(root, 'dist/site/documents', `${id}.html`), 'utf8')
    const pdf = await pdfPages(new Uint8Array(readFileSync(join(root, 'dist/pdf/documents', `${id}.pdf`))))
    rendered.set(document.path, {source: sourceWords(document), page: pageWords(page.slice(page.indexOf('<main'), page.indexOf('</main>'))), pdf: words(pdf.join(' '))})
  }
})

describe('every word of a document reaches its reader', () => {
  it('covers every distinct fixture document and policy that parses, most of them with words', () => {
    const library = [...rendered.keys()].filter((path) => path.startsWith('policies/'))
    expect(library).toEqual(expect.arrayContaining(['policies/access-control.md', 'policies/hostile-markup.md', 'policies/gfm-features.md']))
    expect(library.length).toBe(readdirSync(join(projectRoot, 'policies')).length + 2)
    expect([...rendered].filter(([path, words]) => path.startsWith('test/') && words.source.length >= 8).length).toBeGreaterThan(30)
  })

  it('on the page', () => {
    const lost = [...rendered].flatMap(([path, words]) => (missing(words.source, words.page).length > 0 ? [`${path}: ${missing(words.source, words.page).join(', ')}`] : []))
    expect(lost).toEqual([])
  })

  it('in the PDF', () => {
    const lost = [...rendered].flatMap(([path, words]) => (missing(words.source, words.pdf).length > 0 ? [`${path}: ${missing(words.source, words.pdf).join(', ')}`] : []))
    expect(lost).toEqual([])
  })
})
