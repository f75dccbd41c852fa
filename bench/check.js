// `npm run bench`: charter check side by side with markdownlint-cli2 on the same files,
// alternating runs, medians of wall time and peak memory (GNU time), and the ratio. Then the
// re-check: a check after editing one document, using the cache, against a cold check.
//   node bench/check.js [--runs 7] [--documents 1000] [--only generated]
// `--only generated` compares on the generated corpus alone, without the re-check: the large
// corpora's runs.
import {spawnSync} from 'node:child_process'
import {appendFileSync, cpSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {parseArgs} from 'node:util'
import {writeCorpus} from './corpus.js'

const root = fileURLToPath(new URL('..', import.meta.url))
const {values} = parseArgs({options: {runs: {type: 'string', default: '7'}, documents: {type: 'string', default: '1000'}, only: {type: 'string'}}})
if (values.only !== undefined && values.only !== 'generated') {
  console.error(`bench: unexpected --only ${values.only}, expected \`--only generated\` or no --only`)
  process.exit(2)
}
const generatedOnly = values.only === 'generated'
const runs = Number(values.runs)
const documents = Number(values.documents)
const gnuTime = '/usr/bin/time'
if (!existsSync(gnuTime)) {
  console.error('bench: needs GNU time for peak memory; install it with `apt-get install -y time`')
  process.exit(2)
}
if (!existsSync(join(root, 'lib/charter.cjs'))) {
  console.error('bench: charter is not compiled; run `npm ci` first')
  process.exit(2)
}

// Prose keeps one paragraph per line, so markdownlint's line-length rule is off; all else is default.
const markdownlintConfig = JSON.stringify({config: {MD013: false}})

function prepare(name, fill) {
  const dir = mkdtempSync(join(tmpdir(), `charter-bench-${name}-`))
  fill(dir)
  writeFileSync(join(dir, '.markdownlint-cli2.jsonc'), markdownlintConfig)
  return dir
}

// Charter's cache in a folder of the bench's own, never the user's; the comparison with
// markdownlint-cli2 (which caches nothing) is of cold checks.
const cacheDir = mkdtempSync(join(tmpdir(), 'charter-bench-cache-'))
process.env.CHARTER_CACHE_DIR = cacheDir
const check = [join(root, 'bin/charter.js'), 'check', '--today', '2026-12-01']
const tools = {
  'charter check': ['node', [...check, '--no-cache']],
  'charter check, cached': ['node', check],
  'markdownlint-cli2': ['node', [join(root, 'node_modules/markdownlint-cli2/markdownlint-cli2-bin.mjs'), 'policies/**/*.md']]
}

function measure(tool, cwd) {
  const [command, args] = tools[tool]
  const report = join(cwd, '.time')
  const started = process.hrtime.bigint()
  const result = spawnSync(gnuTime, ['-f', '%M %U %S', '-o', report, command, ...args], {cwd, encoding: 'utf8'})
  const seconds = Number(process.hrtime.bigint() - started) / 1e9
  if (result.status !== 0) {
    throw new Error(`${tool} failed in ${cwd} (exit ${result.status}):\n${result.stdout}${result.stderr}`)
  }
  // Peak memory, then user and system CPU seconds: CPU time holds up better than wall time on a busy machine.
  const [kilobytes, user, system] = spawnSync('tail', ['-n', '1', report], {encoding: 'utf8'}).stdout.trim().split(' ').map(Number)
  return {seconds, megabytes: kilobytes / 1024, cpu: user + system}
}

const median = (numbers) => {
  const sorted = [...numbers].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

function compare(label, dir) {
  const samples = {'charter check': [], 'markdownlint-cli2': []}
  measure('charter check', dir) // warm the file cache for both
  for (let run = 0; run < runs; run++) {
    // Alternate which tool goes first, so neither always runs on a warmer machine.
    const order = run % 2 ? ['markdownlint-cli2', 'charter check'] : ['charter check', 'markdownlint-cli2']
    for (const tool of order) samples[tool].push(measure(tool, dir))
  }
  const charter = samples['charter check']
  const markdownlint = samples['markdownlint-cli2']
  const charterSeconds = median(charter.map((sample) => sample.seconds))
  const markdownlintSeconds = median(markdownlint.map((sample) => sample.seconds))
  const charterCpu = median(charter.map((sample) => sample.cpu))
  const markdownlintCpu = median(markdownlint.map((sample) => sample.cpu))
  return [
    `| ${label} | charter check | ${charterSeconds.toFixed(3)} s | ${charterCpu.toFixed(2)} s | ${median(charter.map((sample) => sample.megabytes)).toFixed(0)} MB | ${(charterSeconds / markdownlintSeconds).toFixed(2)}× | ${(charterCpu / markdownlintCpu).toFixed(2)}× |`,
    `| ${label} | markdownlint-cli2 | ${markdownlintSeconds.toFixed(3)} s | ${markdownlintCpu.toFixed(2)} s | ${median(markdownlint.map((sample) => sample.megabytes)).toFixed(0)} MB | 1.00× | 1.00× |`
  ]
}

// The starter set: the four documents Charter first shipped, kept in bench/starter/ so the
// figure stays comparable as the seed library grows.
const starter = generatedOnly ? undefined : prepare('starter', (dir) => cpSync(join(root, 'bench/starter'), dir, {recursive: true}))
const library = generatedOnly ? undefined : prepare('library', (dir) => {
  cpSync(join(root, 'policies'), join(dir, 'policies'), {recursive: true})
  cpSync(join(root, 'charter.config.yaml'), join(dir, 'charter.config.yaml'))
})
const generated = prepare('generated', (dir) => writeCorpus(dir, documents))
/**
 * A check after editing one document, with the cache of the check before, against a cold check
 * (--no-cache) of the same files: alternating, each cached run preceded by a new edit.
 */
function recheck(label, dir) {
  const samples = {cold: [], cached: []}
  const edited = join(dir, 'policies', readdirSync(join(dir, 'policies')).sort()[0])
  measure('charter check, cached', dir) // fill the cache
  for (let run = 0; run < runs; run++) {
    const order = run % 2 ? ['cached', 'cold'] : ['cold', 'cached']
    for (const kind of order) {
      if (kind === 'cached') appendFileSync(edited, `\nAn edit, number ${run}.\n`)
      samples[kind].push(measure(kind === 'cached' ? 'charter check, cached' : 'charter check', dir))
    }
  }
  const wall = (list) => median(list.map((sample) => sample.seconds))
  const cpu = (list) => median(list.map((sample) => sample.cpu))
  return [
    `| ${label} | cold (--no-cache) | ${wall(samples.cold).toFixed(3)} s | ${cpu(samples.cold).toFixed(2)} s | ${median(samples.cold.map((sample) => sample.megabytes)).toFixed(0)} MB | 1.00× | 1.00× |`,
    `| ${label} | one document edited, cached | ${wall(samples.cached).toFixed(3)} s | ${cpu(samples.cached).toFixed(2)} s | ${median(samples.cached.map((sample) => sample.megabytes)).toFixed(0)} MB | ${(wall(samples.cached) / wall(samples.cold)).toFixed(2)}× | ${(cpu(samples.cached) / cpu(samples.cold)).toFixed(2)}× |`
  ]
}

try {
  const rows = [
    ...(starter ? compare('starter set (4 documents)', starter) : []),
    ...(library ? compare('seed library (19 documents)', library) : []),
    ...compare(`generated (${documents} documents, ~4 KB)`, generated)
  ]
  console.log(`Node ${process.version}, ${runs} alternating runs per tool, medians; ratio = charter / markdownlint-cli2\n`)
  console.log('| corpus | tool | wall time | CPU time | peak memory | wall ratio | CPU ratio |')
  console.log('| --- | --- | --- | --- | --- | --- | --- |')
  console.log(rows.join('\n'))
  if (!generatedOnly) {
    console.log(`\nRe-check after editing one document: ${runs} alternating runs each, medians; ratio = cached / cold\n`)
    console.log('| corpus | run | wall time | CPU time | peak memory | wall ratio | CPU ratio |')
    console.log('| --- | --- | --- | --- | --- | --- | --- |')
    console.log(recheck(`generated (${documents} documents, ~4 KB)`, generated).join('\n'))
  }
} catch (error) {
  console.error(`bench: ${error.message}`)
  process.exitCode = 1
} finally {
  for (const dir of [starter, library, generated, cacheDir]) if (dir) rmSync(dir, {recursive: true, force: true})
}
