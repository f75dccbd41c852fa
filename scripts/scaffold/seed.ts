// The seed library: templates/policies/<id>.md.hbs rendered for one organization. Decides, for
// each seed document, whether init would create, update, keep or refuse to overwrite it.
import {existsSync, readdirSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import {renderTemplate} from './templates'

export interface SeedValues {
  organization: {name: string; short_name: string; security_contact: string}
  roles: Record<string, string>
}

export type SeedOutcome = 'create' | 'update' | 'unchanged' | 'edited'

export interface SeedDocument {
  id: string
  path: string
  outcome: SeedOutcome
  /** What init writes for `create` and `update` (and with --force, for `edited`). */
  content: string
}

function seedIds(templatesDir: string): string[] {
  return readdirSync(templatesDir)
    .filter((name) => name.endsWith('.md.hbs'))
    .map((name) => name.slice(0, -'.md.hbs'.length))
    .sort()
}

/**
 * Plans each seed document. A file that equals the seed rendered for the new values (at its own
 * effective date) stays as it is; one that equals the seed for the previous values is an
 * untouched seed and is updated; anything else was edited by hand.
 */
export function planSeed(root: string, templatesDir: string, folder: string, previous: SeedValues, next: SeedValues, date: string): SeedDocument[] {
  return seedIds(templatesDir).map((id) => {
    const template = join(templatesDir, `${id}.md.hbs`)
    const render = (values: SeedValues, on: string) => renderTemplate(template, {...values, date: on})
    const path = `${folder}/${id}.md`
    const content = render(next, date)
    if (!existsSync(join(root, path))) return {id, path, outcome: 'create', content}
    const existing = readFileSync(join(root, path), 'utf8')
    const existingDate = /^effective:[ \t]*["']?(\d{4}-\d{2}-\d{2})/m.exec(existing)?.[1] ?? date
    if (existing === content || existing === render(next, existingDate)) return {id, path, outcome: 'unchanged', content: existing}
    if (existing === render(previous, existingDate)) return {id, path, outcome: 'update', content}
    return {id, path, outcome: 'edited', content}
  })
}
