// Headings that are valid CommonMark plus GFM but hold little or nothing to draw: empty, only a
// reference link, only an image, a footnote reference or HTML. Each must render on the page and
// in the PDF, and a heading with nothing to show gets no empty bookmark.
import {beforeAll, describe, expect, it} from 'vitest'
import {parseDocument} from '../../scripts/load/parse'
import {documentHtml} from '../../scripts/render/html'
import {renderedCases} from '../fixtures/pdf-cases'

interface Case {
  /** The document's whole text: no front matter, so line 1 is the heading. */
  text: string
  page: string
  /** The PDF's text between the control block and the revision history. */
  pdf: string
  /** The document's bookmarks under its title, besides the revision history. */
  bookmarks: string[]
}

const cases: Record<string, Case> = {
  'an empty H2 (`## ` alone on a line)': {
    text: 'Before\n\n## \n\nAfter',
    page: '<p>Before</p>\n<h2></h2>\n<p>After</p>',
    pdf: 'Before After',
    bookmarks: []
  },
  'an empty H1 closed by its own hashes': {
    text: '# #\n\nAfter',
    page: '<h1></h1>\n<p>After</p>',
    pdf: 'After',
    bookmarks: []
  },
  'an empty H3': {
    text: '### \n\nAfter',
    page: '<h3></h3>\n<p>After</p>',
    pdf: 'After',
    bookmarks: []
  },
  'an H1 whose only content is a reference link': {
    text: '# [Foo]\n\n[foo]: /url\n\nAfter',
    page: '<h1 id="foo">Foo</h1>\n<p>After</p>',
    pdf: 'Foo After',
    bookmarks: ['Foo']
  },
  'an H2 whose only content is an image without alt text': {
    text: '## ![](logo.png)\n\nAfter',
    page: '<h2></h2>\n<p>After</p>',
    pdf: 'After',
    bookmarks: []
  },
  'an H2 whose only content is an image with alt text': {
    text: '## ![Logo](logo.png)\n\nAfter',
    page: '<h2 id="logo">Logo <a class="heading-anchor" href="#logo" aria-label="Link to this section: Logo">#</a></h2>\n<p>After</p>',
    pdf: '[Logo] After',
    bookmarks: ['[Logo]']
  },
  'an H2 whose only content is a footnote reference': {
    text: '## [^1]\n\nAfter\n\n[^1]: The note.',
    page:
      '<h2 id="1"><sup><a href="#fn-1" id="fnref-1" data-footnote-ref aria-describedby="footnote-label">1</a></sup> <a class="heading-anchor" href="#1" aria-label="Link to this section: 1">#</a></h2>\n<p>After</p>\n' +
      '<section data-footnotes class="footnotes"><h2 class="sr-only" id="footnote-label">Footnotes</h2>\n<ol>\n<li id="fn-1">\n' +
      '<p>The note. <a href="#fnref-1" data-footnote-backref="" aria-label="Back to reference 1" class="data-footnote-backref">↩</a></p>\n</li>\n</ol>\n</section>',
    pdf: '1 After Notes The note.1.',
    bookmarks: ['1']
  },
  'an H2 whose only content is an undefined footnote reference': {
    text: '## [^missing]\n\nAfter',
    page: '<h2 id="missing">[^missing] <a class="heading-anchor" href="#missing" aria-label="Link to this section: [^missing]">#</a></h2>\n<p>After</p>',
    pdf: '[^missing] After',
    bookmarks: ['[^missing]']
  },
  'an H2 whose only content is HTML': {
    text: '## <span></span>\n\nAfter',
    page: '<h2></h2>\n<p>After</p>',
    pdf: 'After',
    bookmarks: []
  },
  'an H2 whose only content is a comment': {
    text: '## <!-- hidden -->\n\nAfter',
    page: '<h2></h2>\n<p>After</p>',
    pdf: 'After',
    bookmarks: []
  },
  'an empty ATX heading after a setext one': {
    text: 'Text\n---\n\n##\n\nAfter',
    page: '<h2 id="text">Text <a class="heading-anchor" href="#text" aria-label="Link to this section: Text">#</a></h2>\n<h2></h2>\n<p>After</p>',
    pdf: 'Text After',
    bookmarks: ['Text']
  }
}

const names = Object.keys(cases)
const pdfText = new Map<string, string>()
const bookmarks = new Map<string, string[]>()

beforeAll(async () => {
  const rendered = await renderedCases(names.map((name) => cases[name]!.text))
  names.forEach((name, index) => {
    pdfText.set(name, rendered[index]!.text)
    bookmarks.set(name, rendered[index]!.bookmarks)
  })
})

describe.each(names)('%s', (name) => {
  const {text, page, pdf, bookmarks: expected} = cases[name]!

  it('the page draws it', () => {
    expect(documentHtml(parseDocument('policies/alpha.md', text).tree, () => undefined)).toBe(page)
  })

  it('the PDF draws the same text', () => {
    expect(pdfText.get(name)).toBe(pdf)
  })

  it('the PDF bookmarks only a heading with text', () => {
    expect(bookmarks.get(name)).toEqual(expected)
  })
})
