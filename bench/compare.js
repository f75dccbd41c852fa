// Before and after: the check, history and build benchmarks run with this checkout's charter and
// with another checkout's (say, a worktree of an earlier commit, after `npm ci` there), side by
// side on the same inputs, alternating which goes first. Medians of wall time and of CPU time
// (user + system, from GNU time), and the ratio this/other: CPU time holds up better than wall
// time on a shared machine.
//   node bench/compare.js --against <other checkout> [--runs 9]
import {spawnSync} from 'node:child_process'
import {cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join, resolve} from 'node:path'
import {fileURLToPath} from 'node:url'
import {parseArgs} from 'node:util'
import {writeCorpus} from './corpus.js'
import {buildHistoryRepository} from './history-repo.js'

const root = fileURLToPath(new URL('..', import.meta.url))
const {values} = parseArgs({options: {against: {type: 'string'}, runs: {type: 'string', default: '9'}}})
const gnuTime = '/usr/bin/time'
if (!values.against || !existsSync(join(resolve(values.against), 'lib/charter.cjs'))) {
  console.error('bench: --against <checkout> must name another checkout of charter with `npm ci` run in it')
  process.exit(2)
}
if (!existsSync(gnuTime)) {
  console.error('bench: needs GNU time for CPU time; install it with `apt-get install -y time`')
  process.exit(2)
}
const runs = Number(values.runs)
const programs = {this: join(root, 'bin/charter.js'), other: join(resolve(values.against), 'bin/charter.js')}

const made = []
function folder(name, fill) {
  const dir = mkdtempSync(join(tmpdir(), `charter-compare-${name}-`))
  made.push(dir)
  fill(dir)
  return dir
}

function committed(dir) {
  writeFileSync(join(dir, '.gitignore'), 'dist/\n')
  const env = {...process.env, GIT_AUTHOR_NAME: 'Bench', GIT_AUTHOR_EMAIL: 'bench@example.test', GIT_COMMITTER_NAME: 'Bench', GIT_COMMITTER_EMAIL: 'bench@example.test', GIT_AUTHOR_DATE: '2026-11-20T12:00:00Z', GIT_COMMITTER_DATE: '2026-11-20T12:00:00Z'}
  for (const args of [['init', '-q', '-b', 'main'], ['add', '-A'], ['commit', '-q', '-m', 'Bench corpus']]) spawnSync('git', args, {cwd: dir, env})
}

const seed = folder('seed', (dir) => {
  for (const path of ['policies', 'templates', 'charter.config.yaml']) cpSync(join(root, path), join(dir, path), {recursive: true})
  committed(dir)
})
const generated = folder('generated', (dir) => {
  cpSync(join(root, 'charter.config.yaml'), join(dir, 'charter.config.yaml'))
  writeCorpus(dir, 1000)
})
const hundred = folder('hundred', (dir) => {
  cpSync(join(root, 'charter.config.yaml'), join(dir, 'charter.config.yaml'))
  writeCorpus(dir, 100)
  committed(dir)
})
const history = folder('history', (dir) => buildHistoryRepository(dir))

const cases = [
  {name: 'check, seed library (19 documents)', cwd: seed, args: ['check', '--today', '2026-12-01']},
  {name: 'check, 1,000 generated documents', cwd: generated, args: ['check', '--today', '2026-12-01']},
  {name: 'history, 5,000 commits', cwd: history, args: ['history', '--format', 'json']},
  {name: 'build, seed library with PDFs', cwd: seed, args: ['build', '--audience', 'internal']},
  {name: 'build, 100 documents, HTML only', cwd: hundred, args: ['build', '--audience', 'internal', '--no-pdf']}
]

function measure(program, {cwd, args}) {
  const report = join(cwd, '.time')
  const started = process.hrtime.bigint()
  const result = spawnSync(gnuTime, ['-f', '%U %S', '-o', report, process.execPath, program, ...args], {cwd, encoding: 'utf8', maxBuffer: 1 << 30})
  const wall = Number(process.hrtime.bigint() - started) / 1e9
  if (result.status !== 0) throw new Error(`${program} ${args.join(' ')} failed in ${cwd} (exit ${result.status}):\n${result.stderr}`)
  const [user, system] = readFileSync(report, 'utf8').trim().split('\n').pop().split(' ').map(Number)
  return {wall, cpu: user + system}
}

const median = (numbers) => [...numbers].sort((a, b) => a - b)[Math.floor(numbers.length / 2)]

try {
  console.log(`\nThis checkout against ${values.against}, ${runs} alternating runs each, medians (Node ${process.version})\n`)
  console.log('| benchmark | wall: this | wall: other | wall ratio | CPU: this | CPU: other | CPU ratio |')
  console.log('| --- | --- | --- | --- | --- | --- | --- |')
  for (const test of cases) {
    const times = {this: [], other: []}
    for (const name of ['this', 'other']) measure(programs[name], test)
    for (let run = 0; run < runs; run++) {
      for (const name of run % 2 ? ['other', 'this'] : ['this', 'other']) times[name].push(measure(programs[name], test))
    }
    const wall = (name) => median(times[name].map((time) => time.wall))
    const cpu = (name) => median(times[name].map((time) => time.cpu))
    console.log(`| ${test.name} | ${wall('this').toFixed(3)} s | ${wall('other').toFixed(3)} s | ${(wall('this') / wall('other')).toFixed(2)}× | ${cpu('this').toFixed(2)} s | ${cpu('other').toFixed(2)} s | ${(cpu('this') / cpu('other')).toFixed(2)}× |`)
  }
} catch (error) {
  console.error(`bench: ${error.message}`)
  process.exitCode = 1
} finally {
  for (const dir of made) rmSync(dir, {recursive: true, force: true})
}
