// Writes a planned import as one step: sources inside the repository are moved first (with git
// when it tracks them, so their history follows), then every document and the config are written;
// when anything fails, everything is put back as it was.
import {renameSync} from 'node:fs'
import {join} from 'node:path'
import {configFileName} from '../../load/config'
import {writeFilesAtomically} from '../../write/atomic'
import type {ImportPlan} from './import-plan'

export interface ImportWriteOptions {
  configPath?: string
  /** Moves a file git tracks (`git mv`), paths relative to the root. */
  moveTracked(from: string, to: string): void
  /** The file system's rename, unless a test passes one that fails on purpose. */
  rename?: (from: string, to: string) => void
}

/** Writes what the plan creates or updates; returns how many files changed. */
export function writeImport(root: string, plan: ImportPlan, {configPath = configFileName, moveTracked, rename}: ImportWriteOptions): number {
  const files = new Map<string, string>()
  const expected = new Map<string, string | undefined>()
  const moves: {from: string; to: string; move(from: string, to: string): void}[] = []
  const moveUntracked = (from: string, to: string) => renameSync(join(root, from), join(root, to))
  for (const document of plan.documents) {
    if (document.outcome === 'unchanged') continue
    files.set(document.path, document.content)
    expected.set(document.path, document.previous)
    if (document.move) moves.push({from: document.move.from, to: document.path, move: document.move.tracked ? moveTracked : moveUntracked})
  }
  if (plan.adoption) {
    files.set(configPath, plan.adoption.configText)
    expected.set(configPath, plan.adoption.previous)
  }
  if (files.size === 0) return 0
  writeFilesAtomically(root, files, {expected, moves, ...(rename ? {rename} : {})})
  return files.size
}
