// What every `charter <command>` module provides, what it runs with, and the error for a wrong
// command line.
import type {ParseArgsConfig} from 'node:util'
import type {Day} from '../model/dates'
import type {EscapedOutput} from '../report/printable'

/** Parsed options, by name. */
export type OptionValues = Record<string, string | boolean | string[] | undefined>

/** Where a command writes text: every write has its control characters escaped. */
export type Output = EscapedOutput

/**
 * What a command runs with, instead of reaching for `process`: the program passes the real
 * streams, environment and clock, and the tests their own.
 */
export interface Io {
  stdout: Output
  stderr: Output
  env: Readonly<Record<string, string | undefined>>
  /** Today's date where no `--today` (or `--date`) is given. */
  today(): Day
  /** The terminal to ask questions on (`charter init`), only when both ends of it are a person's. */
  terminal?: {input: NodeJS.ReadableStream; output: NodeJS.WritableStream}
}

/** A command module's default export; its name and summary are in cli/registry.ts. */
export interface Command {
  /** The full `--help` text. */
  usage: string
  options: NonNullable<ParseArgsConfig['options']>
  /** Returns the exit status. */
  run(values: OptionValues, positionals: string[], io: Io): Promise<number>
}

export {UsageError} from '../model/errors'
