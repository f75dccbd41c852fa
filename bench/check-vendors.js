// Issue 15's target: `charter check` on the seed library's documents plus a register of generated
// vendors costs no more than 1.3× the documents alone. Alternating runs, medians of wall and CPU
// time (GNU time), cold (--no-cache) and with the check cache as a second run finds it. The
// register comes twice: as kept (a few reviews and findings falling due: warnings, whose report
// costs a check something of its own) and with nothing to report.
//   node bench/check-vendors.js [--runs 11] [--vendors 200]
import {cpSync, mkdtempSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {parseArgs} from 'node:util'
import {median, requireTimingTools, timedRun} from './timing.js'
import {writeVendors} from './vendor-register.js'

const root = fileURLToPath(new URL('..', import.meta.url))
const {values} = parseArgs({options: {runs: {type: 'string', default: '11'}, vendors: {type: 'string', default: '200'}}})
const runs = Number(values.runs)
const vendorCount = Number(values.vendors)
requireTimingTools(root)

const dir = mkdtempSync(join(tmpdir(), 'charter-bench-vendors-'))
// The check cache in the bench's own folder, never the user's.
const env = {...process.env, CHARTER_CACHE_DIR: join(dir, 'cache')}
/** The seed library's documents and config, without the seed vendors: the documents alone. */
function library(name) {
  const repository = join(dir, name)
  cpSync(join(root, 'policies'), join(repository, 'policies'), {recursive: true})
  cpSync(join(root, 'charter.config.yaml'), join(repository, 'charter.config.yaml'))
  return repository
}
const repositories = {
  '19 documents': library('documents'),
  [`19 documents + ${vendorCount} vendors`]: library('documents-and-vendors'),
  [`19 documents + ${vendorCount} vendors, no finding`]: library('documents-and-clean-vendors')
}
const names = Object.keys(repositories)
writeVendors(repositories[names[1]], vendorCount)
writeVendors(repositories[names[2]], vendorCount, '2026-12-01', {warnings: false})

const check = [process.execPath, join(root, 'bin/charter.js'), 'check', '--today', '2026-12-01']

/** One run's wall and CPU seconds and its output's last line (the summary). */
function measure(cwd, cached) {
  const run = timedRun([...check, ...(cached ? [] : ['--no-cache'])], {cwd, env, report: join(dir, '.time')})
  return {seconds: run.seconds, cpu: run.cpu, summary: run.stdout.trim().split('\n').at(-1)}
}

/** The repositories checked in turn, rotating which goes first; rows of medians and ratios to the documents alone. */
function compare(label, cached) {
  const samples = Object.fromEntries(names.map((name) => [name, []]))
  // Warms the file cache, and for `cached` fills the check cache each cached run then finds.
  const summaries = Object.fromEntries(names.map((name) => [name, measure(repositories[name], cached).summary]))
  for (let run = 0; run < runs; run++) {
    for (const name of [...names.slice(run % names.length), ...names.slice(0, run % names.length)]) samples[name].push(measure(repositories[name], cached))
  }
  const wall = (name) => median(samples[name].map((sample) => sample.seconds))
  const cpu = (name) => median(samples[name].map((sample) => sample.cpu))
  return names.map((name) => `| ${label} | ${name} | ${wall(name).toFixed(3)} s | ${cpu(name).toFixed(3)} s | ${(wall(name) / wall(names[0])).toFixed(2)}× | ${(cpu(name) / cpu(names[0])).toFixed(2)}× | ${summaries[name]} |`)
}

try {
  const rows = [...compare('cold (--no-cache)', false), ...compare('cache warm (second run)', true)]
  console.log(`Node ${process.version}, ${runs} rotating runs of \`charter check\` each, medians; ratio = with vendors / documents alone (target: 1.3×)\n`)
  console.log('| check | repository | wall time | CPU time | wall ratio | CPU ratio | summary line |')
  console.log('| --- | --- | --- | --- | --- | --- | --- |')
  console.log(rows.join('\n'))
} catch (error) {
  console.error(`bench: ${error.message}`)
  process.exitCode = 1
} finally {
  rmSync(dir, {recursive: true, force: true})
}
