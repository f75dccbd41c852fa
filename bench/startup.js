// Start-up cost: `charter check` on the four-document starter set, started the shipped way
// (bin/charter.js, with the V8 code cache written at compile time) and by a plain `require` of
// lib/charter.cjs, plus `module.enableCompileCache()` on a Node that has it. Alternating runs,
// medians of wall and CPU time (GNU time), and each one's ratio to the shipped start.
//   node bench/startup.js [--runs 30]
import {spawnSync} from 'node:child_process'
import {cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import Module from 'node:module'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {parseArgs} from 'node:util'

const root = fileURLToPath(new URL('..', import.meta.url))
const {values} = parseArgs({options: {runs: {type: 'string', default: '30'}}})
const runs = Number(values.runs)
const gnuTime = '/usr/bin/time'
if (!existsSync(gnuTime)) {
  console.error('bench: needs GNU time for CPU time; install it with `apt-get install -y time`')
  process.exit(2)
}
const program = join(root, 'lib/charter.cjs')
if (!existsSync(`${program}.cache`)) {
  console.error('bench: charter is not compiled, or its code cache was not written; run `npm run compile` first')
  process.exit(2)
}

const dir = mkdtempSync(join(tmpdir(), 'charter-bench-startup-'))
const repository = join(dir, 'repository')
cpSync(join(root, 'bench/starter'), repository, {recursive: true})
const starter = (name, source) => {
  writeFileSync(join(dir, name), source)
  return join(dir, name)
}
const starts = {
  'bin/charter.js (code cache)': join(root, 'bin/charter.js'),
  'require, no cache': starter('plain.cjs', `require(${JSON.stringify(program)})\n`)
}
if (typeof Module.enableCompileCache === 'function') {
  const cache = join(dir, 'compile-cache')
  starts['module.enableCompileCache()'] = starter('compile-cache.cjs', `require('node:module').enableCompileCache(${JSON.stringify(cache)})\nrequire(${JSON.stringify(program)})\n`)
}

function measure(start) {
  const report = join(dir, '.time')
  const started = process.hrtime.bigint()
  const result = spawnSync(gnuTime, ['-f', '%U %S', '-o', report, process.execPath, start, 'check', '--today', '2026-12-01'], {cwd: repository, encoding: 'utf8'})
  const seconds = Number(process.hrtime.bigint() - started) / 1e9
  if (result.status !== 0) throw new Error(`${start} failed (exit ${result.status}):\n${result.stdout}${result.stderr}`)
  const [user, system] = readFileSync(report, 'utf8').trim().split('\n').at(-1).split(' ').map(Number)
  return {seconds, cpu: user + system}
}

const median = (numbers) => {
  const sorted = [...numbers].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

try {
  const names = Object.keys(starts)
  const samples = Object.fromEntries(names.map((name) => [name, []]))
  for (const name of names) measure(starts[name]) // warm the file cache, and write enableCompileCache's
  for (let run = 0; run < runs; run++) {
    // Rotate which start goes first, so none always runs on a warmer machine.
    for (const name of [...names.slice(run % names.length), ...names.slice(0, run % names.length)]) samples[name].push(measure(starts[name]))
  }
  const [shipped] = names
  const seconds = (name) => median(samples[name].map((sample) => sample.seconds))
  const cpu = (name) => median(samples[name].map((sample) => sample.cpu))
  console.log(`Node ${process.version}, ${runs} alternating runs of \`charter check\` on the starter set, medians; ratio = start / ${shipped}\n`)
  console.log('| start | wall time | CPU time | wall ratio | CPU ratio |')
  console.log('| --- | --- | --- | --- | --- |')
  for (const name of names) {
    console.log(`| ${name} | ${seconds(name).toFixed(3)} s | ${cpu(name).toFixed(3)} s | ${(seconds(name) / seconds(shipped)).toFixed(2)}× | ${(cpu(name) / cpu(shipped)).toFixed(2)}× |`)
  }
} catch (error) {
  console.error(`bench: ${error.message}`)
  process.exitCode = 1
} finally {
  rmSync(dir, {recursive: true, force: true})
}
