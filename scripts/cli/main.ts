// `charter <command>`: parses the command line, dispatches to a command module (loaded only when
// it is the one asked for) and turns every error into a message and an exit status.
import {relative} from 'node:path'
import {parseArgs} from 'node:util'
import packageJson from '../../package.json'
import type {Io, OptionValues} from './command'
import {fileSystemFault, UsageError, UserError} from '../model/errors'
import {didYouMean} from '../model/suggest'
import {registry} from './registry'

/** The summaries start in this column; a longer name puts its summary on the next line. */
const summaryColumn = 10

function commandLine(name: string, summary: string): string {
  return name.length < summaryColumn ? `  ${name.padEnd(summaryColumn)}${summary}` : `  ${name}\n  ${' '.repeat(summaryColumn)}${summary}`
}

const mainHelp = `charter ${packageJson.version}: security policies kept as code

Usage: charter <command> [options]

Commands:
${Object.entries(registry)
  .map(([name, entry]) => commandLine(name, entry.summary))
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
  const entry = registry[name]
  if (!entry) throw new UsageError(`unknown command \`${name}\`${didYouMean(name, Object.keys(registry))} (see \`charter --help\`)`)
  const command = (await entry.load()).default
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
