// `npm run bench` (second part): `charter history` for every document at once, against the
// naive loop of one `git log --follow` per file, on a generated repository of 5,000 commits
// over 100 documents with merges and renames; then on the same history kept in handbook/ and
// moved into policies/ in one commit, as `charter import` does, which history follows back.
// Alternating runs, medians.
//   node bench/history.js [--runs 7] [--commits 5000]
import {spawnSync} from 'node:child_process'
import {mkdtempSync, readdirSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {parseArgs} from 'node:util'
import {buildHistoryRepository} from './history-repo.js'

const root = fileURLToPath(new URL('..', import.meta.url))
const {values} = parseArgs({options: {runs: {type: 'string', default: '7'}, commits: {type: 'string', default: '5000'}}})
const runs = Number(values.runs)
const commitCount = Number(values.commits)
const repository = mkdtempSync(join(tmpdir(), 'charter-bench-history-'))
const imported = mkdtempSync(join(tmpdir(), 'charter-bench-history-'))

const seconds = (work) => {
  const started = process.hrtime.bigint()
  work()
  return Number(process.hrtime.bigint() - started) / 1e9
}
const median = (numbers) => [...numbers].sort((a, b) => a - b)[Math.floor(numbers.length / 2)]

function charterHistory(cwd) {
  const result = spawnSync(process.execPath, [join(root, 'bin/charter.js'), 'history', '--format', 'json'], {cwd, maxBuffer: 1 << 30})
  if (result.status !== 0) throw new Error(`charter history failed: ${result.stderr}`)
}

function naiveLoop(cwd) {
  for (const name of readdirSync(join(cwd, 'policies'))) {
    const result = spawnSync('git', ['log', '--follow', '--format=%H%x1f%an%x1f%cI%x1f%s', '--', `policies/${name}`], {cwd, maxBuffer: 1 << 30})
    if (result.status !== 0) throw new Error(`git log --follow failed: ${result.stderr}`)
  }
}

/** Medians of alternating runs of charter history and the naive loop in `cwd`. */
function measure(cwd) {
  charterHistory(cwd)
  const charter = []
  const naive = []
  for (let run = 0; run < runs; run++) {
    if (run % 2) {
      naive.push(seconds(() => naiveLoop(cwd)))
      charter.push(seconds(() => charterHistory(cwd)))
    } else {
      charter.push(seconds(() => charterHistory(cwd)))
      naive.push(seconds(() => naiveLoop(cwd)))
    }
  }
  return {charter: median(charter), naive: median(naive)}
}

/** The history kept in handbook/, then moved into policies/ in one commit: what import leaves behind. */
function moveIntoPolicies(cwd) {
  const git = (args) => {
    const result = spawnSync('git', args, {cwd, encoding: 'utf8', env: {...process.env, GIT_AUTHOR_NAME: 'Importer', GIT_AUTHOR_EMAIL: 'importer@example.test', GIT_COMMITTER_NAME: 'Importer', GIT_COMMITTER_EMAIL: 'importer@example.test', GIT_AUTHOR_DATE: '2026-01-05T10:00:00Z', GIT_COMMITTER_DATE: '2026-01-05T10:00:00Z'}})
    if (result.status !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr}`)
  }
  git(['mv', 'handbook', 'policies'])
  git(['commit', '-q', '-m', 'Move the handbook into policies/'])
}

try {
  const {commits} = buildHistoryRepository(repository, {commits: commitCount})
  const plain = measure(repository)
  buildHistoryRepository(imported, {folder: 'handbook', commits: commitCount})
  moveIntoPolicies(imported)
  const moved = measure(imported)
  console.log(`\nHistory: ${commits} commits over 100 documents (merges and renames), ${runs} alternating runs, medians\n`)
  console.log('| what | wall time | ratio |')
  console.log('| --- | --- | --- |')
  console.log(`| charter history (every document, one git log pass) | ${plain.charter.toFixed(3)} s | ${(plain.charter / plain.naive).toFixed(2)}× |`)
  console.log(`| naive loop: git log --follow per file | ${plain.naive.toFixed(3)} s | 1.00× |`)
  console.log(`| the same history moved in from handbook/: charter history (renames followed back) | ${moved.charter.toFixed(3)} s | ${(moved.charter / moved.naive).toFixed(2)}× |`)
  console.log(`| the same history moved in from handbook/: naive loop | ${moved.naive.toFixed(3)} s | 1.00× |`)
} catch (error) {
  console.error(`bench: ${error.message}`)
  process.exitCode = 1
} finally {
  rmSync(repository, {recursive: true, force: true})
  rmSync(imported, {recursive: true, force: true})
}
