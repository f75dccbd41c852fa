// Errors meant for the person at the terminal: printed as they are, never with a stack trace.

/** A problem the user can fix (a file to correct, an id to spell right): exit status 1. */
export class UserError extends Error {
  readonly exitCode: number = 1
}

/** A mistake on the command line: exit status 2. */
export class UsageError extends UserError {
  override readonly exitCode: number = 2
}

// What the system said, in a line a person can act on; the path is the one the call named.
const faults: Record<string, string> = {
  ENOSPC: 'the disk is full; free some space and run the command again',
  EDQUOT: 'the disk quota is used up; free some space and run the command again',
  EROFS: 'the file system is read-only; run the command where the repository can be written',
  EACCES: 'permission denied; check the owner and permissions of the file and its folder',
  EPERM: 'operation not permitted; check the owner and permissions of the file and its folder',
  ENAMETOOLONG: 'the file name is too long; choose a shorter name (for `charter new`, a shorter title or `--id`)',
  EMFILE: 'too many open files; raise the limit (`ulimit -n`) or close other programs',
  ENFILE: 'too many open files on the system; close other programs and try again',
  EISDIR: 'it is a folder, expected a file; pass a file path',
  ENOTDIR: 'a part of the path is a file, expected a folder; check the path',
  ENOENT: 'no such file or folder; check the path',
  EEXIST: 'it already exists; move it away or choose another name',
  EBUSY: 'it is busy; close the program using it and try again',
  EIO: 'an input/output error; check the disk'
}

/** A file system error as one line naming the path, or undefined when `error` is not one. */
export function faultMessage(error: unknown): string | undefined {
  const {code, path, syscall} = (error ?? {}) as NodeJS.ErrnoException
  const advice = code === undefined ? undefined : faults[code]
  if (!advice) return undefined
  return `cannot ${syscall ?? 'access'}${path ? ` ${path}` : ''}: ${advice} (${code})`
}
