// What every `charter <command>` module provides, and the error for a wrong command line.
import type {ParseArgsConfig} from 'node:util'

/** Parsed options, by name. */
export type OptionValues = Record<string, string | boolean | string[] | undefined>

export interface Command {
  summary: string
  /** The full `--help` text. */
  usage: string
  options: NonNullable<ParseArgsConfig['options']>
  /** Returns the exit status. */
  run(values: OptionValues, positionals: string[]): Promise<number>
}

export {UsageError} from '../model/errors'
