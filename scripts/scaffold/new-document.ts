// A new draft document, rendered from templates/new/<kind>.md.hbs: the id made from its title,
// and a to-do note per required section that says what the section is for.
import {existsSync} from 'node:fs'
import {join} from 'node:path'
import type {Document, Kind} from '../model/document'
import {UserError} from '../model/errors'
import type {Config} from '../load/config'
import {writeFilesAtomically} from '../write/atomic'
import {renderTemplate, templatePath} from './templates'

const hints: Record<string, string> = {
  purpose: 'say why this document exists and what it protects.',
  scope: 'say which people, systems, data and locations it covers, and what it leaves out.',
  policy: 'state the requirements, each one measurable: who does what, how often, by when.',
  requirements: 'list the settings or criteria that must be met, each one checkable.',
  'roles and responsibilities': 'name each role involved and what it is accountable for.',
  exceptions: 'say how to ask for an exception, who approves it, and for how long it may last.',
  enforcement: 'say how compliance is checked and what happens when the document is not followed.',
  procedure: 'list the steps in order, with who performs each one.',
  records: 'say which records each run leaves, where they are kept and for how long.',
  plan: 'say what happens when the plan is used: triggers, steps, communication.',
  'testing and maintenance': 'say how often the plan is tested, how, and who updates it afterwards.'
}

/** The to-do note for a section, `{{sectionHint this}}` in a template. */
export function sectionHint(title: string): string {
  return hints[title.toLowerCase()] ?? `write the ${title} section.`
}

/** `Access Control Policy` → `access-control-policy` */
export function idFromTitle(title: string): string {
  return title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
}

/** A document that cannot be created as asked; nothing is written. */
class NewDocumentRefused extends UserError {}

export interface NewDocument {
  id: string
  kind: Kind
  title: string
  owner: string
  approvers: string[]
  /** effective and last_reviewed, YYYY-MM-DD; asked for once the id and template are known to be usable. */
  date(): string
}

/** Writes `<id>.md` in the documents folder from the kind's template, never over an existing file; returns its path. */
export function createDocument(root: string, documents: readonly Document[], config: Config, request: NewDocument): string {
  const {id, kind} = request
  const path = `${config.documents}/${id}.md`
  const existing = documents.find((document) => document.meta.id === id)
  if (existing || existsSync(join(root, path))) {
    throw new NewDocumentRefused(`a document with the id \`${id}\` already exists (${existing?.path ?? path}); pass a different --id`)
  }
  const template = templatePath(root, `new/${kind}.md.hbs`)
  if (!template) throw new NewDocumentRefused(`templates/new/${kind}.md.hbs is missing; add it (the other kinds' templates show the shape)`)
  const values = {
    id,
    title: request.title,
    kind,
    owner: request.owner,
    approvers: request.approvers,
    date: request.date(),
    sections: config.kinds[kind].sections,
    organization: config.organization,
    roles: config.roles
  }
  const content = renderTemplate(template, values, {sectionHint})
  writeFilesAtomically(root, new Map([[path, `${content.trimEnd()}\n`]]), {expected: new Map([[path, undefined]])})
  return path
}
