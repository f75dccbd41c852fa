// `npm run bench` (third part): charter build for the Example Corp set and for a generated
// 100-document repository: wall time split into HTML (search index included) and PDF, PDF pages
// per second after start-up, and peak memory (GNU time); and, apart, what Pagefind alone takes to
// index the same pages, its program's start included. Medians of alternating runs.
//   node bench/build.js [--runs 3] [--no-pdf]   (--no-pdf: the site alone, fastest runs shown too)
import {spawnSync} from 'node:child_process'
import {cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {parseArgs} from 'node:util'
import {close, createIndex} from 'pagefind'
import {writeCorpus} from './corpus.js'

const root = fileURLToPath(new URL('..', import.meta.url))
const {values} = parseArgs({options: {runs: {type: 'string', default: '3'}, 'no-pdf': {type: 'boolean', default: false}}})
const runs = Number(values.runs)
const pdf = !values['no-pdf']

function gitRepository(fill) {
  const dir = mkdtempSync(join(tmpdir(), 'charter-bench-build-'))
  fill(dir)
  writeFileSync(join(dir, '.gitignore'), 'dist/\n')
  const env = {...process.env, GIT_AUTHOR_NAME: 'Bench', GIT_AUTHOR_EMAIL: 'bench@example.test', GIT_COMMITTER_NAME: 'Bench', GIT_COMMITTER_EMAIL: 'bench@example.test', GIT_AUTHOR_DATE: '2026-11-20T12:00:00Z', GIT_COMMITTER_DATE: '2026-11-20T12:00:00Z'}
  for (const args of [['init', '-q', '-b', 'main'], ['add', '-A'], ['commit', '-q', '-m', 'Bench corpus']]) spawnSync('git', args, {cwd: dir, env})
  return dir
}

function measure(dir) {
  const report = join(dir, '.time')
  const started = process.hrtime.bigint()
  const result = spawnSync('/usr/bin/time', ['-f', '%M', '-o', report, process.execPath, join(root, 'bin/charter.js'), 'build', '--audience', 'internal', ...(pdf ? [] : ['--no-pdf'])], {cwd: dir, encoding: 'utf8'})
  const wall = Number(process.hrtime.bigint() - started) / 1e9
  if (result.status !== 0) throw new Error(`charter build failed: ${result.stderr}`)
  const match = /HTML ([\d.]+) s(?:, PDF ([\d.]+) s for (\d+) pages: (\d+) pages\/s after ([\d.]+) s start-up)?[^)]*\)/.exec(result.stdout)
  if (!match) throw new Error(`unexpected output: ${result.stdout}`)
  return {wall, html: Number(match[1]), pdf: Number(match[2]), pages: Number(match[3]), rate: Number(match[4]), megabytes: Number(readFileSync(report, 'utf8').trim().split('\n').pop()) / 1024}
}

/** Seconds Pagefind takes to index the built pages as charter build gives them to it, from a fresh start of its program. */
async function indexSeconds(dir) {
  const site = join(dir, 'dist/site')
  const pages = readdirSync(site, {recursive: true}).filter((path) => path.endsWith('.html') && path !== 'search.html').sort()
  const contents = pages.map((path) => readFileSync(join(site, path), 'utf8'))
  await close()
  const started = process.hrtime.bigint()
  const {index} = await createIndex({rootSelector: 'main', excludeSelectors: ['.toc', '.heading-anchor']})
  for (const [at, path] of pages.entries()) await index.addHTMLFile({url: path, content: contents[at]})
  await index.getFiles()
  const seconds = Number(process.hrtime.bigint() - started) / 1e9
  await close()
  return seconds
}

const median = (numbers) => [...numbers].sort((a, b) => a - b)[Math.floor(numbers.length / 2)]

const example = gitRepository((dir) => {
  for (const path of ['policies', 'templates', 'charter.config.yaml']) cpSync(join(root, path), join(dir, path), {recursive: true})
})
const generated = gitRepository((dir) => {
  writeCorpus(dir, 100)
  writeFileSync(join(dir, 'charter.config.yaml'), '# bench\n')
})
try {
  const samples = {example: [], generated: []}
  for (let run = 0; run < runs; run++) {
    for (const name of run % 2 ? ['generated', 'example'] : ['example', 'generated']) {
      const dir = name === 'example' ? example : generated
      samples[name].push({...measure(dir), search: await indexSeconds(dir)})
    }
  }
  const corpora = [['example', 'Example Corp (19 documents)'], ['generated', 'generated (100 documents, ~4 KB)']]
  if (pdf) {
    console.log(`\nBuild (internal audience, every document), ${runs} alternating runs, medians\n`)
    console.log('| corpus | wall time | HTML (search index included) | Pagefind alone | PDF | PDF pages | pages/s after start-up | peak memory |')
    console.log('| --- | --- | --- | --- | --- | --- | --- | --- |')
    for (const [name, label] of corpora) {
      const pick = (key) => median(samples[name].map((sample) => sample[key]))
      console.log(`| ${label} | ${pick('wall').toFixed(2)} s | ${pick('html').toFixed(2)} s | ${pick('search').toFixed(2)} s | ${pick('pdf').toFixed(2)} s | ${pick('pages')} | ${pick('rate')} | ${pick('megabytes').toFixed(0)} MB |`)
    }
  } else {
    // On a shared machine the fastest run is the best estimate of the cost without contention.
    console.log(`\nBuild --no-pdf (internal audience, every document), ${runs} alternating runs, median (fastest)\n`)
    console.log('| corpus | wall time | HTML (search index included) | Pagefind alone | peak memory |')
    console.log('| --- | --- | --- | --- | --- |')
    for (const [name, label] of corpora) {
      const both = (key) => `${median(samples[name].map((sample) => sample[key])).toFixed(2)} s (${Math.min(...samples[name].map((sample) => sample[key])).toFixed(2)} s)`
      console.log(`| ${label} | ${both('wall')} | ${both('html')} | ${both('search')} | ${median(samples[name].map((sample) => sample.megabytes)).toFixed(0)} MB |`)
    }
  }
} catch (error) {
  console.error(`bench: ${error.message}`)
  process.exitCode = 1
} finally {
  rmSync(example, {recursive: true, force: true})
  rmSync(generated, {recursive: true, force: true})
}
