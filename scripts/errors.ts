// Errors meant for the person at the terminal: printed as they are, never with a stack trace.

/** A problem the user can fix (a file to correct, an id to spell right): exit status 1. */
export class UserError extends Error {
  readonly exitCode: number = 1
}

/** A mistake on the command line: exit status 2. */
export class UsageError extends UserError {
  override readonly exitCode: number = 2
}
