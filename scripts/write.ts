// Writes several files as one step: every new content goes to a temporary file beside its
// target first, then all are renamed into place. If anything fails, the files written so far
// are put back, so a command either finishes or leaves everything as it was.
import {copyFileSync, existsSync, mkdirSync, renameSync, rmSync, writeFileSync} from 'node:fs'
import {dirname, join} from 'node:path'

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
