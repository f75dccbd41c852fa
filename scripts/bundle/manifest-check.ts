// Checks a bundle against its manifest: every file's SHA-256, and no file missing or added.
import {existsSync, lstatSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import {sha256} from './staging'
import {listTree} from './output'

export interface Verification {
  bundle?: string
  commit?: string
  checked: number
  problems: string[]
}

export function verifyBundle(dir: string): Verification {
  const manifestPath = join(dir, 'manifest.json')
  if (!existsSync(manifestPath)) return {checked: 0, problems: [`manifest.json: missing, so nothing can be verified; is ${dir} a bundle built by \`charter build\`?`]}
  if (!lstatSync(manifestPath).isFile()) return {checked: 0, problems: ['manifest.json: not a regular file (a symbolic link, or a device); a bundle holds files only']}
  let manifest: {bundle?: string; commit?: string; files?: Record<string, string>}
  try {
    manifest = JSON.parse(readFileSync(manifestPath, 'utf8'))
  } catch (error) {
    return {checked: 0, problems: [`manifest.json: not valid JSON (${(error as Error).message})`]}
  }
  const expected = manifest.files ?? {}
  const present = new Set(listTree(dir).filter((path) => path !== 'manifest.json'))
  const problems: string[] = []
  for (const [path, hash] of Object.entries(expected).sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (!present.has(path)) problems.push(`${path}: missing`)
    // A link in a bundle would make verify read, and vouch for, a file outside it.
    else if (!lstatSync(join(dir, path)).isFile()) problems.push(`${path}: not a regular file (a symbolic link, or a device); a bundle holds files only`)
    else if (sha256(readFileSync(join(dir, path))) !== hash) problems.push(`${path}: changed (its SHA-256 differs from the manifest)`)
  }
  for (const path of [...present].sort()) if (!(path in expected)) problems.push(`${path}: not in the manifest`)
  return {bundle: manifest.bundle, commit: manifest.commit, checked: Object.keys(expected).length, problems}
}
