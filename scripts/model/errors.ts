// Errors meant for the person at the terminal: printed as they are, never with a stack trace.

/** A problem the user can fix (a file to correct, an id to spell right): exit status 1. */
export class UserError extends Error {
  readonly exitCode: number = 1
}

/** A mistake on the command line: exit status 2. */
export class UsageError extends UserError {
  override readonly exitCode: number = 2
}

const faults: Record<string, {what: string; advice: string}> = {
  ENOSPC: {what: 'no space left on the disk', advice: 'free some space, then run it again'},
  EDQUOT: {what: 'the disk quota is used up', advice: 'free some space, then run it again'},
  EROFS: {what: 'the file system is read-only', advice: 'run it in a writable clone'},
  EACCES: {what: 'permission denied', advice: 'check the file and folder permissions'},
  EPERM: {what: 'the operation is not permitted', advice: 'check the file and folder permissions'},
  EIO: {what: 'an input/output error on the disk', advice: 'check the disk, then run it again'},
  ENAMETOOLONG: {what: 'a file name is too long for the file system', advice: 'use a shorter name'},
  ENOTDIR: {what: 'a part of the path is a file, not a folder', advice: 'check the path'},
  EISDIR: {what: 'a folder stands where a file was expected', advice: 'check the path'},
  EMFILE: {what: 'too many open files', advice: 'raise the limit (ulimit -n), then run it again'},
  ENFILE: {what: 'too many open files on the system', advice: 'close other programs, then run it again'}
}

/**
 * A file system error as one line for the person at the terminal, or undefined for any other
 * error. `doing` says what was under way (`while writing the bundle to dist`), `advice` replaces
 * the general advice where the command knows better.
 */
export function fileSystemFault(error: unknown, doing: string, advice?: Partial<Record<string, string>>): UserError | undefined {
  const {code} = (error ?? {}) as NodeJS.ErrnoException
  const fault = code === undefined ? undefined : faults[code]
  if (!fault) return undefined
  return new UserError(`${code}: ${fault.what}${doing ? ` ${doing}` : ''}; ${advice?.[code!] ?? fault.advice}`)
}
