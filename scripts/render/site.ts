// The security page: Handlebars layouts and partials from templates/site/ (a fork's own copy
// wins), every value HTML-escaped; only a document's sanitized body is inserted as HTML.
import Handlebars from 'handlebars'
import {existsSync, readdirSync, readFileSync} from 'node:fs'
import {join, relative, resolve, sep} from 'node:path'
import {UserError} from '../model/errors'
import {builtInHelpers, retiredTemplates, templateErrorProblem, templateProblem, type KnownNames, type SiteTemplates, type TemplateProblem, type TemplateRead} from '../model/handlebars-template'
import {readRegularFile} from '../load/files'
import {templatePath} from '../scaffold/templates'

/** A template is a page of markup, not a file to publish: larger ones are refused. */
const maxTemplateBytes = 1024 * 1024

/** The overview (site/index.html), the register of documents, a document, control coverage, the changelog, search, the subprocessor list, and the internal edition's vendor register. */
export type Page = 'overview' | 'documents' | 'document' | 'controls' | 'changelog' | 'search' | 'subprocessors' | 'vendors'

export interface SiteRenderer {
  render(page: Page, values: Record<string, unknown>): string
  /** The stylesheet, copied to site/style.css. */
  stylesheet: string
  /** The search page's script, copied to site/search.js: the only script the site serves. */
  searchScript: string
}

export function siteRenderer(root: string): SiteRenderer {
  const {templates, known} = readSiteTemplates(root)
  for (const template of templates) {
    const problem = templateProblem(template, known)
    if (problem) throw templateError(template.path, problem)
  }
  const source = (name: string) => templates.find((template) => template.name === name)!
  const handlebars = Handlebars.create()
  handlebars.registerHelper('eq', (a: unknown, b: unknown) => a === b)
  for (const template of templates) {
    if (template.name.startsWith('partials/')) handlebars.registerPartial(template.name.slice('partials/'.length, -4), template.source!)
  }
  const compile = (name: string) => {
    const {path, source: text} = source(name)
    const template = handlebars.compile(text!, {strict: false})
    return (values: Record<string, unknown>) => {
      try {
        return template(values)
      } catch (error) {
        // A fork's template that names a missing partial or helper fails only when it runs.
        throw templateError(path, templateErrorProblem(error))
      }
    }
  }
  const layout = compile('layout.hbs')
  const pages = {overview: compile('overview.hbs'), documents: compile('documents.hbs'), document: compile('document.hbs'), controls: compile('controls.hbs'), changelog: compile('changelog.hbs'), search: compile('search.hbs'), subprocessors: compile('subprocessors.hbs'), vendors: compile('vendors.hbs')}
  return {
    render(page, values) {
      const content = pages[page]({...values, page})
      return layout({...values, page, content})
    },
    stylesheet: source('style.css').source!,
    searchScript: source('search.js').source!
  }
}

/**
 * Every template the security page is built from, in the order a build reads them (partials,
 * the layout, the pages, the stylesheet, the search script): a fork's own copy where it has one, else Charter's.
 * Nothing is judged here; a template that can't be read carries its problem instead.
 */
export function readSiteTemplates(root: string): {templates: NamedTemplate[]; known: KnownNames; retired: SiteTemplates['retired']} {
  const file = (name: string) => {
    const path = templatePath(root, `site/${name}`)
    if (!path) throw new Error(`templates/site/${name} is missing`)
    return path
  }
  const partials = dirnameOf(file('partials/review-badge.hbs'))
  const partialFiles = readdirSync(partials).filter((entry) => entry.endsWith('.hbs'))
  const known = {partials: new Set(partialFiles.map((name) => name.slice(0, -4))), helpers: new Set([...builtInHelpers, 'eq'])}
  const read = (name: string, path: string, language: TemplateRead['language']) => ({name, language, ...readTemplate(root, path)})
  const templates: NamedTemplate[] = partialFiles.map((name) => {
    // A fork's partial of the same name wins over the shipped one.
    const own = join(root, 'templates/site/partials', name)
    return read(`partials/${name}`, existsSync(own) ? own : join(partials, name), 'handlebars')
  })
  for (const name of ['layout.hbs', 'overview.hbs', 'documents.hbs', 'document.hbs', 'controls.hbs', 'changelog.hbs', 'search.hbs', 'subprocessors.hbs', 'vendors.hbs']) templates.push(read(name, file(name), 'handlebars'))
  templates.push(read('style.css', file('style.css'), 'css'))
  templates.push(read('search.js', file('search.js'), 'script'))
  // A fork's copy of a page Charter has renamed would otherwise be ignored without a word.
  const retired = Object.entries(retiredTemplates)
    .filter(([name]) => existsSync(join(root, 'templates/site', name)))
    .map(([name, successor]) => ({path: `templates/site/${name}`, successor}))
  return {templates, known, retired}
}

/**
 * A template from the repository is untrusted like the documents: read as a regular file of its
 * own, never through a symbolic link (which could put the runner's environment on the page).
 */
function readTemplate(root: string, path: string): {path: string; source?: string; problem?: string} {
  const inside = relative(resolve(root), path)
  if (inside.startsWith('..') || inside.startsWith(sep)) return {path: `the shipped templates/${path.split('/templates/').pop()}`, source: readFileSync(path, 'utf8')}
  const shown = inside.split(sep).join('/')
  const read = readRegularFile(root, inside, maxTemplateBytes)
  if (!('facts' in read)) return {path: shown, problem: `Unexpected ${read.code} while reading the template; check that it is readable`}
  const {facts} = read
  if (facts.kind !== 'file' || facts.links > 1) {
    const what = {symlink: 'symbolic link', fifo: 'named pipe', device: 'device file', socket: 'socket', directory: 'folder', outside: 'file in a linked folder'}[facts.kind as string] ?? (facts.links > 1 ? 'hard link' : 'special file')
    return {path: shown, problem: `Unexpected ${what}, expected a regular file: a template is published as part of every page; copy the file instead of linking to it`}
  }
  if (!facts.whole) return {path: shown, problem: 'Unexpected template over 1 MB, expected a page template; make it smaller'}
  return {path: shown, source: Buffer.from(facts.head).toString('utf8')}
}

/** A template with its name under templates/site/, as the renderer asks for it. */
type NamedTemplate = TemplateRead & {name: string}

function templateError(path: string, problem: TemplateProblem): UserError {
  return new UserError(`${path}${problem.line ? `:${problem.line}:1` : ''}: ${problem.reason}`)
}

function dirnameOf(path: string): string {
  return path.slice(0, path.lastIndexOf('/'))
}
