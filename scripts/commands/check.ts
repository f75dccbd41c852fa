// `charter check`: load config and documents, run every rule, report, and set the exit status.
import {resolve} from 'node:path'
import packageJson from '../../package.json'
import type {Command} from '../cli'
import {UsageError} from '../cli'
import {parseDay, plural, systemToday} from '../dates'
import {checkRepository} from '../check'
import {configFileName} from '../load/config'
import {documentsFolder, MissingFolderError} from '../load/corpus'
import {githubReport} from '../report/github'
import {jsonReport} from '../report/json'
import {count, findings} from '../report/messages'
import {prettyReport} from '../report/pretty'
import {sarifReport} from '../report/sarif'
import {ruleDocs, rules} from '../rules/index'
import type {Rule} from '../rules/rule'
import {severityOf} from '../rules/run'

const formats = ['pretty', 'json', 'github', 'sarif'] as const

const usage = `Usage: charter check [options]

Checks every Markdown document under ${documentsFolder}/ and reports each problem with its
file:line:column, rule id and a fix. Exits 1 if any error was found.

Options:
  --format <name>      Output format (default: pretty):
                         pretty  grouped by file, for people
                         json    one JSON object with counts and findings
                         github  GitHub Actions annotations (::error file=…,line=…,col=…)
                         sarif   SARIF 2.1.0, for code scanning upload
  --today <date>       The date review deadlines are measured against, as YYYY-MM-DD
                       (default: the system's local date)
  --max-warnings <n>   Also exit 1 when there are more than n warnings (default: no limit)
  --root <dir>         The repository root holding ${documentsFolder}/ and ${configFileName}
                       (default: the current directory)
  --config <file>      The config file, relative to the root (default: ${configFileName};
                       when that file is missing, every default applies)
  -h, --help           Show this help

Rules (severity can be set per rule under \`rules:\` in ${configFileName}: error, warn or off;
\`<!-- lint disable <rule-id> -->\` in a document turns one off from that point on):
${rules.map((rule) => `  ${rule.id.padEnd(30)} ${rule.severity.padEnd(6)} ${rule.summary}`).join('\n')}

Exit status: 0 no errors, 1 errors found (or too many warnings), 2 usage error.
`

const command: Command = {
  summary: 'Check every document in policies/',
  usage,
  options: {
    format: {type: 'string'},
    today: {type: 'string'},
    'max-warnings': {type: 'string'},
    root: {type: 'string'},
    config: {type: 'string'}
  },
  async run(values, positionals) {
    if (positionals.length > 0) throw new UsageError(`check: unexpected argument \`${positionals[0]}\`; charter checks the whole ${documentsFolder}/ folder, see \`charter check --help\``)
    const format = (values.format as string | undefined) ?? 'pretty'
    if (!(formats as readonly string[]).includes(format)) {
      throw new UsageError(`check: unknown --format \`${format}\`, expected one of ${formats.join(', ')}`)
    }
    const today = values.today === undefined ? systemToday() : parseDay(values.today as string)
    if (today === undefined) throw new UsageError(`check: --today expects a real date as YYYY-MM-DD, got \`${String(values.today)}\``)
    const maxWarningsText = values['max-warnings'] as string | undefined
    if (maxWarningsText !== undefined && !/^\d+$/.test(maxWarningsText)) {
      throw new UsageError(`check: --max-warnings expects a whole number, got \`${maxWarningsText}\``)
    }
    const root = resolve((values.root as string | undefined) ?? '.')

    let result
    try {
      result = checkRepository(root, {configPath: (values.config as string | undefined) ?? configFileName, today})
    } catch (error) {
      if (error instanceof MissingFolderError) throw new UsageError(`check: ${error.message}`)
      throw error
    }
    const {files, documentCount, config} = result
    const configured = ruleDocs.map((rule) => ({
      ...rule,
      configured: config && 'check' in rule ? severityOf(rule as Rule, config) : rule.severity
    }))
    const color = Boolean(process.stdout.isTTY) && !process.env.NO_COLOR
    const output =
      format === 'json'
        ? jsonReport(files, documentCount)
        : format === 'github'
          ? githubReport(files, documentCount)
          : format === 'sarif'
            ? sarifReport(files, configured, packageJson.version)
            : prettyReport(files, documentCount, color)
    process.stdout.write(output)

    const {errors, warnings} = count(findings(files))
    if (config && documentCount === 0) {
      process.stderr.write(`charter: no documents (*.md) found under ${documentsFolder}/; add one, e.g. copy an existing policy\n`)
      return 1
    }
    if (errors > 0) return 1
    if (maxWarningsText !== undefined && warnings > Number(maxWarningsText)) {
      process.stderr.write(`charter: ${plural(warnings, 'warning')}, more than --max-warnings ${maxWarningsText}\n`)
      return 1
    }
    return 0
  }
}

export default command
