// Whether the security page's templates will build: each read as a regular file, parsed as
// Handlebars, naming only partials and helpers that exist. `check` (the site-templates rule)
// and `build` judge them with the same code, so a broken fork template fails the check first.
import Handlebars from 'handlebars'

/** One template as a build reads it, in the order it reads them. */
export interface TemplateRead {
  /** Repository-relative, or `the shipped templates/site/…` for one of Charter's own. */
  path: string
  /** Pages and partials are Handlebars; the stylesheet and the search script are copied as they are. */
  language: 'handlebars' | 'css' | 'script'
  /** Undefined when the file could not be read as a template; `problem` says why. */
  source?: string
  problem?: string
}

/** The partials and helpers a template may name. */
export interface KnownNames {
  partials: ReadonlySet<string>
  helpers: ReadonlySet<string>
}

export interface SiteTemplates {
  templates: readonly TemplateRead[]
  known: KnownNames
  /** A fork's own templates the site no longer reads, repository-relative, each with the one that took its place. */
  retired?: readonly {path: string; successor: string}[]
}

/** Templates Charter once read and no longer does, each with the one that took its page. */
export const retiredTemplates: Readonly<Record<string, string>> = {'index.hbs': 'documents.hbs'}

/** What is wrong with a template: the reason, as a message, and the line when there is one. */
export interface TemplateProblem {
  line?: number
  reason: string
}

export const builtInHelpers = ['if', 'unless', 'each', 'with', 'lookup', 'log']

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

/** Why the template would not build: it was not read, does not parse, or names a partial or helper that does not exist. */
export function templateProblem(template: TemplateRead, known: KnownNames): TemplateProblem | undefined {
  if (template.source === undefined) return {reason: template.problem ?? 'Unexpected unreadable template'}
  if (template.language !== 'handlebars') return undefined
  let tree: TemplateNode
  try {
    tree = Handlebars.parse(template.source) as unknown as TemplateNode
  } catch (error) {
    return templateErrorProblem(error)
  }
  const pending: (TemplateNode | undefined)[] = [tree]
  while (pending.length > 0) {
    const node = pending.pop()
    if (!node) continue
    const line = node.loc?.start.line
    const name = (node.type === 'PartialStatement' || node.type === 'PartialBlockStatement') && node.name?.type === 'PathExpression' ? String(node.name.original) : undefined
    if (name !== undefined && !known.partials.has(name)) return templateErrorProblem(Object.assign(new Error(`The partial ${name} could not be found`), {lineNumber: line}))
    const calls = (node.type === 'MustacheStatement' || node.type === 'SubExpression') && ((node.params?.length ?? 0) > 0 || (node.hash?.pairs.length ?? 0) > 0)
    const helper = calls && node.path?.type === 'PathExpression' ? String(node.path.original) : undefined
    if (helper !== undefined && !known.helpers.has(helper)) return templateErrorProblem(Object.assign(new Error(`Missing helper: "${helper}"`), {lineNumber: line}))
    pending.push(...(node.body ?? []), ...(node.params ?? []), ...(node.hash?.pairs.map((pair) => pair.value) ?? []), node.program, node.inverse)
  }
  return undefined
}

/** A Handlebars error (a parse error, or a missing partial or helper found while rendering) as a problem. */
export function templateErrorProblem(error: unknown): TemplateProblem {
  // Handlebars' parse errors read "Parse error on line N:", an excerpt, a caret line, "Expecting …".
  const lines = ((error as Error).message ?? String(error)).split('\n').filter(Boolean)
  const line = /on line (\d+)/.exec(lines[0] ?? '')?.[1] ?? (error as {lineNumber?: number}).lineNumber
  const reason = lines.length > 1 ? `${lines[0]!.replace(/:$/, '')}: ${lines[lines.length - 1]}` : (lines[0] ?? 'unknown error')
  return {...(line ? {line: Number(line)} : {}), reason: `Unexpected template error: ${reason}; fix the template, or delete it to use the one Charter ships`}
}
