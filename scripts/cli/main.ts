// `charter <command>`: parses the command line, dispatches to a command module (loaded only when
// it is the one asked for) and turns every error into a message and an exit status.
import {relative} from 'node:path'
import {parseArgs} from 'node:util'
import packageJson from '../../package.json'
import type {Command, Io, OptionValues} from './command'
import {fileSystemFault, UsageError, UserError} from '../model/errors'
import {didYouMean} from '../model/suggest'

const commands: Record<string, () => Promise<{default: Command}>> = {
  audit: () => import('./audit'),
  build: () => import('./build'),
  check: () => import('./check'),
  codeowners: () => import('./codeowners'),
  coverage: () => import('./coverage'),
  due: () => import('./due'),
  history: () => import('./history'),
  init: () => import('./init'),
  new: () => import('./new'),
  remind: () => import('./remind'),
  review: () => import('./review'),
  verify: () => import('./verify')
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

/** Runs `charter` with `argv` (the arguments after the program's name); returns the exit status. */
export async function main(argv: string[], io: Io): Promise<number> {
  try {
    return await dispatch(argv, io)
  } catch (error) {
    return reportError(error, io)
  }
}

async function dispatch(argv: string[], io: Io): Promise<number> {
  const [name, ...rest] = argv
  if (name === undefined || name === '-h' || name === '--help' || name === 'help') {
    io.stdout.write(mainHelp)
    return name === undefined ? 2 : 0
  }
  if (name === '-v' || name === '--version') {
    io.stdout.write(`${packageJson.version}\n`)
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
    io.stdout.write(command.usage)
    return 0
  }
  return command.run(parsed.values as OptionValues, parsed.positionals, io)
}

/** An error as the user sees it: a file-system fault or a user error in a sentence, anything else as a bug to report. */
function reportError(error: unknown, io: Io): number {
  const path = (error as NodeJS.ErrnoException | undefined)?.path
  const fault = fileSystemFault(error, path ? `at ${relative(process.cwd(), path) || path}` : '')
  if (fault) {
    io.stderr.write(`charter: ${fault.message}\n`)
    return 1
  }
  if (error instanceof UserError) {
    // Multi-line messages (a listing, then a last line) carry their own prefix.
    io.stderr.write(error.message.includes('\n') ? `${error.message}\n` : `charter: ${error.message}\n`)
    return error.exitCode
  }
  // Never a stack trace for a user; CHARTER_DEBUG=1 shows it for a bug report.
  const detail = io.env.CHARTER_DEBUG ? `\n${(error as Error).stack}` : ''
  io.stderr.write(`charter: internal error: ${(error as Error).message}${detail}\nThis is a bug in Charter; please report it with the command you ran (CHARTER_DEBUG=1 shows details).\n`)
  return 2
}
