// A bundle is written to a staging folder beside the output and renamed into place when it is
// finished, so a failed or killed build leaves the previous bundle as it was.
import {createHash} from 'node:crypto'
import {closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeFileSync, writeSync} from 'node:fs'
import {dirname, join} from 'node:path'
import {cleanStaleStaging, outputProblem, writeFault} from './output'

/**
 * The bundle being written: every file goes through `write` or `open`, which remember its SHA-256
 * for the manifest. Only the hash is kept, so a large bundle's bytes are not all held at once.
 */
export class StagedBundle {
  /** Each file written so far, and its SHA-256 (hex). */
  readonly written = new Map<string, string>()

  constructor(readonly folder: string) {}

  write(path: string, content: string | Buffer): void {
    const buffer = typeof content === 'string' ? Buffer.from(content, 'utf8') : content
    mkdirSync(dirname(join(this.folder, path)), {recursive: true})
    writeFileSync(join(this.folder, path), buffer)
    this.written.set(path, sha256(buffer))
  }

  /** A file written piece by piece; its hash is recorded when it is closed. */
  open(path: string): StagedFile {
    mkdirSync(dirname(join(this.folder, path)), {recursive: true})
    const descriptor = openSync(join(this.folder, path), 'w')
    const hash = createHash('sha256')
    let length = 0
    return {
      get length() {
        return length
      },
      append: (bytes: Uint8Array) => {
        for (let at = 0; at < bytes.length; ) at += writeSync(descriptor, bytes, at, bytes.length - at)
        hash.update(bytes)
        length += bytes.length
      },
      close: () => {
        closeSync(descriptor)
        this.written.set(path, hash.digest('hex'))
      }
    }
  }

  /** A file written so far, read back from the staging folder. */
  read(path: string): Buffer {
    return readFileSync(join(this.folder, path))
  }
}

export interface StagedFile {
  /** Bytes appended so far. */
  readonly length: number
  append(bytes: Uint8Array): void
  close(): void
}

export function sha256(content: Buffer): string {
  return createHash('sha256').update(content).digest('hex')
}

/**
 * Runs `build` on a staging folder, then swaps it in for `out`; the previous bundle is removed
 * only once that worked. On an error or a signal the staging folder is removed and `out` is
 * left as it was.
 */
export async function stageAndSwap<T>(out: string, build: (bundle: StagedBundle) => Promise<T>): Promise<T> {
  cleanStaleStaging(out)
  const staging = `${out}.tmp-${process.pid}`
  const previous = `${out}.old-${process.pid}`
  removeQuietly(staging)
  // A signal ends the build without leaving the staging folder behind, then ends the process as it would have.
  const onSignal = (signal: NodeJS.Signals) => {
    removeSignalHandlers()
    removeQuietly(staging)
    process.kill(process.pid, signal)
  }
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP']
  const removeSignalHandlers = () => signals.forEach((signal) => process.off(signal, onSignal))
  signals.forEach((signal) => process.on(signal, onSignal))
  try {
    const result = await build(new StagedBundle(staging))
    // The output folder is checked again: it may have changed while the bundle was built.
    const late = outputProblem(out)
    if (late) throw late
    if (existsSync(out)) renameSync(out, previous)
    renameSync(staging, out)
    rmSync(previous, {recursive: true, force: true})
    await signalsDelivered()
    return result
  } catch (error) {
    removeQuietly(staging)
    // Failed between the two renames: the previous bundle goes back where it was.
    if (existsSync(previous) && !existsSync(out)) renameSync(previous, out)
    throw writeFault(error, out) ?? error
  } finally {
    removeSignalHandlers()
  }
}

/**
 * Lets the event loop run, so a signal that arrived meanwhile reaches its handler: rendering
 * never waits on I/O by itself, and a handler removed before it ran would drop the signal.
 */
export function signalsDelivered(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve))
}

/** Clean-up that must not hide the error that made it necessary. */
function removeQuietly(path: string): void {
  try {
    rmSync(path, {recursive: true, force: true})
  } catch {
    // Nothing was there, or nothing can be written there: either way nothing is left behind.
  }
}
