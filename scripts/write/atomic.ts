// Writes several files as one step: every new content goes to a temporary file beside its
// target first, then all are renamed into place. If anything fails, the files written so far
// are put back, so a command either finishes or leaves everything as it was. Edits of one
// repository take turns through a lock, and a file that changed since the command read it is
// not overwritten, so two edits at once never lose one of them.
import {copyFileSync, existsSync, linkSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmdirSync, rmSync, statSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {dirname, isAbsolute, join, relative} from 'node:path'
import {fileSystemFault, UserError} from '../model/errors'

export interface WriteOptions {
  /**
   * What each file held when the command read it (undefined: it did not exist). A file whose
   * content differs now was changed by someone else meanwhile; nothing is written then.
   */
  expected?: ReadonlyMap<string, string | undefined>
  /** `rename` is the file system's, unless a test passes one that fails on purpose. */
  rename?: (from: string, to: string) => void
  /**
   * Files to move before any is written, under the same lock (`charter import` moves its sources
   * with `git mv`, so their history follows them); `move` does it. When a later move or a write
   * fails, each one done is moved back.
   */
  moves?: readonly {from: string; to: string; move(from: string, to: string): void}[]
}

export function writeFilesAtomically(root: string, files: ReadonlyMap<string, string>, {expected, rename = renameSync, moves = []}: WriteOptions = {}): void {
  for (const path of [...files.keys(), ...moves.flatMap((move) => [move.from, move.to])]) requireInside(root, path)
  // A signal that arrives meanwhile waits until the files are whole again; then it ends the run.
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP']
  let received: NodeJS.Signals | undefined
  const hold = (signal: NodeJS.Signals) => {
    received ??= signal
  }
  for (const signal of signals) process.on(signal, hold)
  const unlock = lock(root)
  try {
    if (expected) requireUnchanged(root, expected)
    const undo = moveAll(root, moves)
    try {
      swap(root, files, rename)
    } catch (error) {
      undo()
      throw error
    }
  } finally {
    unlock()
    for (const signal of signals) process.off(signal, hold)
  }
  if (received) process.kill(process.pid, received)
}

function swap(root: string, files: ReadonlyMap<string, string>, rename: (from: string, to: string) => void): void {
  const suffix = `.charter-${process.pid}`
  const staged: {target: string; temporary: string; backup?: string}[] = []
  try {
    for (const [path, content] of files) {
      const target = join(root, path)
      const entry: {target: string; temporary: string; backup?: string} = {target, temporary: `${target}${suffix}.new`}
      // Listed before it is written, so a write that fails half way (a full disk) is removed too.
      staged.push(entry)
      mkdirSync(dirname(target), {recursive: true})
      writeFileSync(entry.temporary, content)
      if (existsSync(target)) {
        entry.backup = `${target}${suffix}.old`
        copyFileSync(target, entry.backup)
      }
    }
  } catch (error) {
    for (const entry of staged) removeQuietly(entry.temporary, entry.backup)
    const failed = staged[staged.length - 1]
    throw (failed && fileSystemFault(error, `while writing ${relative(root, failed.target)}`)) ?? error
  }
  const done: typeof staged = []
  try {
    for (const entry of staged) {
      rename(entry.temporary, entry.target)
      done.push(entry)
    }
  } catch (error) {
    // Put back what was already replaced, and remove what was newly created.
    for (const entry of done) {
      if (entry.backup) renameSync(entry.backup, entry.target)
      else rmSync(entry.target, {force: true})
    }
    for (const entry of staged) removeQuietly(entry.temporary, entry.backup)
    throw error
  }
  for (const entry of staged) removeQuietly(entry.backup)
}

/** Moves each file in turn; returns what moves them all back. A move that fails moves back the ones before it. */
function moveAll(root: string, moves: NonNullable<WriteOptions['moves']>): () => void {
  const done: {from: string; to: string; move(from: string, to: string): void; made: string[]}[] = []
  const undo = () => {
    for (const entry of done.reverse()) {
      entry.move(entry.to, entry.from)
      // Folders made for the move go again, so the tree is as it was.
      for (const folder of entry.made.reverse()) rmdirQuietly(join(root, folder))
    }
  }
  try {
    for (const entry of moves) {
      const made = missingFolders(root, dirname(entry.to))
      mkdirSync(join(root, dirname(entry.to)), {recursive: true})
      try {
        entry.move(entry.from, entry.to)
      } catch (error) {
        for (const folder of made.reverse()) rmdirQuietly(join(root, folder))
        throw error
      }
      done.push({...entry, made})
    }
  } catch (error) {
    undo()
    throw error
  }
  return undo
}

/** The folders on the way to `folder` (repository-relative) that do not exist yet, outermost first. */
function missingFolders(root: string, folder: string): string[] {
  const missing: string[] = []
  for (let current = folder; current !== '.' && current !== '' && !existsSync(join(root, current)); current = dirname(current)) missing.unshift(current)
  return missing
}

function rmdirQuietly(path: string): void {
  try {
    rmdirSync(path)
  } catch {
    // Not empty, or gone: either way nothing of ours is left in it.
  }
}

/**
 * Every path a command writes stays inside the repository: relative, without `..`, and not
 * through a symbolic link (a linked folder would take the write wherever it points).
 */
function requireInside(root: string, path: string): void {
  const parts = path.split(/[\\/]/)
  if (isAbsolute(path) || parts.includes('..') || path === '' || path.includes('\0')) {
    throw new UserError(`Unexpected path \`${path}\` outside the repository, expected a file inside it; nothing was written`)
  }
  for (let index = 1; index <= parts.length; index++) {
    const partial = join(root, ...parts.slice(0, index))
    let link = false
    try {
      link = lstatSync(partial).isSymbolicLink()
    } catch {
      return
    }
    if (link) throw new UserError(`Unexpected symbolic link at ${parts.slice(0, index).join('/')}, expected a file or folder inside the repository; replace the link, nothing was written`)
  }
}

function requireUnchanged(root: string, expected: ReadonlyMap<string, string | undefined>): void {
  for (const [path, content] of expected) {
    const now = existsSync(join(root, path)) ? readFileSync(join(root, path), 'utf8') : undefined
    if (now === content) continue
    throw new UserError(changedMeanwhile(path, content === undefined ? 'was created' : now === undefined ? 'was deleted' : 'changed'))
  }
}

export function changedMeanwhile(path: string, what = 'changed'): string {
  return `${path} ${what} while charter was editing it (another charter command, or an editor); nothing was written, run the command again`
}

/**
 * One edit at a time per repository: an exclusive lock file inside the repository (in `.git/`
 * when there is one), removed when the edit ends. A lock left by a process that died is taken over.
 */
function lock(root: string): () => void {
  const gitDir = join(root, '.git')
  const path = existsSync(gitDir) && statSync(gitDir).isDirectory() ? join(gitDir, 'charter-edit.lock') : join(root, '.charter-edit.lock')
  // The pid is written first and the lock made by a hard link, so no one ever sees it empty.
  const mine = `${path}.${process.pid}`
  try {
    writeFileSync(mine, `${process.pid}\n`)
  } catch (error) {
    rmSync(mine, {force: true})
    throw fileSystemFault(error, `while taking the edit lock ${relative(root, path)}`) ?? error
  }
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        linkSync(mine, path)
        return () => rmSync(path, {force: true})
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw fileSystemFault(error, `while taking the edit lock ${relative(root, path)}`) ?? error
        const holder = Number.parseInt(readQuietly(path), 10)
        if (attempt === 0 && Number.isInteger(holder) && !alive(holder)) {
          rmSync(path, {force: true})
          continue
        }
        throw new UserError(`another charter command (pid ${Number.isInteger(holder) ? holder : '?'}) is editing this repository; wait for it to finish and run this again`)
      }
    }
  } finally {
    rmSync(mine, {force: true})
  }
}

function readQuietly(path: string): string {
  try {
    return readFileSync(path, 'utf8')
  } catch {
    return ''
  }
}

/** Whether a process with this id runs (one we may not signal runs too). */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

function removeQuietly(...paths: (string | undefined)[]): void {
  for (const path of paths) if (path) rmSync(path, {force: true})
}

/**
 * A temporary folder of Charter's for work that waits (git, gpg): an interrupt or `kill` removes
 * it before the process ends. The handlers are in place before the folder exists, so a signal
 * that lands as it is made still finds them (Node runs signal handlers from the event loop, after
 * this function returns). `release` removes the folder and stops watching.
 */
export function temporaryFolder(prefix: string): {path: string; release(): void} {
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP']
  let path: string | undefined
  const remove = () => {
    if (path) rmSync(path, {recursive: true, force: true})
  }
  const onSignal = (signal: NodeJS.Signals) => {
    remove()
    stop()
    process.kill(process.pid, signal)
  }
  const stop = () => {
    for (const signal of signals) process.off(signal, onSignal)
  }
  for (const signal of signals) process.on(signal, onSignal)
  path = mkdtempSync(join(tmpdir(), prefix))
  return {
    path,
    release() {
      remove()
      stop()
    }
  }
}

