// Shared by the tests: temporary repositories on disk, the compiled CLI, findings as text lines.
import {spawn, spawnSync} from 'node:child_process'
import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {dirname, join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {afterAll} from 'vitest'
import type {VFile} from 'vfile'
import {findings} from '../scripts/report/messages'

export const projectRoot = fileURLToPath(new URL('..', import.meta.url))
export const charterBin = join(projectRoot, 'bin', 'charter.js')

const made: string[] = []
afterAll(() => {
  for (const dir of made.splice(0)) rmSync(dir, {recursive: true, force: true})
})

/** A temporary folder holding `files` (path → content); removed after the test file. */
export function makeRepo(files: Record<string, string | Uint8Array>): string {
  const root = mkdtempSync(join(tmpdir(), 'charter-test-'))
  made.push(root)
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), {recursive: true})
    writeFileSync(join(root, path), content)
  }
  return root
}

const caches = new Map<string, string>()
/**
 * A cache folder per repository, outside it and removed after the test file, so runs in one
 * repository share GitHub answers (as they would on one machine) and tests never share them.
 */
function cacheFor(cwd: string): string {
  if (!caches.has(cwd)) caches.set(cwd, makeRepo({}))
  return caches.get(cwd)!
}

export interface Run {
  status: number | null
  stdout: string
  stderr: string
}

/** Runs the compiled `charter` (as installed by `npm ci`) in `cwd`. */
export function charter(args: string[], cwd: string, env: Record<string, string> = {}): Run {
  const result = spawnSync(process.execPath, [charterBin, ...args], {cwd, encoding: 'utf8', env: {...process.env, NO_COLOR: '1', CHARTER_CACHE_DIR: cacheFor(cwd), ...env}})
  return {status: result.status, stdout: result.stdout, stderr: result.stderr}
}

/** The same, without blocking: for tests that serve a local HTTP API from this process. */
export function charterAsync(args: string[], cwd: string, env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [charterBin, ...args], {cwd, env: {...process.env, NO_COLOR: '1', CHARTER_CACHE_DIR: cacheFor(cwd), ...env}})
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk) => (stdout += chunk))
    child.stderr.on('data', (chunk) => (stderr += chunk))
    child.on('close', (status) => resolve({status, stdout, stderr}))
  })
}

/** `path:line:column-endLine:endColumn severity rule message`, one line per finding, sorted. */
export function findingLines(files: readonly VFile[]): string[] {
  return findings(files).map(
    (finding) => `${finding.file}:${finding.line}:${finding.column}-${finding.endLine}:${finding.endColumn} ${finding.severity} ${finding.rule} ${finding.message}`
  )
}

const gitIdentity = {
  GIT_AUTHOR_NAME: 'Test Author',
  GIT_AUTHOR_EMAIL: 'author@example.test',
  GIT_COMMITTER_NAME: 'Test Author',
  GIT_COMMITTER_EMAIL: 'author@example.test',
  GIT_AUTHOR_DATE: '2026-01-05T10:00:00Z',
  GIT_COMMITTER_DATE: '2026-01-05T10:00:00Z',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null'
}

/** Runs git in `cwd` with a fixed identity and date (override either through `env`); throws on failure. */
export function runGit(cwd: string, args: string[], env: Record<string, string> = {}): string {
  const result = spawnSync('git', args, {cwd, encoding: 'utf8', env: {...process.env, ...gitIdentity, ...env}})
  if (result.status !== 0) throw new Error(`git ${args.join(' ')} failed: ${result.stderr}`)
  return result.stdout
}
