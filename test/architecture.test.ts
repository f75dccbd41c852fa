// The layout ARCHITECTURE.md draws, enforced: which folder of scripts/ may import which, no
// cycle between folders, and no file name used twice.
import {readdirSync, readFileSync} from 'node:fs'
import {basename, dirname, join, relative, resolve} from 'node:path'
import {describe, expect, it} from 'vitest'
import {projectRoot} from './helpers'

const source = join(projectRoot, 'scripts')

/** Each folder and what it may import besides itself (ARCHITECTURE.md's table). */
const allowed: Record<string, readonly string[]> = {
  model: [],
  load: ['model', 'generated'],
  write: ['model'],
  'lint/rules': ['model', 'lint/rule.ts', 'lint/remark-lint.ts'],
  forge: ['model', 'load', 'write'],
  history: ['model', 'load', 'write', 'forge'],
  scaffold: ['model', 'load', 'write', 'generated'],
  report: ['model', 'load', 'lint', 'history', 'forge', 'scaffold'],
  render: ['model', 'load', 'scaffold'],
  lint: ['model', 'load', 'history', 'forge', 'render', 'lint/rules', 'generated'],
  bundle: ['model', 'load', 'lint', 'history', 'render', 'report', 'write'],
  cli: ['*']
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, {withFileTypes: true}).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return entry.name === 'generated' ? [] : sourceFiles(path)
    return entry.name.endsWith('.ts') ? [path] : []
  })
}

/** `lint/rules` for a rule module, else the first folder under scripts/ (`model`, `cli`, …). */
function folderOf(path: string): string {
  const parts = relative(source, path).split('/')
  return parts[0] === 'lint' && parts[1] === 'rules' ? 'lint/rules' : parts.length > 1 ? parts[0]! : '(scripts)'
}

interface Import {
  from: string
  to: string
}

/** Every relative import (static, dynamic and type-only) of every file, as paths under scripts/. */
function imports(): Import[] {
  return sourceFiles(source).flatMap((file) => {
    const text = readFileSync(file, 'utf8')
    return [...text.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|^import\s+)['"](\.{1,2}\/[^'"]+)['"]/gm)]
      .map((match) => resolve(dirname(file), match[1]!))
      .filter((target) => target.startsWith(`${source}/`))
      .map((target) => ({from: relative(source, file), to: relative(source, target)}))
  })
}

function permits(from: string, to: string): boolean {
  const [importer, target] = [folderOf(join(source, from)), folderOf(join(source, to))]
  if (importer === target) return true
  const may = allowed[importer] ?? []
  return may.includes('*') || may.includes(target) || may.some((entry) => entry.endsWith('.ts') && `${to}.ts` === entry)
}

describe('the layout of scripts/', () => {
  it('has no module outside a folder', () => {
    expect(readdirSync(source, {withFileTypes: true}).filter((entry) => entry.isFile()).map((entry) => entry.name)).toEqual([])
  })

  it('names every folder in the table', () => {
    const folders = [...new Set(sourceFiles(source).map(folderOf))].sort()
    expect(folders.filter((folder) => !(folder in allowed))).toEqual([])
  })

  it('imports only in the directions ARCHITECTURE.md allows', () => {
    const wrong = imports()
      .filter(({from, to}) => !permits(from, to))
      .map(({from, to}) => `${from} → ${to}`)
    expect(wrong).toEqual([])
  })

  it('has no cycle between folders', () => {
    const edges = new Map<string, Set<string>>()
    // lint/rules/ sits inside lint/: its rules import the rule API beside them, by design.
    const topFolder = (path: string) => path.split('/')[0]!
    for (const {from, to} of imports()) {
      const [a, b] = [topFolder(from), topFolder(to)]
      if (a !== b) (edges.get(a) ?? edges.set(a, new Set()).get(a)!).add(b)
    }
    const cycles = new Set<string>()
    const visit = (folder: string, path: string[]) => {
      if (path.includes(folder)) return cycles.add([...path.slice(path.indexOf(folder)), folder].join(' → '))
      for (const next of edges.get(folder) ?? []) visit(next, [...path, folder])
    }
    for (const folder of edges.keys()) visit(folder, [])
    expect([...cycles].slice(0, 10)).toEqual([])
  })

  it('uses no file name twice', () => {
    const byName = new Map<string, string[]>()
    for (const file of sourceFiles(source)) {
      const name = basename(file)
      if (name === 'index.ts') continue
      byName.set(name, [...(byName.get(name) ?? []), relative(source, file)])
    }
    expect([...byName.values()].filter((paths) => paths.length > 1)).toEqual([])
  })

  it('imports only packages package.json lists', () => {
    const manifest = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as Record<string, Record<string, string> | undefined>
    const listed = new Set([...Object.keys(manifest.dependencies ?? {}), ...Object.keys(manifest.devDependencies ?? {})])
    const packages = new Set<string>()
    for (const file of sourceFiles(source)) {
      for (const [, specifier] of readFileSync(file, 'utf8').matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|^import\s+)['"]([^'".][^'"]*)['"]/gm)) {
        if (specifier!.startsWith('node:')) continue
        const name = specifier!.startsWith('@') ? specifier!.split('/').slice(0, 2).join('/') : specifier!.split('/')[0]!
        // Type-only packages (`mdast`, `hast`, `unist`) come from their @types/ package.
        packages.add(listed.has(`@types/${name}`) ? `@types/${name}` : name)
      }
    }
    expect([...packages].filter((name) => !listed.has(name)).sort()).toEqual([])
  })

  it('can fail: an import the table forbids is found', () => {
    expect(permits('model/dates.ts', 'load/config')).toBe(false)
    expect(permits('lint/rules/links.ts', 'lint/run')).toBe(false)
    expect(permits('lint/rules/links.ts', 'lint/rule')).toBe(true)
    expect(permits('cli/check.ts', 'bundle/assemble')).toBe(true)
  })
})
