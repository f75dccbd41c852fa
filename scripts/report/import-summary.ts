// What `charter import` prints: each document with what was mapped, filled in, kept under `x-`
// and converted; the filled-in values to confirm; then what `check` still finds on the result,
// as "the source lacks this" or "import could not convert this".
import type {VFile} from 'vfile'
import {plural} from '../model/dates'
import type {FilledField} from '../scaffold/import/filling'
import type {ImportPlan, PlannedDocument} from '../scaffold/import/import-plan'
import {findings, type Finding} from './messages'

export interface ImportRun {
  plan: ImportPlan
  /** The source folder as the command line gave it. */
  dirLabel: string
  documentsFolder: string
  configPath: string
  /** `--from` as given; `auto` when the layout was detected. */
  from: string
  dryRun: boolean
  /** What check found afterwards, when import wrote (or found nothing to change). */
  check?: readonly VFile[]
}

/** Rules whose findings are about what a source never had, rather than what import left unconverted. */
const sourceRules = new Set(['required-sections', 'review-due', 'no-placeholder', 'frontmatter-schema', 'controls-known', 'unique-id', 'id-matches-filename', 'version-bump'])

export function importSummary(run: ImportRun): string {
  const {plan, dirLabel} = run
  const lines: string[] = []
  const source = (path: string) => `${dirLabel.replace(/\/+$/, '')}/${path}`
  if (plan.problems.length > 0) {
    return [
      ...plan.problems.map((problem) => (problem.path === '' ? `${dirLabel}: ${problem.reason}` : `${source(problem.path)}:${problem.line}:${problem.column}: ${problem.reason}`)),
      `Nothing was written: ${plural(plan.problems.length, 'problem')} in ${dirLabel}; fix ${plan.problems.length === 1 ? 'it' : 'them'} and run import again.`,
      ''
    ].join('\n')
  }
  if (plan.documents.length === 0) return `No Markdown documents (*.md) in ${dirLabel}; nothing to import.\n`

  const layoutReason = run.from === 'auto' ? (plan.detected ?? '') : 'as --from says'
  lines.push(`Read ${plural(plan.documents.length, 'document')} from ${dirLabel} (layout ${plan.layout}: ${layoutReason}).`, '')
  for (const document of plan.documents) lines.push(...documentLines(document, plan, source), '')

  if (plan.others.length > 0) {
    const shown = plan.others.slice(0, 5).map(source)
    lines.push(`Not imported, not Markdown: ${plural(plan.others.length, 'file')} (${shown.join(', ')}${plan.others.length > shown.length ? ', …' : ''}); copy the ones the documents link to into ${run.documentsFolder}/.`, '')
  }

  const missing = missingFields(plan.documents)
  if (missing.length > 0) {
    lines.push('Missing: nothing was written, because these required fields have no value in the source and no option gave one:')
    lines.push(...table(missing.map((entry) => [entry.field, plural(entry.count, 'document'), `pass ${entry.option}`])), '')
    return `${lines.join('\n')}`
  }

  const filled = filledGroups(plan.documents)
  const toConfirm = filled.filter((group) => group.source !== 'option')
  const given = filled.filter((group) => group.source === 'option')
  if (toConfirm.length > 0) {
    lines.push(`Filled in from defaults, for you to confirm (${toConfirm.length}):`)
    lines.push(...table(toConfirm.map((group) => [`${group.field}: ${shownValue(group.value)}`, plural(group.count, 'document'), group.how])), '')
  }
  if (given.length > 0) {
    lines.push('Filled in from the command line:')
    lines.push(...table(given.map((group) => [`${group.field}: ${shownValue(group.value)}`, plural(group.count, 'document'), group.how])), '')
  }

  const count = (outcome: PlannedDocument['outcome']) => plan.documents.filter((document) => document.outcome === outcome).length
  const changes = `${count('create')} created, ${count('update')} updated, ${count('unchanged')} unchanged`
  const moved = plan.documents.filter((document) => document.move && document.outcome !== 'unchanged')
  if (run.dryRun) {
    lines.push(`Dry run, nothing was written. Import would write ${plural(plan.documents.length, 'document')} to ${run.documentsFolder}/ (${changes})${moved.length > 0 ? `, moving ${plural(moved.length, 'file')} from ${dirLabel}` : ''}${plan.adoption ? `, and record the adoption commit ${plan.adoption.commit.slice(0, 12)} in ${run.configPath}` : ''}.`)
    return `${lines.join('\n')}\n`
  }
  if (count('create') + count('update') === 0 && !plan.adoption) lines.push(`Nothing changed: the ${plural(plan.documents.length, 'document')} in ${run.documentsFolder}/ are as this import writes them.`)
  else {
    lines.push(`Wrote ${plural(plan.documents.length, 'document')} to ${run.documentsFolder}/ (${changes})${moved.length > 0 ? `; moved ${plural(moved.length, 'file')} from ${dirLabel}${moved.some((document) => document.move!.tracked) ? ' with git mv' : ''}` : ''}.`)
    if (plan.adoption) lines.push(`Recorded the adoption commit ${plan.adoption.commit.slice(0, 12)} in ${run.configPath}: history, the changelog and the audit begin after it.`)
  }
  lines.push('', ...checkLines(run, source))
  if (count('create') + count('update') > 0 || plan.adoption) lines.push('', ...nextSteps(run, moved.some((document) => document.move!.tracked)))
  return `${lines.join('\n')}\n`
}

function documentLines(document: PlannedDocument, plan: ImportPlan, source: (path: string) => string): string[] {
  const how = document.leftInPlace ? 'the source stays where it is' : document.move ? (document.move.tracked ? 'moved with git mv' : 'moved') : plan.inside ? 'written' : 'copied'
  const outcome = document.outcome === 'unchanged' ? 'unchanged' : `${document.outcome === 'create' ? 'created' : 'updated'}, ${how}`
  const lines = [`${document.path} ← ${source(document.source)} (${outcome})`]
  const row = (label: string, items: string[], separator = ',') => lines.push(...wrap(`  ${label.padEnd(10)} `, items, separator))
  if (document.mapped.length > 0) row('mapped', document.mapped.map((field) => `${field.field} (${field.from})`))
  if (document.filled.length > 0) row('filled', document.filled.map((field) => field.field))
  if (document.kept.length > 0) row('kept', document.kept)
  if (document.changed.length > 0) row('converted', document.changed, ';')
  if (document.idNote) row('id', [document.idNote])
  if (document.notes.length > 0) row('not done', [`${plural(document.notes.length, 'thing')} import could not convert, listed below`])
  return lines
}

interface FilledGroup {
  field: string
  value: FilledField['value']
  source: FilledField['source']
  how: string
  count: number
}

/** The filled values, one line per field, value and source, however many documents share it. */
function filledGroups(documents: readonly PlannedDocument[]): FilledGroup[] {
  const groups = new Map<string, FilledGroup>()
  for (const document of documents) {
    for (const field of document.filled) {
      // A title made from a file name is the document's own: one line each.
      const key = JSON.stringify([field.field, field.value, field.source, field.how, field.field === 'title' ? document.path : ''])
      const group = groups.get(key)
      if (group) group.count++
      else groups.set(key, {field: field.field, value: field.value, source: field.source, how: field.field === 'title' ? `${field.how} (${document.path})` : field.how, count: 1})
    }
  }
  // In the order front matter lists the fields, so the same field lines up across runs.
  const order = ['title', 'kind', 'status', 'version', 'owner', 'approvers', 'classification', 'effective', 'last_reviewed']
  return [...groups.values()].sort((a, b) => order.indexOf(a.field) - order.indexOf(b.field))
}

function missingFields(documents: readonly PlannedDocument[]): {field: string; option: string; count: number}[] {
  const found = new Map<string, {field: string; option: string; count: number}>()
  for (const document of documents) {
    for (const entry of document.missing) {
      const known = found.get(entry.field)
      if (known) known.count++
      else found.set(entry.field, {field: entry.field, option: entry.option, count: 1})
    }
  }
  return [...found.values()]
}

function checkLines(run: ImportRun, source: (path: string) => string): string[] {
  const paths = new Set(run.plan.documents.map((document) => document.path))
  const all = findings(run.check ?? [])
  const shown = all.filter((finding) => paths.has(finding.file) || finding.file === run.configPath)
  const others = all.length - shown.length
  const notes = run.plan.documents.flatMap((document) => document.notes.map((note) => `  ${source(document.source)}:${note.line}:${note.column}  ${note.text}`))
  const lacking = shown.filter((finding) => sourceRules.has(finding.rule))
  const unconverted = shown.filter((finding) => !sourceRules.has(finding.rule))
  const errors = shown.filter((finding) => finding.severity === 'error').length
  const lines = [
    shown.length === 0
      ? `charter check on the imported documents: no problems found${others > 0 ? ` (other documents: ${plural(others, 'finding')}; run charter check)` : ''}.`
      : `charter check on the imported documents: ${plural(errors, 'error')}, ${plural(shown.length - errors, 'warning')}${others > 0 ? ` (other documents: ${plural(others, 'finding')}; run charter check)` : ''}.`
  ]
  if (lacking.length > 0) lines.push('', 'The source lacks this:', ...lacking.map(findingLine))
  if (unconverted.length + notes.length > 0) lines.push('', 'Import could not convert this:', ...notes, ...unconverted.map(findingLine))
  return lines
}

function findingLine(finding: Finding): string {
  return `  ${finding.file}:${finding.line}:${finding.column}  ${finding.severity}  ${finding.message}  ${finding.rule}`
}

function nextSteps(run: ImportRun, movedWithGit: boolean): string[] {
  const steps = ['Next:']
  if (movedWithGit) {
    steps.push(
      '  1. Commit the move on its own, so each document\'s history follows it: git mv staged only the',
      `     move, so \`git commit -m "Move the policies to ${run.documentsFolder}/"\` commits just that.`,
      '  2. Read the documents, confirm the values filled in, fix what check found, then commit them:',
      `     git add ${run.documentsFolder} ${run.configPath} && git commit -m "Adopt the policies with Charter"`
    )
  } else {
    steps.push(
      '  Read the documents, confirm the values filled in, fix what check found, then commit them:',
      `  git add ${run.documentsFolder} ${run.configPath} && git commit -m "Import the policies"`
    )
  }
  return steps
}

/**
 * The items after `lead`, joined by `separator`, broken between items where a line would pass
 * 100 columns; later lines are indented as far as the first.
 */
function wrap(lead: string, items: readonly string[], separator: string): string[] {
  const lines: string[] = []
  let line = lead
  items.forEach((item, index) => {
    const text = index < items.length - 1 ? `${item}${separator}` : item
    if (line.length > lead.length && line.length + 1 + text.length > 100) {
      lines.push(line)
      line = ' '.repeat(lead.length) + text
    } else line = line.length > lead.length ? `${line} ${text}` : `${line}${text}`
  })
  return [...lines, line]
}

function shownValue(value: FilledField['value']): string {
  return Array.isArray(value) ? `[${value.join(', ')}]` : value
}

/** Rows with their columns aligned, two spaces between. */
function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)))
  return rows.map((row) => `  ${row.map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column]!))).join('  ')}`)
}
