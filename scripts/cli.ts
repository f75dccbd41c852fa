// The `charter` command: dispatches to a command module, loaded only when it is the one asked for.
import {parseArgs} from 'node:util'
import packageJson from '../package.json'
import type {Command, OptionValues} from './commands/command'
import {faultMessage, UsageError, UserError} from './errors'
import {escapeControls} from './report/escape'
import {didYouMean} from './suggest'

const commands: Record<string, () => Promise<{default: Command}>> = {
  audit: () => import('./commands/audit'),
  build: () => import('./commands/build'),
  check: () => import('./commands/check'),
  codeowners: () => import('./commands/codeowners'),
  coverage: () => import('./commands/coverage'),
  due: () => import('./commands/due'),
  history: () => import('./commands/history'),
  init: () => import('./commands/init'),
  new: () => import('./commands/new'),
  remind: () => import('./commands/remind'),
  review: () => import('./commands/review'),
  verify: () => import('./commands/verify')
}

const summaries: Record<string, string> = {
  audit: 'List changes to controlled documents with their approval evidence; flag overdue reviews',
  build: 'Build the versioned bundle: security page, PDFs and manifest',
  check: 'Check every document in policies/: schema, sections, review dates, links, controls',
  codeowners: "Write .github/CODEOWNERS from the documents' owners and approvers",
  coverage: 'Show which framework controls the approved documents cover, and the gaps',
  due: 'List reviews that are overdue or due soon (text, json or markdown)',
  history: "Show documents' revision history from git, with approval evidence",
  init: 'Make a fork your own: render the seed library for your organization',
  new: 'Scaffold a draft document of a kind, with its required sections',
  remind: 'Open, update and close GitHub issues for reviews falling due',
  review: 'Record a review: set last_reviewed, optionally bump the version, print a commit message',
  verify: "Check a bundle's files against its manifest"
}

const mainHelp = `charter ${packageJson.version}: security policies kept as code

Usage: charter <command> [options]

Commands:
${Object.entries(summaries)
  .map(([name, summary]) => `  ${name.padEnd(10)}${summary}`)
  .join('\n')}

Options:
  -h, --help     Show help; \`charter <command> --help\` explains a command's options
  -v, --version  Print the version

Exit status: 0 when all is well, 1 when a check found an error, 2 on a usage error.
`

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv
  if (name === undefined || name === '-h' || name === '--help' || name === 'help') {
    process.stdout.write(mainHelp)
    return name === undefined ? 2 : 0
  }
  if (name === '-v' || name === '--version') {
    process.stdout.write(`${packageJson.version}\n`)
    return 0
  }
  const load = commands[name]
  if (!load) throw new UsageError(`unknown command \`${name}\`${didYouMean(name, Object.keys(commands))} (see \`charter --help\`)`)
  const command = (await load()).default
  let parsed
  try {
    parsed = parseArgs({args: rest, options: {...command.options, help: {type: 'boolean', short: 'h'}}, allowPositionals: true, strict: true})
  } catch (error) {
    const unknown = /Unknown option '([^']+)'/.exec((error as Error).message)?.[1]
    const options = Object.keys(command.options).map((option) => `--${option}`)
    const reason = unknown
      ? `unknown option \`${unknown}\`${didYouMean(unknown, options)}`
      : (error as Error).message.replace(/\. To specify a positional.*$/s, '')
    throw new UsageError(`${name}: ${reason} (see \`charter ${name} --help\`)`)
  }
  if (parsed.values.help) {
    process.stdout.write(command.usage)
    return 0
  }
  return command.run(parsed.values as OptionValues, parsed.positionals)
}

// A reader that stops early (`charter audit | head`) closes the pipe: end quietly, as a shell
// tool does. The status is 0: everything the reader asked for was written.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0)
    throw error
  })
}

main(process.argv.slice(2)).then(
  (status) => {
    process.exitCode = status
  },
  (error: unknown) => {
    if (error instanceof UserError) {
      // Multi-line messages (a listing, then a last line) carry their own prefix.
      // Messages echo what was typed or read (an id, an option, a path): never raw control characters.
      const message = escapeControls(error.message)
      process.stderr.write(message.includes('\n') ? `${message}\n` : `charter: ${message}\n`)
      process.exitCode = error.exitCode
      return
    }
    const fault = faultMessage(error)
    if (fault) {
      process.stderr.write(`charter: ${escapeControls(fault)}\n`)
      process.exitCode = 1
      return
    }
    // Never a stack trace for a user; CHARTER_DEBUG=1 shows it for a bug report.
    const detail = process.env.CHARTER_DEBUG ? `\n${(error as Error).stack}` : ''
    process.stderr.write(`charter: internal error: ${(error as Error).message}${detail}\nThis is a bug in Charter; please report it with the command you ran (CHARTER_DEBUG=1 shows details).\n`)
    process.exitCode = 2
  }
)
