// The security page: Handlebars layouts and partials from templates/site/ (a fork's own copy
// wins), every value HTML-escaped; only a document's sanitized body is inserted as HTML.
import Handlebars from 'handlebars'
import {existsSync, readdirSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import {templatePath} from '../scaffold/templates'

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
  for (const name of readdirSync(partials).filter((entry) => entry.endsWith('.hbs'))) {
    // A fork's partial of the same name wins over the shipped one.
    const own = join(root, 'templates/site/partials', name)
    handlebars.registerPartial(name.slice(0, -4), readFileSync(existsSync(own) ? own : join(partials, name), 'utf8'))
  }
  const compile = (name: string) => handlebars.compile(readFileSync(file(name), 'utf8'), {strict: false})
  const layout = compile('layout.hbs')
  const pages = {index: compile('index.hbs'), document: compile('document.hbs'), controls: compile('controls.hbs'), changelog: compile('changelog.hbs')}
  return {
    render(page, values) {
      const content = pages[page]({...values, page})
      return layout({...values, page, content})
    },
    stylesheet: readFileSync(file('style.css'), 'utf8')
  }
}

function dirnameOf(path: string): string {
  return path.slice(0, path.lastIndexOf('/'))
}
