// Shared by the tests: temporary repositories on disk, `charter` run in-process or as the
// installed program, findings as text lines.
import {spawn, spawnSync} from 'node:child_process'
import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {dirname, join} from 'node:path'
import {fileURLToPath} from 'node:url'
import type {VFile} from 'vfile'
import {main} from '../scripts/cli/main'
import {parseDay, systemToday, type Day} from '../scripts/model/dates'
import {printableOutput} from '../scripts/model/printable-text'
import {escapedOutput} from '../scripts/report/printable'
import {findings} from '../scripts/report/messages'

export const projectRoot = fileURLToPath(new URL('..', import.meta.url))
export const charterBin = join(projectRoot, 'bin', 'charter.js')

const made: string[] = []
/**
 * Removes every folder makeRepo made, and forgets their caches; test/setup.ts runs it after each
 * test file (this module is loaded once per worker, for every file it runs).
 */
export function removeRepos(): void {
  for (const dir of made.splice(0)) rmSync(dir, {recursive: true, force: true})
  caches.clear()
}

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

export interface RunOptions {
  /** Today's date (YYYY-MM-DD) where no `--today` or `--date` is given; the machine's date by default. */
  today?: string
}

// In-process runs change the process's working folder and environment while they run, so
// they take turns: each starts when the one before has finished.
let turn: Promise<unknown> = Promise.resolve()

/**
 * Runs `charter` in `cwd`, in this process: the same bytes, exit status and environment as the
 * compiled program (bin/charter.js) given no terminal, without the cost of starting one.
 */
export function charter(args: string[], cwd: string, env: Record<string, string> = {}, options: RunOptions = {}): Promise<Run> {
  const run = turn.then(() => runInProcess(args, cwd, {...process.env, NO_COLOR: '1', CHARTER_CACHE_DIR: cacheFor(cwd), ...env}, options))
  turn = run.catch(() => undefined)
  return run
}

/** The same: for tests that serve a local HTTP API from this process (runs never block it now). */
export const charterAsync = charter

async function runInProcess(args: string[], cwd: string, env: Record<string, string | undefined>, {today}: RunOptions): Promise<Run> {
  const clock = today === undefined ? () => systemToday() : fixedDay(today)
  let stdout = ''
  let stderr = ''
  const stdoutStream = {write: (text: string) => (stdout += text), isTTY: false}
  const stderrStream = {write: (text: string) => (stderr += text), isTTY: false}
  const restore = enter(cwd, env, stdoutStream, stderrStream)
  try {
    const status = await main(args, {stdout: escapedOutput(stdoutStream), stderr: escapedOutput(stderrStream), env, today: clock})
    return {status, stdout, stderr}
  } finally {
    restore()
  }
}

function fixedDay(text: string): () => Day {
  const day = parseDay(text)
  if (day === undefined) throw new Error(`Unexpected today \`${text}\`, expected a date as YYYY-MM-DD`)
  return () => day
}

/**
 * Sets up the process as the compiled program would find it: the working folder (paths are shown
 * relative to it), the environment (git reads process.env) and the streams
 * (whatever a library writes to them is part of the output, escaped as guardOutput does).
 * Returns what undoes it.
 */
function enter(cwd: string, env: Record<string, string | undefined>, stdout: {write(text: string): unknown}, stderr: {write(text: string): unknown}): () => void {
  const folder = process.cwd()
  const saved = new Map<string, string | undefined>()
  for (const [key, value] of Object.entries(env)) {
    if (process.env[key] === value) continue
    saved.set(key, process.env[key])
    if (value === undefined) delete process.env[key]
    else process.env[key] = value
  }
  const writes = [process.stdout.write, process.stderr.write] as const
  process.stdout.write = capture(stdout)
  process.stderr.write = capture(stderr)
  process.chdir(cwd)
  return () => {
    process.chdir(folder)
    ;[process.stdout.write, process.stderr.write] = writes
    for (const [key, value] of saved) {
      if (value === undefined) delete process.env[key]
      else process.env[key] = value
    }
  }
}

function capture(stream: {write(text: string): unknown}): typeof process.stdout.write {
  return ((chunk: unknown, ...rest: unknown[]) => {
    stream.write(printableOutput(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8')))
    const callback = rest.find((argument) => typeof argument === 'function') as (() => void) | undefined
    callback?.()
    return true
  }) as typeof process.stdout.write
}

/** Loaded into a spawned program by `node --require`: `new Date()` is noon on CHARTER_TEST_TODAY there. */
export const fixedClock = join(projectRoot, 'test/fixtures/fixed-clock.cjs')

/** `node` arguments and environment that run the installed program, with today fixed when `today` is given. */
export function binaryInvocation(args: string[], {today}: RunOptions = {}): {argv: string[]; env: Record<string, string>} {
  if (today === undefined) return {argv: [charterBin, ...args], env: {}}
  return {argv: ['--require', fixedClock, charterBin, ...args], env: {CHARTER_TEST_TODAY: today}}
}

/**
 * Runs the installed program, bin/charter.js, in `cwd`: for what only a real process shows (its
 * exit status, closed pipes, signals, the compiled parser).
 */
export function charterBinary(args: string[], cwd: string, env: Record<string, string> = {}, options: RunOptions = {}): Promise<Run> {
  const {argv, env: clock} = binaryInvocation(args, options)
  return new Promise((resolve) => {
    const child = spawn(process.execPath, argv, {cwd, env: {...process.env, NO_COLOR: '1', CHARTER_CACHE_DIR: cacheFor(cwd), ...clock, ...env}})
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
    child.stdin.end()
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
