// The `charter` command: dispatches to a command module, loaded only when it is the one asked for.
import {parseArgs} from 'node:util'
import packageJson from '../package.json'
import {UsageError, type Command} from './commands/command'
import {didYouMean} from './suggest'

const commands: Record<string, () => Promise<{default: Command}>> = {
  check: () => import('./commands/check')
}

const summaries: Record<string, string> = {
  check: 'Check every document in policies/: schema, sections, review dates, links, controls'
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
  return command.run(parsed.values as Record<string, string | boolean | undefined>, parsed.positionals)
}

main(process.argv.slice(2)).then(
  (status) => {
    process.exitCode = status
  },
  (error: unknown) => {
    if (error instanceof UsageError) {
      process.stderr.write(`charter: ${error.message}\n`)
      process.exitCode = 2
      return
    }
    // Never a stack trace for a user; CHARTER_DEBUG=1 shows it for a bug report.
    const detail = process.env.CHARTER_DEBUG ? `\n${(error as Error).stack}` : ''
    process.stderr.write(`charter: internal error: ${(error as Error).message}${detail}\nThis is a bug in Charter; please report it with the command you ran (CHARTER_DEBUG=1 shows details).\n`)
    process.exitCode = 2
  }
)
