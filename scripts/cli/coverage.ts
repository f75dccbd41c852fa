// `charter coverage`: the control → documents matrix per framework, its gaps, and for ISO/IEC
// 27001 a draft Statement of Applicability.
import {coverage} from '../model/control-coverage'
import type {Framework} from '../model/document'
import {coverageFormats, coveragePrinters} from '../report/coverage-listing'
import {print} from '../report/listing'
import {UsageError, type Command} from './command'
import {choiceOption, CommandFailure, loadDocuments, requireConfig, rootHelp, rootOf, rootOptions} from './options'

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
  usage,
  options: {framework: {type: 'string'}, format: {type: 'string'}, 'fail-on-gaps': {type: 'boolean'}, ...rootOptions},
  async run(values, _positionals, io) {
    const format = choiceOption(values, 'format', coverageFormats, 'coverage')
    const asked = values.framework as string | undefined
    if (asked !== undefined && !(frameworks as readonly string[]).includes(asked)) {
      throw new UsageError(`coverage: unknown --framework \`${asked}\`, expected one of ${frameworks.join(', ')}`)
    }
    const root = rootOf(values)
    const config = requireConfig(root, values)
    if (asked !== undefined && !config.frameworks.includes(asked as Framework)) {
      throw new CommandFailure(`${asked} is not enabled; add it to \`frameworks:\` in charter.config.yaml (enabled: ${config.frameworks.join(', ') || 'none'})`)
    }
    const metas = loadDocuments(root, config).map((document) => document.meta)
    const results = (asked ? [asked as Framework] : config.frameworks).map((framework) => coverage(framework, metas, config))
    io.stdout.write(print(coveragePrinters, format, results))
    return values['fail-on-gaps'] && results.some((result) => result.gaps.length > 0) ? 1 : 0
  }
}

export default command
