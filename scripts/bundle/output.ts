// Where a bundle is written, and what may be replaced there: only a folder charter made (its
// manifest lists every file in it), never a file, a link or someone else's folder. Also the
// clean-up of staging folders a killed build left behind, and disk faults as plain sentences.
import {lstatSync, readdirSync, readFileSync, rmSync} from 'node:fs'
import {basename, dirname, join, relative} from 'node:path'
import {fileSystemFault, UsageError, UserError} from '../model/errors'
import {alive} from '../write/atomic'

/** Why `out` may not be replaced by a new bundle, or undefined when it may (or does not exist). */
export function outputProblem(out: string): UserError | undefined {
  const shown = relative(process.cwd(), out) || out
  let stats
  try {
    stats = lstatSync(out)
  } catch {
    return undefined
  }
  if (stats.isSymbolicLink()) return new UsageError(`build: --out ${shown} is a symbolic link, expected a folder; pass the folder itself, or another --out`)
  if (!stats.isDirectory()) return new UsageError(`build: --out ${shown} is a file, expected a folder for the bundle; pass another --out, e.g. --out dist`)
  const present = listTree(out)
  if (present.length === 0) return undefined
  const notBundle = new UserError(`${shown} exists and is not a bundle built by charter; choose another --out, or empty it`)
  if (!present.includes('manifest.json')) return notBundle
  const listed = charterManifestFiles(join(out, 'manifest.json'))
  if (!listed) return new UserError(`${shown}/manifest.json is not a manifest written by \`charter build\`, so ${shown} is not a bundle; choose another --out, or empty it`)
  const foreign = present.filter((path) => path !== 'manifest.json' && !listed.has(path))
  if (foreign.length === 0) return undefined
  const named = foreign.slice(0, 3).map((path) => `\`${path}\``).join(', ')
  return new UserError(
    `${shown} holds ${foreign.length === 1 ? 'a file' : `${foreign.length} files`} its manifest does not list (${named}${foreign.length > 3 ? ', …' : ''}), so replacing the bundle would delete ${foreign.length === 1 ? 'it' : 'them'}; move ${foreign.length === 1 ? 'it' : 'them'} away, or choose another --out`
  )
}

/** The files a manifest written by charter lists, or undefined when it is not one. */
function charterManifestFiles(path: string): Set<string> | undefined {
  let manifest: unknown
  try {
    if (!lstatSync(path).isFile()) return undefined
    manifest = JSON.parse(readFileSync(path, 'utf8'))
  } catch {
    return undefined
  }
  if (typeof manifest !== 'object' || manifest === null || Array.isArray(manifest)) return undefined
  const fields = manifest as Record<string, unknown>
  const files = fields.files
  if (typeof files !== 'object' || files === null || Array.isArray(files) || !Object.values(files).every((hash) => typeof hash === 'string' && /^[0-9a-f]{64}$/.test(hash))) return undefined
  // Bundles from before the generator field have the same shape: bundle, commit and documents.
  const charter = fields.generator === 'charter' || (fields.generator === undefined && typeof fields.bundle === 'string' && typeof fields.commit === 'string' && Array.isArray(fields.documents))
  return charter ? new Set(Object.keys(files)) : undefined
}

/** Every file and link below `dir` (folders are walked, links are not followed), as POSIX paths. */
export function listTree(dir: string): string[] {
  const found: string[] = []
  const walk = (prefix: string) => {
    for (const entry of readdirSync(join(dir, prefix), {withFileTypes: true})) {
      const path = `${prefix}${entry.name}`
      if (entry.isDirectory()) walk(`${path}/`)
      else found.push(path)
    }
  }
  walk('')
  return found.sort()
}

const bundleTop = new Set(['site', 'pdf', '.well-known', 'index.html', 'manifest.json'])

/**
 * Removes `<out>.tmp-<pid>` and `<out>.old-<pid>` folders left by a build that was killed: only
 * when that process is gone and the folder holds nothing but what a build writes.
 */
export function cleanStaleStaging(out: string): void {
  const parent = dirname(out)
  const pattern = new RegExp(`^${basename(out).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.(?:tmp|old)-(\\d+)$`)
  let names: string[]
  try {
    names = readdirSync(parent)
  } catch {
    return
  }
  for (const name of names) {
    const pid = pattern.exec(name)?.[1]
    if (pid === undefined || Number(pid) === process.pid || alive(Number(pid))) continue
    const path = join(parent, name)
    try {
      if (!lstatSync(path).isDirectory() || !readdirSync(path).every((entry) => bundleTop.has(entry))) continue
      rmSync(path, {recursive: true, force: true})
    } catch {
      // Left for the next build; it never blocks this one.
    }
  }
}


// Where a build's advice differs from the general one: the way out is usually another --out.
const buildAdvice: Record<string, string> = {
  ENOSPC: 'free some space, or pass --out on another disk',
  EDQUOT: 'free some space, or pass --out on another disk',
  EROFS: 'pass --out on a writable disk',
  EACCES: 'pass --out in a folder you can write to',
  EPERM: 'pass --out in a folder you can write to',
  EIO: 'check the disk, then build again',
  ENAMETOOLONG: 'pass a shorter --out, or shorten the file names in the documents folder',
  ENOTDIR: 'pass an --out whose parent folders are folders',
  EMFILE: 'raise the limit (ulimit -n), then build again'
}

/** A file system error while writing the bundle to `out`, as one line for the user; undefined for anything else. */
export function writeFault(error: unknown, out: string): UserError | undefined {
  const fault = fileSystemFault(error, `while writing the bundle to ${relative(process.cwd(), out) || out}`, buildAdvice)
  return fault && new UserError(`build: ${fault.message}. Nothing was replaced`)
}
