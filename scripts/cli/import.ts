// `charter import <dir>`: adopt a folder of existing Markdown policies as Charter documents, in
// one write or none, then check the result.
import {resolve} from 'node:path'
import {classifications, kinds, statuses} from '../model/document'
import {formatDay, parseDay} from '../model/dates'
import {configFileName} from '../load/config'
import {checkRepository} from '../lint/repository'
import {findings} from '../report/messages'
import {importSummary} from '../report/import-summary'
import {headCommit} from '../history/git'
import {commitDays, moveTracked, sourceRepository, trackedPaths} from '../history/source-history'
import {layouts, planImport, type Layout, type SourceGit} from '../scaffold/import/import-plan'
import {writeImport} from '../scaffold/import/import-write'
import type {FillValues} from '../scaffold/import/filling'
import {UsageError, type Command, type OptionValues as Values} from './command'
import {choiceOption, dateOption, requireConfig, rootHelp, rootOf, rootOptions} from './options'

export const usage = `Usage: charter import <dir> [options]

Adopts a folder of existing Markdown policies (a Hugo or Jekyll site's pages, a comply
repository, a wiki export) as Charter documents in the documents folder (default policies/),
leaving other documents alone. Each document keeps its title; its slug, folder or file name
becomes its id; last_updated, lastmod, updated or date its last_reviewed; the first git commit
of its file its effective date; weight or order its order; recognised control maps (comply's
satisfies: {TSC: …}, controls, soc2, iso27001) its controls. Every other key is kept under
x-<layout>. A required field the source lacks is filled from the options below or the config's
defaults, never made up, and every value filled in is listed for you to confirm; one that
nothing fills is named with the option that fills it, and then nothing is written.

<dir> is relative to the current directory. When it is inside the repository, its files are
moved (with git mv when git tracks them, so their history follows them); otherwise they are
copied. Every document is written, or none is. Each records its source in x-imported-from, so
importing the same folder again updates the same documents, and changes nothing when nothing
changed. Afterwards import runs charter check and prints what remains, as "the source lacks
this" or "import could not convert this".

Options:
  --from <layout>      auto (default), hugo, jekyll, comply or markdown
  --dry-run            Print what import would do; write nothing
  --owner <role>       The owner of documents that name none (default: roles.security_lead)
  --approvers <roles>  Comma-separated approver roles of documents that name none
                       (default: roles.engineering_lead)
  --classification <level>
                       public, internal or confidential, for documents that name none
  --kind <kind>        The kind of documents that name none (default: policy)
  --status <status>    The status of documents that name none (default: approved)
  --effective <date>   effective, YYYY-MM-DD, for documents without a first commit
  --last-reviewed <date>
                       last_reviewed, YYYY-MM-DD, for documents without a date or a commit
  --site-base <url>    An address of the old site, e.g. https://example.com/policies/ (repeatable);
                       links to its pages become links to the documents
  --today <date>       The date check measures reviews against, YYYY-MM-DD (default: today)
${rootHelp}
  -h, --help           Show this help

Exit status: 0 when import wrote (or changed nothing) and check finds no error in the imported
documents; 1 when it finds one, or when nothing could be written (a source problem, a missing
field); 2 on a usage error.
`


const command: Command = {
  usage,
  options: {
    from: {type: 'string'},
    'dry-run': {type: 'boolean'},
    owner: {type: 'string'},
    approvers: {type: 'string', multiple: true},
    classification: {type: 'string'},
    kind: {type: 'string'},
    status: {type: 'string'},
    effective: {type: 'string'},
    'last-reviewed': {type: 'string'},
    'site-base': {type: 'string', multiple: true},
    today: {type: 'string'},
    ...rootOptions
  },
  async run(values, positionals, io) {
    const [dirLabel, extra] = positionals
    if (dirLabel === undefined || extra !== undefined) throw new UsageError('import: expected one folder, e.g. `charter import content/policies`; see `charter import --help`')
    // In backticks: test/architecture.test.ts takes a quoted name after the word from for an import.
    const layout = choiceOption(values, `from`, ['auto', ...layouts] as const, 'import') as Layout | 'auto'
    const today = dateOption(values, 'today', 'import', io)
    const fill = fillValues(values)
    const root = rootOf(values)
    const configPath = (values.config as string | undefined) ?? configFileName
    const config = requireConfig(root, values)
    const dryRun = values['dry-run'] === true
    const siteBases = (values['site-base'] as string[] | undefined) ?? []
    const plan = planImport({root, dir: resolve(dirLabel), dirLabel, from: layout, siteBases, values: fill, config, configPath, git: importGit})
    const blocked = plan.problems.length > 0 || plan.documents.some((document) => document.missing.length > 0)
    const run = {plan, dirLabel, documentsFolder: config.documents, configPath, from: layout, dryRun}
    if (blocked || dryRun || plan.documents.length === 0) {
      io.stdout.write(importSummary(run))
      return blocked ? 1 : 0
    }
    writeImport(root, plan, {configPath, moveTracked: (source, target) => moveTracked(root, source, target)})
    const check = checkRepository(root, {configPath, today})
    io.stdout.write(importSummary({...run, check: check.files}))
    const imported = new Set(plan.documents.map((document) => document.path))
    return findings(check.files).some((finding) => finding.severity === 'error' && (imported.has(finding.file) || finding.file === configPath)) ? 1 : 0
  }
}

/** git as import reads it: a folder outside any repository has no commits, a root without git tracks nothing. */
export const importGit: SourceGit = {
  repository: sourceRepository,
  commitDays,
  tracked: trackedPaths,
  head: headCommit
}

function fillValues(values: Values): FillValues {
  const fill: FillValues = {}
  const text = (name: string) => {
    const value = values[name] as string | undefined
    if (value !== undefined && value.trim() === '') throw new UsageError(`import: --${name} must not be empty`)
    return value?.trim()
  }
  const owner = text('owner')
  if (owner !== undefined) fill.owner = owner
  const approvers = ((values.approvers as string[] | undefined) ?? []).flatMap((entry) => entry.split(',')).map((role) => role.trim())
  if (values.approvers !== undefined) {
    if (approvers.some((role) => role === '')) throw new UsageError('import: --approvers expects roles separated by commas, e.g. --approvers "CTO, Head of Legal"')
    fill.approvers = [...new Set(approvers)]
  }
  const choice = <T extends string>(name: 'kind' | 'status' | 'classification', allowed: readonly T[]): T | undefined => {
    const given = values[name] as string | undefined
    if (given === undefined) return undefined
    if (!(allowed as readonly string[]).includes(given)) throw new UsageError(`import: unknown --${name} \`${given}\`, expected one of ${allowed.join(', ')}`)
    return given as T
  }
  const kind = choice('kind', kinds)
  if (kind !== undefined) fill.kind = kind
  const status = choice('status', statuses)
  if (status !== undefined) fill.status = status
  const classification = choice('classification', classifications)
  if (classification !== undefined) fill.classification = classification
  for (const [name, field] of [['effective', 'effective'], ['last-reviewed', 'last_reviewed']] as const) {
    const given = values[name] as string | undefined
    if (given === undefined) continue
    const day = parseDay(given)
    if (day === undefined) throw new UsageError(`import: --${name} expects a real date as YYYY-MM-DD, got \`${given}\``)
    fill[field] = formatDay(day)
  }
  return fill
}

export default command
