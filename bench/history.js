// `npm run bench` (second part): `charter history` for every document at once, against the
// naive loop of one `git log --follow` per file, on a generated repository of 5,000 commits
// over 100 documents with merges and renames. Alternating runs, medians.
//   node bench/history.js [--runs 7]
import {spawnSync} from 'node:child_process'
import {mkdtempSync, readdirSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {parseArgs} from 'node:util'
import {buildHistoryRepository} from './history-repo.js'

const root = fileURLToPath(new URL('..', import.meta.url))
const {values} = parseArgs({options: {runs: {type: 'string', default: '7'}}})
const runs = Number(values.runs)
const repository = mkdtempSync(join(tmpdir(), 'charter-bench-history-'))

const seconds = (work) => {
  const started = process.hrtime.bigint()
  work()
  return Number(process.hrtime.bigint() - started) / 1e9
}
const median = (numbers) => [...numbers].sort((a, b) => a - b)[Math.floor(numbers.length / 2)]

function charterHistory() {
  const result = spawnSync(process.execPath, [join(root, 'bin/charter.js'), 'history', '--format', 'json'], {cwd: repository, maxBuffer: 1 << 30})
  if (result.status !== 0) throw new Error(`charter history failed: ${result.stderr}`)
}

function naiveLoop() {
  for (const name of readdirSync(join(repository, 'policies'))) {
    const result = spawnSync('git', ['log', '--follow', '--format=%H%x1f%an%x1f%cI%x1f%s', '--', `policies/${name}`], {cwd: repository, maxBuffer: 1 << 30})
    if (result.status !== 0) throw new Error(`git log --follow failed: ${result.stderr}`)
  }
}

try {
  const {commits} = buildHistoryRepository(repository)
  charterHistory()
  const charter = []
  const naive = []
  for (let run = 0; run < runs; run++) {
    if (run % 2) {
      naive.push(seconds(naiveLoop))
      charter.push(seconds(charterHistory))
    } else {
      charter.push(seconds(charterHistory))
      naive.push(seconds(naiveLoop))
    }
  }
  console.log(`\nHistory: ${commits} commits over 100 documents (merges and renames), ${runs} alternating runs, medians\n`)
  console.log('| what | wall time | ratio |')
  console.log('| --- | --- | --- |')
  console.log(`| charter history (every document, one git log pass) | ${median(charter).toFixed(3)} s | ${(median(charter) / median(naive)).toFixed(2)}× |`)
  console.log(`| naive loop: git log --follow per file | ${median(naive).toFixed(3)} s | 1.00× |`)
} catch (error) {
  console.error(`bench: ${error.message}`)
  process.exitCode = 1
} finally {
  rmSync(repository, {recursive: true, force: true})
}
