// Handlebars for Markdown documents: nothing HTML-escaped, a missing value is an error rather
// than an empty string, and `{{yaml value}}` writes a value safely into front matter.
import Handlebars from 'handlebars'
import {existsSync, readFileSync} from 'node:fs'
import {dirname, join, relative} from 'node:path'
import {UserError} from '../model/errors'

const handlebars = Handlebars.create()

/** A plain YAML scalar when that reads back as the same string, otherwise a double-quoted one. */
function yamlScalar(value: unknown): string {
  const text = String(value)
  return /^[A-Za-z0-9][A-Za-z0-9 ._@/()+-]*$/.test(text) && !/^(true|false|yes|no|on|off|null|~)$/i.test(text) && !/\s$/.test(text) && !/: /.test(text)
    ? text
    : JSON.stringify(text)
}

/** Strict mode does not cover helper arguments, so a helper given nothing says where. */
class MissingValue extends Error {
  constructor(readonly line: number, readonly column: number) {
    super('missing value')
  }
}

handlebars.registerHelper('yaml', (value: unknown, options: Handlebars.HelperOptions & {loc?: {start: {line: number; column: number}}}) => {
  if (value === undefined) throw new MissingValue(options.loc?.start.line ?? 0, (options.loc?.start.column ?? 0) + 1)
  return yamlScalar(value)
})

class TemplateError extends UserError {}

const compiled = new Map<string, Handlebars.TemplateDelegate>()

/**
 * Renders the template file at `path` with `values`. `helpers` are what this one rendering may
 * call besides `yaml`, e.g. `sectionHint` for `charter new`; they are passed, not registered, so
 * no template sees another caller's helpers.
 */
export function renderTemplate(path: string, values: object, helpers: Record<string, (...args: never[]) => unknown> = {}): string {
  let template = compiled.get(path)
  if (!template) {
    template = handlebars.compile(readFileSync(path, 'utf8'), {noEscape: true, strict: true})
    compiled.set(path, template)
  }
  try {
    return template(values, {helpers: helpers as Record<string, Handlebars.HelperDelegate>})
  } catch (error) {
    const where = relative(process.cwd(), path) || path
    if (error instanceof MissingValue) {
      throw new TemplateError(`${where}:${error.line}:${error.column}: \`{{yaml …}}\` was given a value that does not exist; check the name against the values charter passes (README, "Templates")`)
    }
    // Handlebars says `"x" not defined in [object Object] - 3:12`; keep the name and the place.
    const match = /"([^"]+)" not defined in .* - (\d+):(\d+)/.exec((error as Error).message)
    throw new TemplateError(
      match
        ? `${where}:${match[2]}:${Number(match[3]) + 1}: unknown template value \`${match[1]}\`; use one of the values charter passes (README, "Templates")`
        : `${where}: ${(error as Error).message}`
    )
  }
}

/** The folder holding Charter's own package.json: the toolkit's templates live there. */
function toolkitRoot(): string {
  let dir = __dirname
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir)
  return dir
}

/**
 * `templates/<relative>` from the repository at `root` when it has one (a fork may override any
 * template), otherwise the one shipped with Charter; undefined when neither exists.
 */
export function templatePath(root: string, relative: string): string | undefined {
  for (const base of [root, toolkitRoot()]) {
    const path = join(base, 'templates', relative)
    if (existsSync(path)) return path
  }
  return undefined
}
