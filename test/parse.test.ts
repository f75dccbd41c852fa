// Parsing: one tree per document, tables recognised, and the table shortcut never changes a tree.
import {gfmTableFromMarkdown} from 'mdast-util-gfm-table'
import {gfmTable} from 'micromark-extension-gfm-table'
import remarkFrontmatter from 'remark-frontmatter'
import remarkParse from 'remark-parse'
import {unified} from 'unified'
import {describe, expect, it} from 'vitest'
import {readdirSync, readFileSync, statSync} from 'node:fs'
import {join} from 'node:path'
import {parseDocument, parseFrontMatterOnly} from '../scripts/load/parse'
import {policy} from './fixtures/documents'
import {projectRoot} from './helpers'

const fullParser = unified()
  .use(remarkParse)
  .use(remarkFrontmatter, ['yaml'])
  .use(function tables(this: ReturnType<typeof unified>) {
    const data = this.data()
    ;(data.micromarkExtensions ??= []).push(gfmTable())
    ;(data.fromMarkdownExtensions ??= []).push(gfmTableFromMarkdown())
  })

const samples = {
  'a pipe table': '| Level | Response |\n| --- | :-: |\n| SEV1 | 15 minutes |\n',
  'a table without outer pipes': 'Level | Response\n--- | ---\nSEV1 | 15 minutes\n',
  'a table in a quote': '> | a | b |\n> | - | - |\n> | 1 | 2 |\n',
  'a table in a list': '- item\n\n  | a | b |\n  | - | - |\n',
  'pipes but no delimiter row': 'a | b\nc | d\n',
  'a thematic break and a setext heading': 'Title\n---\n\n***\n\ntext - more | text\n',
  'CRLF table': '| a | b |\r\n| --- | --- |\r\n| 1 | 2 |\r\n'
}

describe('parseDocument', () => {
  it.each(Object.entries(samples))('gives the same tree as a parser that always tries tables: %s', (_, body) => {
    const text = `${policy('alpha').split('## Purpose')[0]}${body}`
    expect(parseDocument('policies/alpha.md', text).tree).toEqual(fullParser.parse(text))
  })

  it('recognises tables', () => {
    const tree = parseDocument('policies/alpha.md', `${policy('alpha')}\n${samples['a pipe table']}`).tree
    expect(tree.children.filter((node) => node.type === 'table')).toHaveLength(1)
  })

  it('indexes headings, links, code and HTML in one walk, and keeps lists in the outline', () => {
    const body = '## A [link](b.md)\n\n<!-- note -->\n\n- `code` and ![img](i.png)\n  - nested\n\n[ref]: c.md\n'
    const document = parseDocument('policies/alpha.md', `---\nid: alpha\n---\n${body}`)
    expect(document.nodes.headings.map((node) => node.depth)).toEqual([2])
    expect(document.nodes.links.map((node) => node.url)).toEqual(['b.md', 'i.png', 'c.md'])
    expect(document.nodes.code.map((node) => node.type)).toEqual(['inlineCode'])
    expect(document.nodes.html.map((node) => node.value)).toEqual(['<!-- note -->'])
    expect(document.nodes.outline.children.map((node) => node.type)).toEqual(['heading', 'html', 'list'])
  })
})

describe('parseFrontMatterOnly', () => {
  const markdownFiles = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const path = join(dir, name)
      return statSync(path).isDirectory() ? markdownFiles(path) : name.endsWith('.md') ? [path] : []
    })
  const samples = [...markdownFiles(join(projectRoot, 'test/fixtures/rules')), ...markdownFiles(join(projectRoot, 'policies'))]

  it('reads the same fields and problems as the full parse, for every fixture and policy', () => {
    expect(samples.length).toBeGreaterThan(80)
    for (const path of samples) {
      const text = readFileSync(path, 'utf8').replace(/^\uFEFF/, '')
      const full = parseDocument(path, text)
      const light = parseFrontMatterOnly(path, text)
      expect(light.meta, path).toEqual(full.meta)
      expect(light.frontMatterProblems, path).toEqual(full.frontMatterProblems)
      expect(light.frontMatter?.start, path).toBe(full.frontMatter?.start)
    }
  })
})
