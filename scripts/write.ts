// Writes several files as one step: every new content goes to a temporary file beside its
// target first, then all are renamed into place. If anything fails, the files written so far
// are put back, so a command either finishes or leaves everything as it was.
import {copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync} from 'node:fs'
import {basename, dirname, join} from 'node:path'
import {UserError} from './errors'

/** `rename` is the file system's, unless a test passes one that fails on purpose. */
export function writeFilesAtomically(root: string, files: ReadonlyMap<string, string>, rename: (from: string, to: string) => void = renameSync): void {
  const suffix = `.charter-${process.pid}`
  const staged: {target: string; temporary: string; backup?: string}[] = []
  // Killed while staging (Ctrl-C, a CI timeout): remove what was staged, then die of the signal.
  const onSignal = (signal: NodeJS.Signals) => {
    for (const entry of staged) removeQuietly(entry.temporary, entry.backup)
    process.kill(process.pid, signal)
  }
  process.once('SIGINT', onSignal).once('SIGTERM', onSignal).once('SIGHUP', onSignal)
  try {
    writeStaged(root, files, suffix, staged, rename)
  } finally {
    process.off('SIGINT', onSignal).off('SIGTERM', onSignal).off('SIGHUP', onSignal)
  }
}

function writeStaged(root: string, files: ReadonlyMap<string, string>, suffix: string, staged: {target: string; temporary: string; backup?: string}[], rename: (from: string, to: string) => void): void {
  try {
    for (const [path, content] of files) {
      const target = join(root, path)
      mkdirSync(dirname(target), {recursive: true})
      // Staged before it is written, so a write that fails half-way (a full disk) is removed too.
      const entry: {target: string; temporary: string; backup?: string} = {target, temporary: `${target}${suffix}.new`}
      staged.push(entry)
      writeFileSync(entry.temporary, content)
      if (existsSync(target)) {
        entry.backup = `${target}${suffix}.old`
        copyFileSync(target, entry.backup)
      }
    }
  } catch (error) {
    for (const entry of staged) removeQuietly(entry.temporary, entry.backup)
    // Name the file the user asked for, not its temporary neighbour.
    const failed = error as NodeJS.ErrnoException
    const entry = staged.find((each) => failed.path === each.temporary || failed.path === each.backup)
    if (entry) failed.path = entry.target
    throw error
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

function removeQuietly(...paths: (string | undefined)[]): void {
  for (const path of paths) if (path) rmSync(path, {force: true})
}

/**
 * Runs `edit` holding a lock on each of `paths` (repository-relative): a hidden `.<name>.lock`
 * beside each file, created exclusively and holding this process's id, removed on every exit
 * path. A lock whose process is gone (killed, the machine restarted) is taken over. A second
 * charter editing the same file at the same time fails with a clear error instead of losing
 * one of the two updates.
 */
export function withEditLocks<T>(root: string, paths: readonly string[], edit: () => T): T {
  const held: string[] = []
  const release = () => {
    for (const lock of held.splice(0)) rmSync(lock, {force: true})
  }
  const onSignal = (signal: NodeJS.Signals) => {
    release()
    process.kill(process.pid, signal)
  }
  process.once('SIGINT', onSignal).once('SIGTERM', onSignal).once('SIGHUP', onSignal)
  try {
    for (const path of [...new Set(paths)].sort()) {
      const lock = join(root, dirname(path), `.${basename(path)}.lock`)
      takeLock(lock, path)
      held.push(lock)
    }
    return edit()
  } finally {
    release()
    process.off('SIGINT', onSignal).off('SIGTERM', onSignal).off('SIGHUP', onSignal)
  }
}

function takeLock(lock: string, path: string): void {
  for (let attempt = 0; ; attempt++) {
    try {
      writeFileSync(lock, `${process.pid}\n`, {flag: 'wx'})
      return
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    }
    const content = readQuietly(lock)
    // Empty while its owner is still writing its pid: held, not stale. Gone meanwhile: try again.
    const owner = Number.parseInt(content ?? '', 10)
    if (attempt < 3 && (content === undefined || (owner > 0 && !isRunning(owner)))) {
      if (content !== undefined && readQuietly(lock) === content) rmSync(lock, {force: true})
      continue
    }
    throw new UserError(`${path} is being edited by another charter process${owner > 0 ? ` (pid ${owner})` : ''}; try again when it has finished (if none is running, delete ${relativeLock(path)})`)
  }
}

const relativeLock = (path: string) => join(dirname(path), `.${basename(path)}.lock`)

function readQuietly(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8')
  } catch {
    return undefined
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}
