// `npm run bench` (second part): `charter history` for every document and `charter audit`,
// against one `git log --first-parent --name-status -M` pass over the same repository, on a
// generated repository (100 documents, merges and renames); then on the same history kept in
// handbook/ and moved into policies/ in one commit, as `charter import` does, which history
// follows back. Alternating runs, medians of wall time and of CPU time (user and system, git's
// included, from GNU time). `--before` runs a second charter too (a build of the code before a
// change), checks that it prints the same bytes, and gives the after/before ratios.
//   node bench/history.js [--runs 7] [--commits 5000] [--cache DIR] [--before path/to/bin/charter.js] [--no-moved]
import {spawnSync} from 'node:child_process'
import {existsSync, mkdirSync, mkdtempSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {parseArgs} from 'node:util'
import {buildHistoryRepository} from './history-repo.js'

const root = fileURLToPath(new URL('..', import.meta.url))
const {values} = parseArgs({
  options: {runs: {type: 'string', default: '7'}, commits: {type: 'string', default: '5000'}, cache: {type: 'string'}, before: {type: 'string'}, 'no-moved': {type: 'boolean', default: false}}
})
const runs = Number(values.runs)
const commitCount = Number(values.commits)
const time = '/usr/bin/time'
const charter = join(root, 'bin/charter.js')

const median = (numbers) => [...numbers].sort((a, b) => a - b)[Math.floor(numbers.length / 2)]

/** Wall and CPU seconds of one command, its output read and dropped; `ok` lists the exit statuses that count as success. */
function measureOnce(cwd, command, args, ok = [0]) {
  const started = process.hrtime.bigint()
  const result = spawnSync(time, ['-f', '\n%U %S', command, ...args], {cwd, maxBuffer: 1 << 30})
  const wall = Number(process.hrtime.bigint() - started) / 1e9
  if (result.error) throw new Error(`${time} could not run (${result.error.message}); install GNU time`)
  if (!ok.includes(result.status)) throw new Error(`${command} ${args.join(' ')} failed (${result.status}): ${result.stderr.toString('utf8').slice(0, 400)}`)
  const [user, system] = result.stderr.toString('utf8').trim().split('\n').pop().split(' ').map(Number)
  return {wall, cpu: user + system, stdout: result.stdout}
}

const commands = (program) => ({
  history: [process.execPath, [program, 'history', '--format', 'json']],
  // The bench's history has no approvals: every change is overdue, so the audit exits 1.
  audit: [process.execPath, [program, 'audit', '--today', '2026-06-01', '--format', 'json'], [0, 1]]
})

/** Every command once per run, the order turned each run so none always goes first; medians. */
function measure(cwd) {
  const lineup = [['git log', 'git', ['log', '--first-parent', '--name-status', '-M']]]
  for (const [name, [command, args, ok]] of Object.entries(commands(charter))) lineup.push([`charter ${name}`, command, args, ok])
  if (values.before) for (const [name, [command, args, ok]] of Object.entries(commands(values.before))) lineup.push([`before: charter ${name}`, command, args, ok])
  // The same bytes from the code before, and a warm-up of every command.
  const outputs = new Map(lineup.map(([name, command, args, ok]) => [name, measureOnce(cwd, command, args, ok).stdout]))
  if (values.before) for (const name of Object.keys(commands(charter))) if (!outputs.get(`charter ${name}`).equals(outputs.get(`before: charter ${name}`))) throw new Error(`charter ${name} prints other bytes than before`)
  const samples = new Map(lineup.map(([name]) => [name, {wall: [], cpu: []}]))
  for (let run = 0; run < runs; run++) {
    const turn = run % lineup.length
    for (const [name, command, args, ok] of [...lineup.slice(turn), ...lineup.slice(0, turn)]) {
      const {wall, cpu} = measureOnce(cwd, command, args, ok)
      samples.get(name).wall.push(wall)
      samples.get(name).cpu.push(cpu)
    }
  }
  return new Map([...samples].map(([name, {wall, cpu}]) => [name, {wall: median(wall), cpu: median(cpu)}]))
}

function table(title, results) {
  const peer = results.get('git log')
  console.log(`\n${title}\n`)
  console.log('| what | wall time | CPU time | wall ratio to git log | CPU ratio to git log |')
  console.log('| --- | --- | --- | --- | --- |')
  for (const [name, {wall, cpu}] of results) console.log(`| ${name} | ${wall.toFixed(3)} s | ${cpu.toFixed(3)} s | ${(wall / peer.wall).toFixed(2)}× | ${(cpu / peer.cpu).toFixed(2)}× |`)
  if (values.before) {
    for (const name of Object.keys(commands(charter))) {
      const after = results.get(`charter ${name}`)
      const before = results.get(`before: charter ${name}`)
      console.log(`\ncharter ${name} against before: wall ${(after.wall / before.wall).toFixed(2)}×, CPU ${(after.cpu / before.cpu).toFixed(2)}× (same bytes)`)
    }
  }
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

/** A generated repository: kept in `--cache` between runs (50,000 commits take over a minute to make), else in a temporary folder. */
function repository(name, build) {
  if (values.cache) {
    const folder = join(values.cache, `${name}-${commitCount}`)
    if (!existsSync(join(folder, '.git'))) {
      mkdirSync(values.cache, {recursive: true})
      build(folder)
    }
    return {folder, release: () => {}}
  }
  const folder = mkdtempSync(join(tmpdir(), 'charter-bench-history-'))
  build(folder)
  return {folder, release: () => rmSync(folder, {recursive: true, force: true})}
}

const made = []
try {
  const plain = repository('history', (folder) => buildHistoryRepository(folder, {commits: commitCount}))
  made.push(plain)
  table(`History: ${commitCount} commits over 100 documents (merges and renames), ${runs} alternating runs, medians`, measure(plain.folder))
  if (!values['no-moved']) {
    const moved = repository('moved', (folder) => {
      buildHistoryRepository(folder, {folder: 'handbook', commits: commitCount})
      moveIntoPolicies(folder)
    })
    made.push(moved)
    table('The same history moved in from handbook/ in one commit (renames followed back)', measure(moved.folder))
  }
} catch (error) {
  console.error(`bench: ${error.message}`)
  process.exitCode = 1
} finally {
  for (const {release} of made) release()
}
