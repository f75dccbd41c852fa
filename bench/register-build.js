// `node bench/register-build.js [--runs 3]`: what the vendor register costs the internal build.
// The Example Corp set (19 documents, templates, config) built for the internal audience three
// ways, in alternation: without a vendors/ folder (the build as before the register, the peer),
// with the 13 seed vendors, and with 200 vendors (the seed's, copied under new ids). Medians of
// wall time, CPU (user + sys) and peak memory, from GNU time; the ratios are to the peer's.
import {spawnSync} from 'node:child_process'
import {cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {parseArgs} from 'node:util'

const root = fileURLToPath(new URL('..', import.meta.url))
const {values} = parseArgs({options: {runs: {type: 'string', default: '3'}}})
const runs = Number(values.runs)

/** A committed repository with the Example Corp set and `vendors` vendor files (0: no vendors folder). */
function repository(vendors) {
  const dir = mkdtempSync(join(tmpdir(), 'charter-bench-register-'))
  for (const path of ['policies', 'templates', 'charter.config.yaml']) cpSync(join(root, path), join(dir, path), {recursive: true})
  if (vendors > 0) {
    mkdirSync(join(dir, 'vendors'))
    const seed = readdirSync(join(root, 'vendors')).sort()
    for (let index = 0; index < vendors; index++) {
      const file = seed[index % seed.length]
      const id = file.slice(0, -'.yaml'.length)
      const copy = index < seed.length ? id : `${id}-${index}`
      writeFileSync(join(dir, 'vendors', `${copy}.yaml`), readFileSync(join(root, 'vendors', file), 'utf8').replace(`id: ${id}\n`, `id: ${copy}\n`))
    }
  }
  writeFileSync(join(dir, '.gitignore'), 'dist/\n')
  const env = {...process.env, GIT_AUTHOR_NAME: 'Bench', GIT_AUTHOR_EMAIL: 'bench@example.test', GIT_COMMITTER_NAME: 'Bench', GIT_COMMITTER_EMAIL: 'bench@example.test', GIT_AUTHOR_DATE: '2026-11-20T12:00:00Z', GIT_COMMITTER_DATE: '2026-11-20T12:00:00Z'}
  for (const args of [['init', '-q', '-b', 'main'], ['add', '-A'], ['commit', '-q', '-m', 'Bench corpus']]) spawnSync('git', args, {cwd: dir, env})
  return dir
}

function measure(dir) {
  const report = join(dir, '.time')
  // --allow-errors: a copied vendor's dates are the seed's, judged on the bench's commit date.
  const result = spawnSync('/usr/bin/time', ['-f', '%e %U %S %M', '-o', report, process.execPath, join(root, 'bin/charter.js'), 'build', '--audience', 'internal', '--allow-errors'], {cwd: dir, encoding: 'utf8'})
  if (result.status !== 0) throw new Error(`charter build failed: ${result.stderr}`)
  const [wall, user, sys, kilobytes] = readFileSync(report, 'utf8').trim().split('\n').pop().split(' ').map(Number)
  const pages = Number(/PDF [\d.]+ s for (\d+) pages/.exec(result.stdout)?.[1])
  return {wall, cpu: user + sys, megabytes: kilobytes / 1024, pages}
}

const median = (list) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)]
const variants = [
  {name: 'no register (peer)', dir: repository(0)},
  {name: '13 seed vendors', dir: repository(13)},
  {name: '200 vendors', dir: repository(200)}
]
const results = new Map(variants.map((variant) => [variant.name, []]))
for (let run = 0; run < runs; run++) for (const variant of variants) results.get(variant.name).push(measure(variant.dir))
const peer = results.get(variants[0].name)
console.log('| internal build, Example Corp set | wall | CPU (user + sys) | peak memory | PDF pages | CPU ratio to no register |')
console.log('| --- | --- | --- | --- | --- | --- |')
for (const {name} of variants) {
  const list = results.get(name)
  const cpu = median(list.map((result) => result.cpu))
  console.log(`| ${name} | ${median(list.map((result) => result.wall)).toFixed(2)} s | ${cpu.toFixed(2)} s | ${median(list.map((result) => result.megabytes)).toFixed(0)} MB | ${list[0].pages} | ${(cpu / median(peer.map((result) => result.cpu))).toFixed(2)}× |`)
}
