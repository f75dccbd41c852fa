// The security page: Handlebars layouts and partials from templates/site/ (a fork's own copy
// wins), every value HTML-escaped; only a document's sanitized body is inserted as HTML.
import Handlebars from 'handlebars'
import {existsSync, readdirSync, readFileSync} from 'node:fs'
import {join, relative, resolve, sep} from 'node:path'
import {UserError} from '../model/errors'
import {readRegularFile} from '../load/files'
import {templatePath} from '../scaffold/templates'

/** A template is a page of markup, not a file to publish: larger ones are refused. */
const maxTemplateBytes = 1024 * 1024

export type Page = 'index' | 'document' | 'controls' | 'changelog'

export interface SiteRenderer {
  render(page: Page, values: Record<string, unknown>): string
  /** The stylesheet, copied to site/style.css. */
  stylesheet: string
}

export function siteRenderer(root: string): SiteRenderer {
  const handlebars = Handlebars.create()
  handlebars.registerHelper('eq', (a: unknown, b: unknown) => a === b)
  const file = (name: string) => {
    const path = templatePath(root, `site/${name}`)
    if (!path) throw new Error(`templates/site/${name} is missing`)
    return path
  }
  const partials = dirnameOf(file('partials/review-badge.hbs'))
  const partialFiles = readdirSync(partials).filter((entry) => entry.endsWith('.hbs'))
  const known = {partials: new Set(partialFiles.map((name) => name.slice(0, -4))), helpers: new Set([...builtInHelpers, 'eq'])}
  for (const name of partialFiles) {
    // A fork's partial of the same name wins over the shipped one.
    const own = join(root, 'templates/site/partials', name)
    const path = existsSync(own) ? own : join(partials, name)
    handlebars.registerPartial(name.slice(0, -4), parsed(root, path, readTemplate(root, path), known))
  }
  const compile = (name: string) => {
    const path = file(name)
    const template = handlebars.compile(parsed(root, path, readTemplate(root, path), known), {strict: false})
    return (values: Record<string, unknown>) => {
      try {
        return template(values)
      } catch (error) {
        // A fork's template that names a missing partial or helper fails only when it runs.
        throw templateError(root, path, error)
      }
    }
  }
  const layout = compile('layout.hbs')
  const pages = {index: compile('index.hbs'), document: compile('document.hbs'), controls: compile('controls.hbs'), changelog: compile('changelog.hbs')}
  return {
    render(page, values) {
      const content = pages[page]({...values, page})
      return layout({...values, page, content})
    },
    stylesheet: readTemplate(root, file('style.css'))
  }
}

/**
 * A template from the repository is untrusted like the documents: read as a regular file of its
 * own, never through a symbolic link (which could put the runner's environment on the page).
 */
function readTemplate(root: string, path: string): string {
  const inside = relative(resolve(root), path)
  if (inside.startsWith('..') || inside.startsWith(sep)) return readFileSync(path, 'utf8')
  const shown = inside.split(sep).join('/')
  const read = readRegularFile(root, inside, maxTemplateBytes)
  if (!('facts' in read)) throw new UserError(`${shown}: Unexpected ${read.code} while reading the template; check that it is readable`)
  const {facts} = read
  if (facts.kind !== 'file' || facts.links > 1) {
    const what = {symlink: 'symbolic link', fifo: 'named pipe', device: 'device file', socket: 'socket', directory: 'folder', outside: 'file in a linked folder'}[facts.kind as string] ?? (facts.links > 1 ? 'hard link' : 'special file')
    throw new UserError(`${shown}: Unexpected ${what}, expected a regular file: a template is published as part of every page; copy the file instead of linking to it`)
  }
  if (!facts.whole) throw new UserError(`${shown}: Unexpected template over 1 MB, expected a page template; make it smaller`)
  return Buffer.from(facts.head).toString('utf8')
}

const builtInHelpers = ['if', 'unless', 'each', 'with', 'lookup', 'log']

interface TemplateNode {
  type: string
  loc?: {start: {line: number}}
  path?: {type: string; original?: unknown}
  name?: {type: string; original?: unknown}
  params?: TemplateNode[]
  hash?: {pairs: {value: TemplateNode}[]}
  body?: TemplateNode[]
  program?: TemplateNode
  inverse?: TemplateNode
}

/**
 * The template's source, once Handlebars has read it without error and it names only partials
 * and helpers that exist, so a broken fork template fails `check`, not the publish job.
 */
function parsed(root: string, path: string, source: string, known: {partials: ReadonlySet<string>; helpers: ReadonlySet<string>}): string {
  let tree: TemplateNode
  try {
    tree = Handlebars.parse(source) as unknown as TemplateNode
  } catch (error) {
    throw templateError(root, path, error)
  }
  const pending: (TemplateNode | undefined)[] = [tree]
  while (pending.length > 0) {
    const node = pending.pop()
    if (!node) continue
    const line = node.loc?.start.line
    const name = (node.type === 'PartialStatement' || node.type === 'PartialBlockStatement') && node.name?.type === 'PathExpression' ? String(node.name.original) : undefined
    if (name !== undefined && !known.partials.has(name)) throw templateError(root, path, Object.assign(new Error(`The partial ${name} could not be found`), {lineNumber: line}))
    const calls = (node.type === 'MustacheStatement' || node.type === 'SubExpression') && ((node.params?.length ?? 0) > 0 || (node.hash?.pairs.length ?? 0) > 0)
    const helper = calls && node.path?.type === 'PathExpression' ? String(node.path.original) : undefined
    if (helper !== undefined && !known.helpers.has(helper)) throw templateError(root, path, Object.assign(new Error(`Missing helper: "${helper}"`), {lineNumber: line}))
    pending.push(...(node.body ?? []), ...(node.params ?? []), ...(node.hash?.pairs.map((pair) => pair.value) ?? []), node.program, node.inverse)
  }
  return source
}

function templateError(root: string, path: string, error: unknown): UserError {
  const inside = relative(resolve(root), path)
  const shown = inside.startsWith('..') || inside.startsWith(sep) ? `the shipped templates/${path.split('/templates/').pop()}` : inside.split(sep).join('/')
  // Handlebars' parse errors read "Parse error on line N:", an excerpt, a caret line, "Expecting …".
  const lines = ((error as Error).message ?? String(error)).split('\n').filter(Boolean)
  const line = /on line (\d+)/.exec(lines[0] ?? '')?.[1] ?? (error as {lineNumber?: number}).lineNumber
  const reason = lines.length > 1 ? `${lines[0]!.replace(/:$/, '')}: ${lines[lines.length - 1]}` : (lines[0] ?? 'unknown error')
  return new UserError(`${shown}${line ? `:${line}:1` : ''}: Unexpected template error: ${reason}; fix the template, or delete it to use the one Charter ships`)
}

function dirnameOf(path: string): string {
  return path.slice(0, path.lastIndexOf('/'))
}
