// The README sections that must never drift from the code: the front matter and config
// references (from schemas/) and the rule list (from the rule modules). test/readme.test.ts
// fails when README.md differs; `npm run docs` rewrites the sections.
import acknowledgementSchema from '../schemas/acknowledgement.schema.json'
import configSchema from '../schemas/config.schema.json'
import peopleSchema from '../schemas/people.schema.json'
import policySchema from '../schemas/policy.schema.json'
import {checkRepository} from '../scripts/lint/repository'
import {usage as acknowledgeUsage} from '../scripts/cli/acknowledge'
import {usage as auditUsage} from '../scripts/cli/audit'
import {usage as buildUsage} from '../scripts/cli/build'
import {usage as checkUsage} from '../scripts/cli/check'
import {usage as codeownersUsage} from '../scripts/cli/codeowners'
import {usage as coverageUsage} from '../scripts/cli/coverage'
import {usage as dueUsage} from '../scripts/cli/due'
import {usage as historyUsage} from '../scripts/cli/history'
import {usage as importUsage} from '../scripts/cli/import'
import {usage as initUsage} from '../scripts/cli/init'
import {usage as newUsage} from '../scripts/cli/new'
import {usage as remindUsage} from '../scripts/cli/remind'
import {usage as reviewUsage} from '../scripts/cli/review'
import {usage as vendorsUsage} from '../scripts/cli/vendors'
import {usage as verifyUsage} from '../scripts/cli/verify'
import {parseDay} from '../scripts/model/dates'
import {prettyReport} from '../scripts/report/pretty'
import {rules} from '../scripts/lint/rules/index'
import {isGateRule} from '../scripts/lint/rule'

interface Schema {
  description?: string
  type?: string
  enum?: string[]
  items?: Schema
  properties?: Record<string, Schema>
  additionalProperties?: boolean | Schema
  required?: string[]
  default?: unknown
  examples?: unknown[]
  $ref?: string
  'x-hint'?: string
}

const escape = (text: string) => text.replaceAll('|', '\\|')
const code = (value: unknown) => `\`${typeof value === 'string' ? value : JSON.stringify(value)}\``

const isEmpty = (value: unknown) => typeof value === 'object' && value !== null && Object.keys(value).length === 0

function resolve(schema: Schema, root: {$defs?: Record<string, Schema>}): Schema {
  if (!schema.$ref) return schema
  const target = root.$defs?.[schema.$ref.replace('#/$defs/', '')] ?? {}
  return {...target, ...schema, description: schema.description ?? target.description}
}

function valueOf(schema: Schema): string {
  if (schema.enum) return schema.enum.map(code).join(' | ')
  if (schema.type === 'array') return `list of ${schema.items ? valueOf(schema.items) : 'values'}`
  if (schema['x-hint']) return schema['x-hint']
  if (schema.type === 'object') return 'mapping'
  return schema.type === 'string' ? 'text' : (schema.type ?? 'value')
}

function rows(schema: Schema, root: Schema & {$defs?: Record<string, Schema>}, prefix: string, withDefault: boolean): string[] {
  return Object.entries(schema.properties ?? {}).flatMap(([key, raw]) => {
    const property = resolve(raw, root)
    const name = `${prefix}${key}`
    const required = schema.required?.includes(key) ? 'yes' : 'no'
    // A list of mappings lists its items' keys too, as `trust.practices[].title`.
    const items = property.type === 'array' && property.items?.properties ? property.items : undefined
    const nested = property.type === 'object' && property.properties ? rows(property, root, `${name}.`, withDefault) : items ? rows(items, root, `${name}[].`, withDefault) : []
    const shown = withDefault
      ? [code(name), property.default === undefined || isEmpty(property.default) ? '—' : code(property.default)]
      : [code(name), required]
    const line = `| ${[...shown, escape(valueOf(property)), escape(property.description ?? '')].join(' | ')} |`
    return [line, ...nested]
  })
}

export function frontMatterReference(): string {
  const schema = policySchema as Schema
  return ['| key | required | value | meaning |', '| --- | --- | --- | --- |', ...rows(schema, schema, '', false)].join('\n')
}

export function configReference(): string {
  const schema = configSchema as Schema & {$defs: Record<string, Schema>}
  return ['| key | default | value | meaning |', '| --- | --- | --- | --- |', ...rows(schema, schema, '', true)].join('\n')
}

/** The roster's keys, a person's keys under `people[]`. */
export function rosterReference(): string {
  const schema = peopleSchema as unknown as Schema & {$defs: {person: Schema}}
  const top = {...schema, properties: {...schema.properties, people: {...schema.properties!.people!, type: 'array', items: {type: 'object'}}}}
  return ['| key | required | value | meaning |', '| --- | --- | --- | --- |', ...rows(top, schema, '', false), ...rows(schema.$defs.person, schema, 'people[].', false)].join('\n')
}

/** The keys of one entry in acknowledgements/<login>.yaml. */
export function acknowledgementReference(): string {
  const schema = acknowledgementSchema as unknown as Schema & {properties: {acknowledgements: {items: Schema}}}
  return ['| key | required | value | meaning |', '| --- | --- | --- | --- |', ...rows(schema.properties.acknowledgements.items, schema, 'acknowledgements[].', false)].join('\n')
}

export function kindReference(): string {
  const kinds = (configSchema as unknown as {properties: {kinds: {properties: Record<string, {default: {sections: string[]}}>}}}).properties.kinds.properties
  return ['| kind | sections, in order |', '| --- | --- |', ...Object.entries(kinds).map(([kind, schema]) => `| \`${kind}\` | ${schema.default.sections.join(', ')} |`)].join('\n')
}

export function ruleReference(): string {
  const table = [
    '| rule | kind | default | checks |',
    '| --- | --- | --- | --- |',
    ...rules.map((rule) => `| [\`${rule.id}\`](#${rule.id}) | ${isGateRule(rule) ? 'gate' : 'style'} | ${rule.severity} | ${escape(rule.summary)} |`)
  ]
  const details = rules.map((rule) => `#### ${rule.id}\n\n${rule.description}${rule.options ? `\n\nRuns with ${code(rule.options.default)}: ${rule.options.description}.` : ''}`)
  return [...table, '', ...details.join('\n\n').split('\n')].join('\n')
}

/** A real run over one of the review-due fixtures, so the example output is what users see. */
export function checkExample(): string {
  const fixture = new URL('../test/fixtures/rules/review-due/not-ok/overdue', import.meta.url).pathname
  const config = new URL('../test/fixtures/rules/charter.config.yaml', import.meta.url).pathname
  const result = checkRepository(fixture, {configPath: config, today: parseDay('2026-06-01')!})
  const output = prettyReport(result.files, result.documentCount, false)
  return ['```text', '$ charter check --today 2026-06-01', output.trimEnd(), '$ echo $?', '1', '```'].join('\n')
}

export const sections: Record<string, () => string> = {
  'check-example': checkExample,
  'front-matter': frontMatterReference,
  config: configReference,
  roster: rosterReference,
  acknowledgement: acknowledgementReference,
  'acknowledge-help': () => helpBlock(acknowledgeUsage),
  kinds: kindReference,
  rules: ruleReference,
  'check-help': () => helpBlock(checkUsage),
  'vendors-help': () => helpBlock(vendorsUsage),
  'command-help': () =>
    Object.entries({import: importUsage, init: initUsage, new: newUsage, review: reviewUsage, due: dueUsage, coverage: coverageUsage, history: historyUsage, audit: auditUsage, build: buildUsage, verify: verifyUsage, remind: remindUsage, codeowners: codeownersUsage})
      .map(([name, usage]) => `#### \`charter ${name}\`\n\n${helpBlock(usage)}`)
      .join('\n\n')
}

function helpBlock(usage: string): string {
  return `\`\`\`text\n${usage.trimEnd()}\n\`\`\``
}

/** README.md with every generated section replaced by its current text. */
export function regenerate(readme: string): string {
  let result = readme
  for (const [name, generate] of Object.entries(sections)) {
    const start = `<!-- generated:${name} (npm run docs) -->`
    const end = `<!-- /generated:${name} -->`
    const from = result.indexOf(start)
    const to = result.indexOf(end)
    if (from === -1 || to === -1) throw new Error(`README.md lacks the markers for the generated ${name} section`)
    result = `${result.slice(0, from + start.length)}\n${generate()}\n${result.slice(to)}`
  }
  return result
}
