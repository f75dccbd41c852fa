// A new draft document, rendered from templates/new/<kind>.md.hbs: the id made from its title,
// and a to-do note per required section that says what the section is for.
import {renderTemplate} from './templates'

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

/** The new document's text from the template at `path`, which may call `sectionHint`. */
export function renderNewDocument(path: string, values: object): string {
  return renderTemplate(path, values, {sectionHint})
}
