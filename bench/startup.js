// Start-up cost, in two alternating loops with medians of wall and CPU time (GNU time):
// 1. `charter check` on the starter set, started the shipped way (bin/charter.js, with the V8 code
//    cache written at compile time) and by a plain `require` of lib/check.cjs, plus
//    `module.enableCompileCache()` on a Node that has it; each one's ratio to the shipped start.
// 2. Against `node -e 0`: `charter check` on a one-document repository (with the check cache as
//    a second run finds it, and with --no-cache) and `charter --help`; then `charter check` run
//    the documented way (bin/ on PATH, so `charter` is the bin/charter shim) against the program
//    itself (`node bin/charter.js`) and against `npx charter`. `--against <checkout>` adds another
//    checkout's `node bin/charter.js` rows (say, a worktree of an earlier commit after `npm ci`).
//   node bench/startup.js [--runs 30] [--against <checkout>] [--only 1|2]
import {spawnSync} from 'node:child_process'
import {cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import Module from 'node:module'
import {tmpdir} from 'node:os'
import {delimiter, dirname, join, resolve} from 'node:path'
import {fileURLToPath} from 'node:url'
import {parseArgs} from 'node:util'

const root = fileURLToPath(new URL('..', import.meta.url))
const {values} = parseArgs({options: {runs: {type: 'string', default: '30'}, against: {type: 'string'}, only: {type: 'string'}}})
const runs = Number(values.runs)
const gnuTime = '/usr/bin/time'
if (!existsSync(gnuTime)) {
  console.error('bench: needs GNU time for CPU time; install it with `apt-get install -y time`')
  process.exit(2)
}
const program = join(root, 'lib/check.cjs')
if (!existsSync(`${program}.cache`)) {
  console.error('bench: charter is not compiled, or its code cache was not written; run `npm run compile` first')
  process.exit(2)
}
const against = values.against && resolve(values.against)
if (against && !existsSync(join(against, 'lib/charter.cjs'))) {
  console.error(`bench: ${values.against} holds no compiled charter; run \`npm ci\` there first`)
  process.exit(2)
}

const dir = mkdtempSync(join(tmpdir(), 'charter-bench-startup-'))
// The check cache in the bench's own folder, never the user's; one for each checkout, whose
// programs would otherwise replace each other's entries at every run.
const env = {...process.env}
const starter = join(dir, 'starter')
cpSync(join(root, 'bench/starter'), starter, {recursive: true})
// One document: the starter set's access-control policy, without its links to the other three.
const single = join(dir, 'single')
mkdirSync(join(single, 'policies'), {recursive: true})
cpSync(join(root, 'bench/starter/charter.config.yaml'), join(single, 'charter.config.yaml'))
const policy = readFileSync(join(root, 'bench/starter/policies/access-control.md'), 'utf8')
writeFileSync(join(single, 'policies/access-control.md'), policy.replace(/^related:.*\n/m, '').replace(/\[([^\]]*)\]\([a-z-]+\.md[^)]*\)/g, '$1'))
const starterFile = (name, source) => {
  writeFileSync(join(dir, name), source)
  return join(dir, name)
}
const node = process.execPath
const pathWithBin = `${join(root, 'bin')}${delimiter}${dirname(node)}${delimiter}${process.env.PATH}`

/** One run's wall and CPU seconds; `command` is [program, ...arguments], found on `path`. */
function measure([file, ...args], {cwd, path = process.env.PATH, cache = 'cache'}) {
  const report = join(dir, '.time')
  const started = process.hrtime.bigint()
  const result = spawnSync(gnuTime, ['-f', '%U %S', '-o', report, file, ...args], {cwd, env: {...env, PATH: path, CHARTER_CACHE_DIR: join(dir, cache)}, encoding: 'utf8'})
  const seconds = Number(process.hrtime.bigint() - started) / 1e9
  if (result.status !== 0) throw new Error(`${[file, ...args].join(' ')} failed (exit ${result.status}):\n${result.stdout}${result.stderr}`)
  const [user, system] = readFileSync(report, 'utf8').trim().split('\n').at(-1).split(' ').map(Number)
  return {seconds, cpu: user + system}
}

const median = (numbers) => {
  const sorted = [...numbers].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

/** Runs each start `runs` times, rotating which goes first so none always runs on a warmer machine; prints the medians and each one's ratios to `base`. */
function compare(title, starts, ratios) {
  const names = Object.keys(starts)
  const samples = Object.fromEntries(names.map((name) => [name, []]))
  for (const name of names) measure(starts[name].command, starts[name]) // warm the file cache, the check cache and enableCompileCache's
  for (let run = 0; run < runs; run++) {
    for (const name of [...names.slice(run % names.length), ...names.slice(0, run % names.length)]) samples[name].push(measure(starts[name].command, starts[name]))
  }
  const seconds = (name) => median(samples[name].map((sample) => sample.seconds))
  const cpu = (name) => median(samples[name].map((sample) => sample.cpu))
  console.log(`${title}\n`)
  console.log(`| start | wall time | CPU time | ${ratios.map((base) => `ratio to ${base} (wall, CPU)`).join(' | ')} |`)
  console.log(`| --- | --- | --- | ${ratios.map(() => '---').join(' | ')} |`)
  for (const name of names) {
    const cells = ratios.map((base) => `${(seconds(name) / seconds(base)).toFixed(2)}×, ${(cpu(name) / cpu(base)).toFixed(2)}×`)
    console.log(`| ${name} | ${seconds(name).toFixed(3)} s | ${cpu(name).toFixed(3)} s | ${cells.join(' | ')} |`)
  }
  console.log('')
}

try {
  const today = ['--today', '2026-12-01']
  if (values.only !== '2') {
    const starts = {
      'bin/charter.js (code cache)': {command: [node, join(root, 'bin/charter.js'), 'check', ...today], cwd: starter},
      'require, no cache': {command: [node, starterFile('plain.cjs', `require(${JSON.stringify(program)})\n`), 'check', ...today], cwd: starter}
    }
    if (typeof Module.enableCompileCache === 'function') {
      const cache = join(dir, 'compile-cache')
      const script = starterFile('compile-cache.cjs', `require('node:module').enableCompileCache(${JSON.stringify(cache)})\nrequire(${JSON.stringify(program)})\n`)
      starts['module.enableCompileCache()'] = {command: [node, script, 'check', ...today], cwd: starter}
    }
    compare(`Node ${process.version}, ${runs} alternating runs of \`charter check\` on the starter set, medians`, starts, ['bin/charter.js (code cache)'])
  }
  if (values.only !== '1') {
    const shipped = join(root, 'bin/charter.js')
    const starts = {
      'node -e 0': {command: [node, '-e', '0'], cwd: single},
      'check, one document': {command: [node, shipped, 'check', ...today], cwd: single},
      'check --no-cache, one document': {command: [node, shipped, 'check', '--no-cache', ...today], cwd: single},
      '--help': {command: [node, shipped, '--help'], cwd: single},
      ...(against
        ? {
            'before: check, one document': {command: [node, join(against, 'bin/charter.js'), 'check', ...today], cwd: single, cache: 'cache-before'},
            'before: check --no-cache, one document': {command: [node, join(against, 'bin/charter.js'), 'check', '--no-cache', ...today], cwd: single, cache: 'cache-before'},
            'before: --help': {command: [node, join(against, 'bin/charter.js'), '--help'], cwd: single, cache: 'cache-before'}
          }
        : {})
    }
    compare(`Node ${process.version}, ${runs} alternating runs against \`node -e 0\` in a one-document repository, medians`, starts, ['node -e 0'])
    // The documented way, in a clone of the repository (a fork is one): bin/ on PATH, then `charter`.
    const clone = {cwd: root, path: pathWithBin}
    const documented = {
      'node bin/charter.js check': {command: [node, 'bin/charter.js', 'check', ...today], ...clone},
      'charter check (bin/ on PATH)': {command: ['charter', 'check', ...today], ...clone},
      'npx charter check': {command: ['npx', 'charter', 'check', ...today], ...clone}
    }
    compare(`Node ${process.version}, ${runs} alternating runs of \`charter check\` on this repository's policies, medians`, documented, ['node bin/charter.js check'])
  }
} catch (error) {
  console.error(`bench: ${error.message}`)
  process.exitCode = 1
} finally {
  rmSync(dir, {recursive: true, force: true})
}
