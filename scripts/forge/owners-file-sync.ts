// The repository's CODEOWNERS file against the one the documents call for: compared for
// `charter codeowners --check`, written for `charter codeowners`.
import {existsSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import {writeFilesAtomically} from '../write/atomic'
import {codeownersPath, firstDifference} from '../model/codeowners-text'
import type {CodeownersPlan} from './owners-file'

/** The first line where the file differs from the plan (line 1 when it is missing), or undefined when equal. */
export function ownersFileDifference(root: string, plan: CodeownersPlan): {line: number} | undefined {
  const path = join(root, codeownersPath)
  return existsSync(path) ? firstDifference(plan.text, readFileSync(path, 'utf8')) : {line: 1}
}

export function writeOwnersFile(root: string, plan: CodeownersPlan): void {
  writeFilesAtomically(root, new Map([[codeownersPath, plan.text]]))
}
