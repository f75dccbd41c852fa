// What every `charter <command>` module provides, and the error for a wrong command line.
import type {ParseArgsConfig} from 'node:util'

export interface Command {
  summary: string
  /** The full `--help` text. */
  usage: string
  options: NonNullable<ParseArgsConfig['options']>
  /** Returns the exit status. */
  run(values: Record<string, string | boolean | undefined>, positionals: string[]): Promise<number>
}

/** A mistake on the command line: printed without a stack trace, exit status 2. */
export class UsageError extends Error {}
