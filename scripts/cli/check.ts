// `charter check`: load config and documents, run every rule, report, and set the exit status.
import packageJson from '../../package.json'
import {createHash} from 'node:crypto'
import {VFile} from 'vfile'
import {cacheFolder, ignoredCacheWarning, real} from '../load/cache-folder'
import {CheckCache} from '../load/check-cache'
import {UsageError, type Command, type Io} from './command'
import {markdownSummary} from '../report/summary'
import {choiceOption, dateOption, rootOf} from './options'
import {plural} from '../model/dates'
import {checkRepository} from '../lint/repository'
import {unprovenAcknowledgements} from '../history/acknowledgement-evidence'
import {configFileName} from '../load/config'
import {MissingFolderError} from '../load/corpus'
import {githubReport} from '../report/workflow-commands'
import {jsonReport} from '../report/json'
import {count, findings} from '../report/messages'
import {prettyReport} from '../report/pretty'
import {printable} from '../model/printable-text'
import {sarifReport} from '../report/sarif'
import {appendToFile} from '../write/append'
import {rules} from '../lint/rules/index'
import {isGateRule, type RuleMeta} from '../lint/rule'
import {severityOf} from '../lint/run'

const formats = ['pretty', 'json', 'github', 'sarif'] as const

function ruleList(list: readonly RuleMeta[]): string {
  return list.map((rule) => `  ${rule.id.padEnd(30)} ${rule.severity.padEnd(6)} ${rule.summary}`).join('\n')
}

export const usage = `Usage: charter check [options]

Checks every Markdown document in the documents folder (\`documents\` in ${configFileName},
default policies/) against its schema and rules, and prints each problem with its file, line and
column, the rule id, and what to do about it.

Options:
  --format <name>      How to print the findings (default: pretty):
                         pretty  grouped by file, for people
                         json    one object: documents, vendors (with a vendor register),
                                 errors, warnings and findings (file, line, column, endLine,
                                 endColumn, severity, rule, message)
                         github  GitHub Actions annotations, shown on the pull request's
                                 changed lines: ::error file=…,line=…,col=…,title=<rule>::…
                         sarif   SARIF 2.1.0 with one rule entry and its help per rule id,
                                 for code scanning upload
  --base <ref>         Compare with the documents and the config at this git ref (in CI, the
                       pull request's base, e.g. origin/main): turns on the version-bump and
                       config-weakened rules
  --today <date>       The date review deadlines are measured against, as YYYY-MM-DD
                       (default: the system's local date); pass it for reproducible runs
  --max-warnings <n>   Also fail when there are more than n warnings (default: no limit)
  --summary <file>     Also append a Markdown summary to <file>: the findings, and the reviews
                       due in the next 60 days (in GitHub Actions: "$GITHUB_STEP_SUMMARY")
  --root <dir>         The repository root (default: the current directory)
  --config <file>      The config file, relative to the root (default: ${configFileName};
                       when that file is missing, every default applies); its \`documents\`
                       key names the documents folder (default: policies)
  --no-cache           Parse and check every document afresh. By default a document whose
                       text, path, config, date and base are unchanged since the last check
                       of this repository reuses that check's findings, kept in the user
                       cache folder (CHARTER_CACHE_DIR, else $XDG_CACHE_HOME/charter or
                       ~/.cache/charter), never in the repository; the output is the same
  -h, --help           Show this help

Rules, with their default severity. Set each to error, warn or off under \`rules:\` in
${configFileName}; with --base, a gate rule set milder than at the base is itself an error.

Gate rules (no comment in a document switches them off; naming one in a lint comment is an
error):
${ruleList(rules.filter(isGateRule))}

Style rules (\`<!-- lint disable <rule-id> -->\` turns one off from that point on, and
\`<!-- lint disable -->\` all of them):
${ruleList(rules.filter((rule) => !isGateRule(rule)))}

Exit status: 0 no error; 1 an error, more warnings than --max-warnings, or no document at all;
2 a usage error. A file that cannot be read is reported like any other problem, and the other
files are still checked.
`

const command: Command = {
  usage,
  options: {
    format: {type: 'string'},
    today: {type: 'string'},
    base: {type: 'string'},
    'max-warnings': {type: 'string'},
    summary: {type: 'string'},
    root: {type: 'string'},
    config: {type: 'string'},
    'no-cache': {type: 'boolean'}
  },
  async run(values, positionals, io) {
    if (positionals.length > 0) throw new UsageError(`check: unexpected argument \`${positionals[0]}\`; charter checks the whole documents folder, see \`charter check --help\``)
    const format = choiceOption(values, 'format', formats, 'check')
    const today = dateOption(values, 'today', 'check', io)
    const maxWarningsText = values['max-warnings'] as string | undefined
    if (maxWarningsText !== undefined && !/^\d+$/.test(maxWarningsText)) {
      throw new UsageError(`check: --max-warnings expects a whole number, got \`${maxWarningsText}\``)
    }
    const root = rootOf(values)

    let result
    try {
      const baseRef = values.base as string | undefined
      // git would read a leading dash as one of its own options (`--output=<file>`).
      if (baseRef?.startsWith('-')) throw new UsageError(`check: Unexpected --base \`${baseRef}\`, expected a git ref such as \`origin/main\`; a ref never starts with \`-\``)
      const cache = values['no-cache'] ? undefined : openCheckCache(root, io)
      // Signatures verify in processes run side by side, so this part is read before the check.
      const unproven = baseRef === undefined ? undefined : await unprovenAcknowledgements(root, baseRef)
      result = checkRepository(root, {
        configPath: (values.config as string | undefined) ?? configFileName,
        today,
        ...(baseRef === undefined ? {} : {baseRef}),
        ...(cache ? {cache} : {}),
        ...(unproven ? {unprovenAcknowledgements: unproven} : {})
      })
      cache?.save()
    } catch (error) {
      if (error instanceof MissingFolderError) throw new UsageError(`check: ${error.message}`)
      throw error
    }
    const {files, documentCount, vendorCount, config} = result
    if (values.summary !== undefined && config) {
      appendToFile(values.summary as string, markdownSummary(files, result.documents, config, today, vendorCount), 'the summary')
    }
    const configured = rules.map((rule) => ({
      ...rule,
      configured: config ? severityOf(rule, config) : rule.severity
    }))
    const color = io.stdout.isTTY && !io.env.NO_COLOR
    const output =
      format === 'json'
        ? jsonReport(files, documentCount, vendorCount)
        : format === 'github'
          ? githubReport(files, documentCount, vendorCount)
          : format === 'sarif'
            ? sarifReport(files, configured, packageJson.version)
            : prettyReport(color ? files.map(printableFile) : files, documentCount, color, vendorCount)
    // Colour codes are the reporter's own once every value in the report is escaped.
    if (format === 'pretty' && color) io.stdout.writeColoured(output)
    else io.stdout.write(output)

    const {errors, warnings} = count(findings(files))
    if (config && documentCount === 0) {
      io.stderr.write(`charter: no documents (*.md) found under ${config.documents}/; add one, e.g. copy an existing policy\n`)
      return 1
    }
    if (errors > 0) return 1
    if (maxWarningsText !== undefined && warnings > Number(maxWarningsText)) {
      io.stderr.write(`charter: ${plural(warnings, 'warning')}, more than --max-warnings ${maxWarningsText}\n`)
      return 1
    }
    return 0
  }
}

/** This repository's check cache, in a folder of its own under the cache folder; none inside the repository. */
function openCheckCache(root: string, io: Io): CheckCache | undefined {
  const folder = cacheFolder(root, io.env, 'check', createHash('sha256').update(real(root)).digest('hex').slice(0, 32))
  if (folder.ignored) io.stderr.write(ignoredCacheWarning(folder.ignored))
  return folder.dir === undefined ? undefined : new CheckCache(folder.dir)
}

/** The file with its path and every message's text escaped, for a report whose colours stay. */
function printableFile(file: VFile): VFile {
  const copy = new VFile({path: printable(file.path)})
  for (const message of file.messages) {
    const escaped = copy.message(printable(message.reason), {place: message.place, ruleId: message.ruleId, source: message.source})
    escaped.fatal = message.fatal
  }
  return copy
}

export default command
