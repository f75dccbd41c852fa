// `charter coverage`: the control → documents matrix per framework, its gaps, and for ISO/IEC
// 27001 a draft Statement of Applicability.
import {readVendorRegister} from '../load/vendor-register'
import {coverage} from '../model/control-coverage'
import type {Framework} from '../model/document'
import {registerStanding} from '../model/register-standing'
import {coverageFormats, coveragePrinters} from '../report/coverage-listing'
import {print} from '../report/listing'
import {UsageError, type Command} from './command'
import {choiceOption, CommandFailure, dateOption, loadDocuments, requireConfig, rootHelp, rootOf, rootOptions} from './options'

const frameworks: readonly Framework[] = ['soc2', 'iso27001']

export const usage = `Usage: charter coverage [options]

Shows which framework controls the approved documents cover (a draft document covers
nothing), and lists the gaps: controls in scope that no approved document maps.

SOC 2 scope comes from soc2.categories in the config (security, availability and
confidentiality by default). For ISO/IEC 27001 every Annex A control applies unless
iso27001.controls in the config marks it applicable: false; with the justifications there,
the output doubles as a draft Statement of Applicability.

With a vendor register (vendors/), a current, reviewed register is evidence too: it is shown
as "vendor register" beside the documents for SOC 2 CC9.2 and ISO/IEC 27001 A.5.19 and A.5.22,
and covers them. It is current when every vendor file reads without problems, at least one
vendor is active, every active vendor is reviewed within its tier's vendors.review_interval,
and every active vendor of a tier in vendors.assurance.tiers holds current assurance (what
charter check's vendor-review-due and vendor-assurance-current rules ask). When it is not
current, a line under each framework says why, and it covers nothing.

Options:
  --framework <name>   soc2 or iso27001 (default: every framework enabled in the config)
  --format <name>      text (default), json, markdown or csv
  --fail-on-gaps       Exit 1 when any in-scope control has no approved document
  --today <date>       Judge the vendor register as of this date, YYYY-MM-DD (default: the
                       system's local date)
${rootHelp}
  -h, --help           Show this help
`

const command: Command = {
  usage,
  options: {framework: {type: 'string'}, format: {type: 'string'}, 'fail-on-gaps': {type: 'boolean'}, today: {type: 'string'}, ...rootOptions},
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
    const today = dateOption(values, 'today', 'coverage', io)
    const metas = loadDocuments(root, config).map((document) => document.meta)
    // A register that is there but unreadable is judged (not current, and why), never skipped.
    const register = readVendorRegister(root, config)
    const standing = register.files.length > 0 || register.folderProblem ? registerStanding(register, config, today) : undefined
    const results = (asked ? [asked as Framework] : config.frameworks).map((framework) => coverage(framework, metas, config, standing))
    io.stdout.write(print(coveragePrinters, format, results))
    return values['fail-on-gaps'] && results.some((result) => result.gaps.length > 0) ? 1 : 0
  }
}

export default command
