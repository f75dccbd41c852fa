// `charter coverage`: the control → documents matrix per framework, its gaps, and for ISO/IEC
// 27001 a draft Statement of Applicability.
import {coverage, type FrameworkCoverage} from '../model/control-coverage'
import {plural} from '../model/dates'
import type {Framework} from '../model/document'
import {UsageError, type Command} from './command'
import {choiceOption, CommandFailure, loadDocuments, requireConfig, rootHelp, rootOf, rootOptions} from './options'

const formats = ['text', 'json', 'markdown', 'csv'] as const
const frameworks: readonly Framework[] = ['soc2', 'iso27001']

export const usage = `Usage: charter coverage [options]

Shows which framework controls the approved documents cover (a draft document covers
nothing), and lists the gaps: controls in scope that no approved document maps.

SOC 2 scope comes from soc2.categories in the config (security, availability and
confidentiality by default). For ISO/IEC 27001 every Annex A control applies unless
iso27001.controls in the config marks it applicable: false; with the justifications there,
the output doubles as a draft Statement of Applicability.

Options:
  --framework <name>   soc2 or iso27001 (default: every framework enabled in the config)
  --format <name>      text (default), json, markdown or csv
  --fail-on-gaps       Exit 1 when any in-scope control has no approved document
${rootHelp}
  -h, --help           Show this help
`

const command: Command = {
  summary: 'Show which controls the approved documents cover, and the gaps',
  usage,
  options: {framework: {type: 'string'}, format: {type: 'string'}, 'fail-on-gaps': {type: 'boolean'}, ...rootOptions},
  async run(values, _positionals, io) {
    const format = choiceOption(values, 'format', formats, 'coverage')
    const asked = values.framework as string | undefined
    if (asked !== undefined && !(frameworks as readonly string[]).includes(asked)) {
      throw new UsageError(`coverage: unknown --framework \`${asked}\`, expected one of ${frameworks.join(', ')}`)
    }
    const root = rootOf(values)
    const config = requireConfig(root, values)
    if (asked !== undefined && !config.frameworks.includes(asked as Framework)) {
      throw new CommandFailure(`${asked} is not enabled; add it to \`frameworks:\` in charter.config.yaml (enabled: ${config.frameworks.join(', ') || 'none'})`)
    }
    const metas = loadDocuments(root).map((document) => document.meta)
    const results = (asked ? [asked as Framework] : config.frameworks).map((framework) => coverage(framework, metas, config))
    const render = {text, json, markdown, csv}[format as (typeof formats)[number]]
    io.stdout.write(render(results))
    return values['fail-on-gaps'] && results.some((result) => result.gaps.length > 0) ? 1 : 0
  }
}

function headline(result: FrameworkCoverage): string {
  const inScope = result.controls.filter((entry) => entry.inScope).length
  return `${result.name}: ${inScope} in scope, ${inScope - result.gaps.length} covered, ${plural(result.gaps.length, 'gap')}`
}

function text(results: readonly FrameworkCoverage[]): string {
  return results
    .map((result) => {
      const shown = result.controls.filter((entry) => entry.inScope || result.framework === 'iso27001')
      const idWidth = Math.max(...shown.map((entry) => entry.control.id.length))
      const titleWidth = Math.max(...shown.map((entry) => entry.control.title.length))
      const lines = shown.map((entry) => {
        const documents = !entry.inScope ? `not applicable: ${entry.justification}` : entry.documents.length > 0 ? entry.documents.join(', ') : 'GAP'
        return `  ${entry.control.id.padEnd(idWidth)}  ${entry.control.title.padEnd(titleWidth)}  ${documents}`
      })
      const gaps = result.gaps.length > 0 ? [`Gaps: ${result.gaps.map((entry) => entry.control.id).join(', ')}`] : []
      return [headline(result), ...lines, ...gaps, ''].join('\n')
    })
    .join('\n')
}

function json(results: readonly FrameworkCoverage[]): string {
  const out = results.map((result) => ({
    framework: result.framework,
    name: result.name,
    controls: result.controls.map((entry) => ({
      id: entry.control.id,
      title: entry.control.title,
      ...(result.framework === 'soc2' ? {in_scope: entry.inScope} : {applicable: entry.inScope, justification: entry.justification}),
      documents: entry.documents
    })),
    gaps: result.gaps.map((entry) => entry.control.id)
  }))
  return `${JSON.stringify(out, null, 2)}\n`
}

function markdown(results: readonly FrameworkCoverage[]): string {
  const cell = (value: string) => value.replaceAll('|', '\\|')
  return results
    .map((result) => {
      const iso = result.framework === 'iso27001'
      const header = iso
        ? ['| Control | Title | Applicable | Justification | Documents |', '| --- | --- | --- | --- | --- |']
        : ['| Criterion | Title | Documents |', '| --- | --- | --- |']
      const rows = result.controls
        .filter((entry) => iso || entry.inScope)
        .map((entry) => {
          const documents = entry.documents.length > 0 ? entry.documents.join(', ') : entry.inScope ? '**gap**' : '—'
          return iso
            ? `| ${entry.control.id} | ${cell(entry.control.title)} | ${entry.inScope ? 'yes' : 'no'} | ${cell(entry.justification ?? '')} | ${documents} |`
            : `| ${entry.control.id} | ${cell(entry.control.title)} | ${documents} |`
        })
      return [`## ${iso ? `Statement of Applicability (draft): ${result.name}` : result.name}`, '', headline(result), '', ...header, ...rows, ''].join('\n')
    })
    .join('\n')
}

function csv(results: readonly FrameworkCoverage[]): string {
  const field = (value: string) => (/[",\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value)
  const rows = results.flatMap((result) =>
    result.controls.map((entry) =>
      [result.framework, entry.control.id, entry.control.title, entry.inScope ? 'yes' : 'no', entry.justification ?? '', entry.documents.join(' '), entry.inScope && entry.documents.length === 0 ? 'yes' : 'no']
        .map(field)
        .join(',')
    )
  )
  return `${['framework,control,title,in_scope,justification,documents,gap', ...rows].join('\n')}\n`
}

export default command
