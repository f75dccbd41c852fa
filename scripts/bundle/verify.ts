// Checks a bundle against its manifest: every file's SHA-256, and no file missing or added.
import {existsSync, readdirSync, readFileSync, statSync} from 'node:fs'
import {join, relative} from 'node:path'
import {sha256} from './build'

export interface Verification {
  bundle?: string
  commit?: string
  checked: number
  problems: string[]
}

export function verifyBundle(dir: string): Verification {
  const manifestPath = join(dir, 'manifest.json')
  if (!existsSync(manifestPath)) return {checked: 0, problems: [`manifest.json: missing, so nothing can be verified; is ${dir} a bundle built by \`charter build\`?`]}
  let manifest: {bundle?: string; commit?: string; files?: Record<string, string>}
  try {
    manifest = JSON.parse(readFileSync(manifestPath, 'utf8'))
  } catch (error) {
    return {checked: 0, problems: [`manifest.json: not valid JSON (${(error as Error).message})`]}
  }
  const expected = manifest.files ?? {}
  const present = new Set(listBundle(dir).filter((path) => path !== 'manifest.json'))
  const problems: string[] = []
  for (const [path, hash] of Object.entries(expected).sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (!present.has(path)) problems.push(`${path}: missing`)
    else if (sha256(readFileSync(join(dir, path))) !== hash) problems.push(`${path}: changed (its SHA-256 differs from the manifest)`)
  }
  for (const path of [...present].sort()) if (!(path in expected)) problems.push(`${path}: not in the manifest`)
  return {bundle: manifest.bundle, commit: manifest.commit, checked: Object.keys(expected).length, problems}
}

/** Every file below `dir`, as POSIX paths relative to it. */
function listBundle(dir: string): string[] {
  const found: string[] = []
  const walk = (current: string) => {
    for (const name of readdirSync(current)) {
      const path = join(current, name)
      if (statSync(path).isDirectory()) walk(path)
      else found.push(relative(dir, path).split('\\').join('/'))
    }
  }
  walk(dir)
  return found.sort()
}
