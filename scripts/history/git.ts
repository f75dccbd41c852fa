// Runs the git binary: the edge where document control enters. Every history-using command
// goes through here, so a missing git, a folder outside a repository and a shallow clone are
// all reported the same way.
import {spawn, spawnSync} from 'node:child_process'
import {UserError} from '../model/errors'

export class GitError extends UserError {}

export const shallowMessage = 'history is shallow; fetch full history (in GitHub Actions: `fetch-depth: 0`)'

export function git(root: string, args: readonly string[], input?: string): string {
  return gitBytes(root, args, input).toString('utf8')
}

/** The same, for output that must be read as bytes (blob contents and their sizes). */
export function gitBytes(root: string, args: readonly string[], input?: string): Buffer {
  const result = spawnSync('git', ['-c', 'core.quotePath=false', ...args], {
    cwd: root,
    input,
    maxBuffer: 1024 * 1024 * 1024,
    env: {...process.env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C'}
  })
  if (result.error) {
    const code = (result.error as NodeJS.ErrnoException).code
    throw new GitError(code === 'ENOENT' ? 'git is not installed or not on PATH; install git to read document history' : `git could not run: ${result.error.message}`)
  }
  if (result.status !== 0) {
    const detail = result.stderr.toString('utf8').trim().split('\n')[0] ?? ''
    if (/not a git repository/i.test(detail)) throw new GitError(`${root} is not a git repository; document history comes from git, so run charter in a clone`)
    throw failure(args, result.stderr)
  }
  return result.stdout
}

/** The same, without blocking, so independent git processes can run side by side; `env` adds variables. */
export function gitAsync(root: string, args: readonly string[], input?: string, env: Record<string, string> = {}): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', ['-c', 'core.quotePath=false', ...args], {cwd: root, env: {...process.env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C', ...env}})
    const out: Buffer[] = []
    const err: Buffer[] = []
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk))
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk))
    child.on('error', (error) => reject(new GitError(`git could not run: ${error.message}`)))
    child.on('close', (status) => {
      if (status === 0) resolve(Buffer.concat(out))
      else reject(failure(args, Buffer.concat(err)))
    })
    child.stdin.end(input)
  })
}

/**
 * What a failed git said: its `fatal:` line when it gave one (a damaged object names itself
 * there, after lines of detail), else its first line; and what to do.
 */
function failure(args: readonly string[], stderr: Buffer): GitError {
  const lines = stderr.toString('utf8').trim().split('\n')
  const detail = lines.find((line) => line.startsWith('fatal:')) ?? lines[0] ?? ''
  // Only a damaged object sends the user to fsck; a lock file or a bad argument says its own fix.
  const damaged = /corrupt|unable to (?:read|unpack|stream)|bad object|loose object|invalid object|inflate/i.test(stderr.toString('utf8'))
  return new GitError(`git ${args[0]} failed: ${detail}${damaged ? '; run `git fsck` to see whether the repository is damaged' : ''}`)
}

/** A git process whose output is taken as it comes, so the caller can work on it (and feed other git processes) while git still runs. */
export interface GitStream {
  /** Writes to git's standard input; a git that has already stopped is reported by `done`. */
  write(text: string): void
  /** Closes git's standard input: what a `--batch` or `--stdin` reader waits for to finish. */
  end(): void
  /** Settles once git has exited and every chunk of its output has been given to `onOutput`. */
  done: Promise<void>
}

/** Runs git with each chunk of its standard output handed to `onOutput` as it arrives; `env` adds variables. */
export function gitStream(root: string, args: readonly string[], onOutput: (chunk: Buffer) => void, env: Record<string, string> = {}): GitStream {
  const child = spawn('git', ['-c', 'core.quotePath=false', ...args], {cwd: root, env: {...process.env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C', ...env}})
  const err: Buffer[] = []
  let refused: Error | undefined
  const done = new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      if (refused) return
      try {
        onOutput(chunk)
      } catch (error) {
        // The reader refused the output: stop git rather than let it run on for nothing.
        refused = error as Error
        child.kill()
      }
    })
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk))
    child.on('error', (error) => reject(new GitError(`git could not run: ${error.message}`)))
    child.on('close', (status) => {
      if (refused) reject(refused)
      else if (status === 0) resolve()
      else reject(failure(args, Buffer.concat(err)))
    })
  })
  // A git that stopped early closes its input; that is reported by its exit, not as a write error.
  child.stdin.on('error', () => {})
  return {write: (text) => void child.stdin.write(text), end: () => child.stdin.end(), done}
}

/** The commit HEAD names, or undefined in a repository without a commit (or outside one). */
export function headCommit(root: string): string | undefined {
  try {
    return git(root, ['rev-parse', '--verify', '--quiet', 'HEAD^{commit}']).trim() || undefined
  } catch (error) {
    if (error instanceof GitError) return undefined
    throw error
  }
}

/** A commit's committer date, ISO 8601. */
export function commitDate(root: string, commit: string): string {
  return git(root, ['show', '-s', '--format=%cI', `${commit}^{commit}`, '--']).trim()
}

/** Stops a history-using command in a shallow clone, which would show a truncated history. */
export function requireFullHistory(root: string): void {
  if (git(root, ['rev-parse', '--is-shallow-repository']).trim() === 'true') throw new GitError(shallowMessage)
}
