// Parsing: one tree per document, GFM without autolink literals, and leaving out the GFM syntaxes
// a document cannot contain never changes a tree.
import {build, type Plugin} from 'esbuild'
import type {Root} from 'mdast'
import {describe, expect, it} from 'vitest'
import {mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {dirname, join} from 'node:path'
import {pathToFileURL} from 'node:url'
import {editMapInPlace, keepPrefixInPlace} from '../tools/edit-map.js'
import {shareHandlerContext, sharedHandlerContext} from '../tools/shared-context.js'
import type {SourcePatch} from '../tools/patch.js'
import type {CompileContext, Token} from 'mdast-util-from-markdown'
import {EditMap} from 'micromark-util-edit-map'
import remarkParse from 'remark-parse'
import {unified} from 'unified'
import {frontMatterAt, readFrontMatter} from '../scripts/load/front-matter'
import {parseDocument, parseFrontMatterOnly} from '../scripts/load/parse'
import {nodesOf} from '../scripts/model/document'
import {documentText} from '../bench/corpus.js'
import {policy} from './fixtures/documents'
import {projectRoot} from './helpers'

// remark with every GFM syntax Charter reads, always on: what the parser must match.
const gfmSource = `import {gfmFootnoteFromMarkdown} from 'mdast-util-gfm-footnote'
import {gfmStrikethroughFromMarkdown} from 'mdast-util-gfm-strikethrough'
import {gfmTableFromMarkdown} from 'mdast-util-gfm-table'
import {gfmTaskListItemFromMarkdown} from 'mdast-util-gfm-task-list-item'
import {gfmFootnote} from 'micromark-extension-gfm-footnote'
import {gfmStrikethrough} from 'micromark-extension-gfm-strikethrough'
import {gfmTable} from 'micromark-extension-gfm-table'
import {gfmTaskListItem} from 'micromark-extension-gfm-task-list-item'
import remarkFrontmatter from 'remark-frontmatter'
import remarkParse from 'remark-parse'
import {unified} from 'unified'
export const parser = unified()
  .use(remarkParse)
  .use(remarkFrontmatter, ['yaml'])
  .use(function gfm() {
    const data = this.data()
    ;(data.micromarkExtensions ??= []).push(gfmFootnote(), gfmStrikethrough(), gfmTable(), gfmTaskListItem())
    ;(data.fromMarkdownExtensions ??= []).push(gfmFootnoteFromMarkdown(), gfmStrikethroughFromMarkdown(), gfmTableFromMarkdown(), gfmTaskListItemFromMarkdown())
  })
`

/**
 * What the compile reports when `patch` meets `source` as the file of an installed version
 * `found`: esbuild bundles an entry that imports a package made in a temporary folder.
 */
async function compileWithChangedPackage(patch: SourcePatch, file: string, source: string, found: string): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'charter-patch-'))
  try {
    const folder = join(dir, 'node_modules', patch.packageName)
    mkdirSync(dirname(join(folder, file)), {recursive: true})
    writeFileSync(join(folder, 'package.json'), JSON.stringify({name: patch.packageName, version: found, type: 'module', main: file}))
    writeFileSync(join(folder, file), source)
    const bundled = build({stdin: {contents: `import '${patch.packageName}'`, resolveDir: dir}, bundle: true, write: false, logLevel: 'silent', plugins: [patch.esbuild]})
    return await bundled.then(
      () => [],
      (failure: {errors: {text: string}[]}) => failure.errors.map((error) => error.text)
    )
  } finally {
    rmSync(dir, {recursive: true, force: true})
  }
}

/** Bundles the reference parser with esbuild (the same bundler as charter), with `plugins`. */
async function referenceParser(plugins: Plugin[]): Promise<{parse(text: string): Root; text: string}> {
  const bundled = await build({stdin: {contents: gfmSource, resolveDir: projectRoot}, bundle: true, format: 'esm', platform: 'node', write: false, logLevel: 'silent', plugins})
  const dir = mkdtempSync(join(tmpdir(), 'charter-parser-'))
  try {
    const file = join(dir, 'parser.mjs')
    writeFileSync(file, bundled.outputFiles[0]!.text)
    const {parser} = (await import(pathToFileURL(file).href)) as {parser: {parse(text: string): Root}}
    return {parse: (text) => parser.parse(text), text: bundled.outputFiles[0]!.text}
  } finally {
    rmSync(dir, {recursive: true, force: true})
  }
}

const everyGfmSyntax = await referenceParser([])

// The reference trees, each parsed once and kept as JSON: three tests compare against the same
// texts, and comparing JSON is quicker than a deep compare of thousands of nodes.
const referenceJson = new Map<string, string>()
const referenceTree = (text: string) => {
  if (!referenceJson.has(text)) referenceJson.set(text, JSON.stringify(everyGfmSyntax.parse(text)))
  return referenceJson.get(text)!
}

/** `tree` is the reference parser's tree of `text`; on a difference, the deep compare shows where. */
function expectReferenceTree(tree: Root, text: string, label?: string) {
  if (JSON.stringify(tree) !== referenceTree(text)) expect(tree, label).toEqual(everyGfmSyntax.parse(text))
}

const samples = {
  'a pipe table': '| Level | Response |\n| --- | :-: |\n| SEV1 | 15 minutes |\n',
  'a table without outer pipes': 'Level | Response\nLong paragraph line first.\n\n--- | ---\nSEV1 | 15 minutes\n',
  'a one-column table with only a colon row': 'Level\n:-\nSEV1\n',
  'a table in a quote': '> | a | b |\n> | - | - |\n> | 1 | 2 |\n',
  'a table in a list': '- item\n\n  | a | b |\n  | - | - |\n',
  'a table in a footnote': 'Text[^1].\n\n[^1]: | a | b |\n    | - | - |\n',
  'a table after a paragraph and a lazy quote line': 'para\n| a | b |\n| - | - |\n\n> | a |\n| - |\n',
  'body rows, then a paragraph line': '| a |\n| - |\n| 1 |\nafter\n',
  'pipes but no delimiter row': 'a | b\nc | d\n',
  'a thematic break and a setext heading': 'Title\n---\n\n***\n\ntext - more | text\n',
  'CRLF table': '| a | b |\r\n| --- | --- |\r\n| 1 | 2 |\r\n',
  'CR-only table': '| a | b |\r| --- | --- |\r| 1 | 2 |\r',
  'bare URLs and addresses, which stay text': 'See www.example.com, https://example.com/a?b=c and security@example.com or mailto:a@b.co.\n',
  'footnotes': 'A claim[^note] and [^missing].\n\n[^note]: The source.\n',
  'strikethrough': 'Not ~~this~~ but ~that~ and ~~~three~~~.\n',
  'task lists': '- [ ] open\n- [x] done\n  - [X] nested\n\n[ ] not in a list\n',
  'brackets that are not tasks': '- [link](a.md) and [ref]\n- [  ] two spaces\n\n[ref]: b.md\n'
}

const corpusSamples = Array.from({length: 20}, (_, index) => documentText(index * 37, 1000))

const markdownFiles = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? markdownFiles(path) : name.endsWith('.md') ? [path] : []
  })
const fileSamples = [...markdownFiles(join(projectRoot, 'test/fixtures/rules')), ...markdownFiles(join(projectRoot, 'policies'))]

describe('parseDocument', () => {
  it.each(Object.entries(samples))('gives the same tree as with every GFM syntax on: %s', (_, body) => {
    const text = `${policy('alpha').split('## Purpose')[0]}${body}`
    expect(parseDocument('policies/alpha.md', text).tree).toEqual(everyGfmSyntax.parse(text))
  })

  it('gives the same tree as with every GFM syntax on, for every fixture, policy and benchmark document', () => {
    expect(fileSamples.length).toBeGreaterThan(80)
    for (const path of fileSamples) {
      const text = readFileSync(path, 'utf8').replace(/^\uFEFF/, '')
      expectReferenceTree(parseDocument(path, text).tree, text, path)
    }
    for (const text of corpusSamples) expectReferenceTree(parseDocument('policies/x.md', text).tree, text)
  })

  it('reads each GFM syntax into its own nodes', () => {
    const types = (body: string) => {
      const found = new Set<string>()
      const walk = (node: {type: string; children?: unknown[]; checked?: boolean | null}) => {
        found.add(node.type === 'listItem' && typeof node.checked === 'boolean' ? 'task' : node.type)
        for (const child of node.children ?? []) walk(child as typeof node)
      }
      walk(parseDocument('policies/alpha.md', `---\nid: alpha\n---\n${body}`).tree)
      return found
    }
    expect(types(samples['a one-column table with only a colon row'])).toContain('table')
    expect(types(samples['bare URLs and addresses, which stay text'])).not.toContain('link')
    expect(types(samples.footnotes)).toContain('footnoteReference')
    expect(types(samples.strikethrough)).toContain('delete')
    expect(types(samples['task lists'])).toContain('task')
  })

  it('recognises tables', () => {
    const tree = parseDocument('policies/alpha.md', `${policy('alpha')}\n${samples['a pipe table']}`).tree
    expect(tree.children.filter((node) => node.type === 'table')).toHaveLength(1)
  })

  it('indexes the whole tree by node type in one walk, once per document', () => {
    const body = '## A [link](b.md)\n\n<!-- note -->\n\n- `code` and ![img](i.png)\n  - nested\n\n[ref]: c.md\n'
    const document = parseDocument('policies/alpha.md', `---\nid: alpha\n---\n${body}`)
    const nodes = nodesOf(document)
    expect(nodesOf(document)).toBe(nodes)
    expect(nodes.all('heading').map((node) => node.depth)).toEqual([2])
    expect(nodes.all('link', 'image', 'definition').map((node) => node.url)).toEqual(['b.md', 'i.png', 'c.md'])
    expect(nodes.all('code', 'inlineCode').map((node) => node.type)).toEqual(['inlineCode'])
    expect(nodes.all('html').map((node) => node.value)).toEqual(['<!-- note -->'])
    expect(nodes.all('heading', 'html', 'list').map((node) => node.type)).toEqual(['heading', 'html', 'list', 'list'])
    expect(nodes.all('paragraph').map((node) => node.position?.start.line)).toEqual([8, 9])
    const [text] = nodes.all('text').filter((node) => node.value === 'link')
    expect(nodes.parentOf(text!)?.type).toBe('link')
    expect(nodes.parentOf(document.tree)).toBeUndefined()
  })
})

describe('the shared handler context in the compiled program', () => {
  it('applies to the installed mdast-util-from-markdown', () => {
    const source = readFileSync(join(projectRoot, 'node_modules/mdast-util-from-markdown/lib/index.js'), 'utf8')
    expect(shareHandlerContext(source)).toContain('context.sliceSerialize = events[index][2].sliceSerialize;')
  })

  it('builds the same trees as the unchanged library', async () => {
    const shared = await referenceParser([sharedHandlerContext.esbuild])
    expect(shared.text).toContain('context.sliceSerialize = events[index')
    const texts = [...Object.values(samples), ...corpusSamples, ...fileSamples.map((path) => readFileSync(path, 'utf8'))]
    for (const text of texts) expectReferenceTree(shared.parse(text), text)
  })

  it('stops the compile when the installed code is not the one it was written for, saying what to do', async () => {
    const source = readFileSync(join(projectRoot, 'node_modules/mdast-util-from-markdown/lib/index.js'), 'utf8')
    const changed = source.replace('handler[events[index][1].type].call({', 'handler[events[index][1].type].call({fresh: true,')
    const message =
      'tools/shared-context.js no longer applies to mdast-util-from-markdown 2.2.0 (its lib/index.js is not the code of 2.1.0, the version package.json pins): ' +
      'run `npm ci` to install mdast-util-from-markdown 2.1.0; to upgrade it instead, rewrite the patch for the new lib/index.js and pin the new version'
    expect(() => sharedHandlerContext.transform(changed, '2.2.0')).toThrow(new Error(message))
    expect(await compileWithChangedPackage(sharedHandlerContext, 'lib/index.js', changed, '2.2.0')).toEqual([message])
  })

  it('is applied in the tests too, so they parse with the parser charter ships (vitest.config.ts)', () => {
    // Unpatched, each handler call gets a fresh copy of the context; patched, all share one.
    const contexts: CompileContext[] = []
    const parser = unified()
      .use(remarkParse)
      .use(function recordContexts(this: ReturnType<typeof unified>) {
        const paragraph = function (this: CompileContext, token: Token) {
          contexts.push(this)
          this.enter({type: 'paragraph', children: []}, token)
        }
        ;((this.data() as {fromMarkdownExtensions?: unknown[]}).fromMarkdownExtensions ??= []).push({enter: {paragraph}})
      })
    expect(parser.parse('One.\n\nTwo.\n\nThree.\n').children.map((node) => node.type)).toEqual(['paragraph', 'paragraph', 'paragraph'])
    expect(contexts).toHaveLength(3)
    expect(new Set(contexts).size).toBe(1)
  })
})

describe('the edit map that keeps its prefix in place, in the compiled program', () => {
  it('applies to the installed micromark-util-edit-map', () => {
    const source = readFileSync(join(projectRoot, 'node_modules/micromark-util-edit-map/index.js'), 'utf8')
    expect(keepPrefixInPlace(source)).not.toContain('vecs.push(events.slice());')
  })

  it('builds the same trees as the unchanged library', async () => {
    const patched = await referenceParser([editMapInPlace.esbuild])
    // The table extension keeps a copy of its own, used once per table: only micromark's changes.
    const copies = (text: string) => text.split('vecs.push(events.slice());').length - 1
    expect(copies(patched.text)).toBe(copies(everyGfmSyntax.text) - 1)
    const nested = '> a\n\n- b\n  - c\n> d\ne\n\n1. f\n\n   > g\n\nh\n'
    const texts = [nested, ...Object.values(samples), ...corpusSamples, ...fileSamples.map((path) => readFileSync(path, 'utf8'))]
    for (const text of texts) expectReferenceTree(patched.parse(text), text)
  })

  it('stops the compile when the installed code is not the one it was written for, saying what to do', async () => {
    const source = readFileSync(join(projectRoot, 'node_modules/micromark-util-edit-map/index.js'), 'utf8')
    const changed = source.replace('vecs.push(events.slice());', 'vecs.push([...events]);')
    const message =
      'tools/edit-map.js no longer applies to micromark-util-edit-map 1.0.0 (its index.js is not the code of 1.0.0, the version package.json pins): ' +
      'run `npm ci` to install micromark-util-edit-map 1.0.0; to upgrade it instead, rewrite the patch for the new index.js and pin the new version'
    expect(() => editMapInPlace.transform(changed, '1.0.0')).toThrow(new Error(message))
    expect(await compileWithChangedPackage(editMapInPlace, 'index.js', changed, '1.0.0')).toEqual([message])
  })

  it('is applied in the tests too, so they parse with the parser charter ships (vitest.config.ts)', () => {
    // Unpatched, consume empties the array and writes every event back; patched, the events
    // before the first edit are never written.
    const written = new Set<number>()
    const events = new Proxy(Array.from({length: 10}, (_, index) => index), {
      set(target, key, value) {
        if (typeof key === 'string' && /^\d+$/.test(key)) written.add(Number(key))
        return Reflect.set(target, key, value)
      }
    })
    const map = new EditMap()
    map.add(8, 1, ['edit' as never])
    map.consume(events as never)
    expect([...events]).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 'edit', 9])
    expect([...written].sort((a, b) => a - b)).toEqual([8, 9])
  })
})

describe('parse bounds', () => {
  // Within the bounds, the tree is the library's own: the counting constructs always decline.
  it('leaves trees within the bounds unchanged', () => {
    const texts = [...Object.values(samples), ...corpusSamples, '*a* _b_ **c** ~~d~~ [e](f) ![g](h)\n', '> x\ny\n- z\nw\n']
    for (const text of texts) {
      const {tree} = parseDocument('policies/a.md', text)
      expect(tree).toEqual(everyGfmSyntax.parse(text))
    }
  })
})

describe('readFrontMatter', () => {
  const edges = {
    'an empty block': '---\n---\n# Title\n',
    'blanks after the fences': '---  \nid: a\n---\t\nBody.\n',
    'CRLF': '---\r\nid: a\r\n---\r\nBody.\r\n',
    'no closing fence': '---\nid: a\n',
    'text before the fence': 'Text\n---\nid: a\n---\n',
    'a longer opening fence': '----\nid: a\n---\n',
    'a YAML end marker instead of a fence': '---\nid: a\n...\n',
    'an indented closing fence': '---\nid: a\n ---\nmore: b\n---\n',
    'a fence at the very end': '---\nid: a\n---'
  }

  it.each(Object.entries({...edges, ...Object.fromEntries(fileSamples.map((path) => [path, readFileSync(path, 'utf8').replace(/^\uFEFF/, '')]))}))(
    'finds the block remark-frontmatter finds: %s',
    (_, text) => {
      const first = everyGfmSyntax.parse(text).children[0]
      const {source} = readFrontMatter(text).fields
      expect(source && text.slice(source.start, source.end)).toEqual(first?.type === 'yaml' ? first.value : undefined)
    }
  )

  it('gives the same positions from a fresh parse of the YAML, parsed once', () => {
    const text = policy('alpha')
    const document = parseDocument('policies/alpha.md', text)
    const fresh = frontMatterAt(text, document.frontMatter!)
    expect(fresh.yaml.getIn(['id'], true)).toEqual(document.frontMatter!.yaml.getIn(['id'], true))
    expect(fresh.yaml).toBe(fresh.yaml)
  })
})

describe('parseFrontMatterOnly', () => {
  it('reads the same fields and problems as the full parse, for every fixture and policy', () => {
    for (const path of fileSamples) {
      const text = readFileSync(path, 'utf8').replace(/^\uFEFF/, '')
      const full = parseDocument(path, text)
      const light = parseFrontMatterOnly(path, text)
      expect(light.meta, path).toEqual(full.meta)
      expect(light.frontMatterProblems, path).toEqual(full.frontMatterProblems)
      expect(light.frontMatter?.start, path).toBe(full.frontMatter?.start)
    }
  })
})
