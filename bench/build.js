// `npm run bench` (third part): charter build for the Example Corp set and for a generated
// 100-document repository: wall time split into HTML (search index included) and PDF, PDF pages
// per second after start-up, and peak memory (GNU time); and, apart, what Pagefind alone takes to
// index the same pages, its program's start included. Medians of alternating runs. Then, side by
// side on the 100 generated documents: the full internal build's CPU time against pandoc →
// wkhtmltopdf making the same PDFs (one per document, and one combined from pandoc's page of every
// document with its contents), and the
// site alone (--no-pdf) against Hugo's wall time on the same Markdown; with --before, a checkout of
// an older Charter (compiled, node_modules installed) runs in the same alternation, in the first
// table too. With PDFs, each round also builds --no-pdf, so the PDFs' CPU time (the build's, its
// worker threads' included, less the site's) is shown per page: it holds up on a busy machine.
//   node bench/build.js [--runs 3] [--no-pdf] [--peers-only | --no-peers] [--before <checkout>]
//   (--no-pdf: the site alone, fastest runs shown too)
import {spawnSync} from 'node:child_process'
import {cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {dirname, join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {parseArgs} from 'node:util'
import {close, createIndex} from 'pagefind'
import {writeCorpus} from './corpus.js'

const root = fileURLToPath(new URL('..', import.meta.url))
const {values} = parseArgs({options: {runs: {type: 'string', default: '3'}, 'no-pdf': {type: 'boolean', default: false}, 'peers-only': {type: 'boolean', default: false}, 'no-peers': {type: 'boolean', default: false}, before: {type: 'string'}}})
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

function measure(dir, checkout = root, withPdf = pdf) {
  const report = join(dir, '.time')
  const started = process.hrtime.bigint()
  const result = spawnSync('/usr/bin/time', ['-f', '%M %U %S', '-o', report, process.execPath, join(checkout, 'bin/charter.js'), 'build', '--audience', 'internal', ...(withPdf ? [] : ['--no-pdf'])], {cwd: dir, encoding: 'utf8'})
  const wall = Number(process.hrtime.bigint() - started) / 1e9
  if (result.status !== 0) throw new Error(`charter build failed: ${result.stderr}`)
  const match = /HTML ([\d.]+) s(?:, PDF ([\d.]+) s for (\d+) pages: (\d+) pages\/s after ([\d.]+) s start-up)?[^)]*\)/.exec(result.stdout)
  if (!match) throw new Error(`unexpected output: ${result.stdout}`)
  const [kilobytes, user, system] = readFileSync(report, 'utf8').trim().split('\n').pop().split(' ').map(Number)
  return {wall, html: Number(match[1]), pdf: Number(match[2]), pages: Number(match[3]), rate: Number(match[4]), megabytes: kilobytes / 1024, cpu: user + system}
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
  if (!values['peers-only']) await ownRuns()
  if (!values['no-peers']) peers(generated)
} catch (error) {
  console.error(`bench: ${error.message}`)
  process.exitCode = 1
} finally {
  rmSync(example, {recursive: true, force: true})
  rmSync(generated, {recursive: true, force: true})
}

async function ownRuns() {
  const checkouts = [['this', root], ...(values.before ? [['before', values.before]] : [])]
  const samples = new Map()
  for (let run = 0; run < runs; run++) {
    for (const name of run % 2 ? ['generated', 'example'] : ['example', 'generated']) {
      const dir = name === 'example' ? example : generated
      for (const [who, checkout] of run % 2 ? [...checkouts].reverse() : checkouts) {
        const key = `${who} ${name}`
        if (!samples.has(key)) samples.set(key, [])
        // The site alone, right after, in the same conditions: what the build costs besides its PDFs.
        samples.get(key).push({...measure(dir, checkout), ...(pdf ? {siteCpu: measure(dir, checkout, false).cpu} : {}), search: await indexSeconds(dir)})
      }
    }
  }
  const corpora = [['example', 'Example Corp (19 documents)'], ['generated', 'generated (100 documents, ~4 KB)']]
  const rows = corpora.flatMap(([name, label]) => checkouts.map(([who]) => [samples.get(`${who} ${name}`), values.before ? `${label}, ${who}` : label]))
  if (pdf) {
    console.log(`\nBuild (internal audience, every document), ${runs} alternating runs, medians\n`)
    console.log('| corpus | wall time | HTML (search index included) | Pagefind alone | PDF | PDF pages | pages/s after start-up | peak memory | CPU (user + sys) | CPU --no-pdf | PDF CPU per page |')
    console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |')
    for (const [list, label] of rows) {
      const pick = (key) => median(list.map((sample) => sample[key]))
      const perPage = ((pick('cpu') - pick('siteCpu')) / pick('pages')) * 1000
      console.log(`| ${label} | ${pick('wall').toFixed(2)} s | ${pick('html').toFixed(2)} s | ${pick('search').toFixed(2)} s | ${pick('pdf').toFixed(2)} s | ${pick('pages')} | ${pick('rate')} | ${pick('megabytes').toFixed(0)} MB | ${pick('cpu').toFixed(2)} s | ${pick('siteCpu').toFixed(2)} s | ${perPage.toFixed(1)} ms |`)
    }
  } else {
    // On a shared machine the fastest run is the best estimate of the cost without contention.
    console.log(`\nBuild --no-pdf (internal audience, every document), ${runs} alternating runs, median (fastest)\n`)
    console.log('| corpus | wall time | HTML (search index included) | Pagefind alone | peak memory |')
    console.log('| --- | --- | --- | --- | --- |')
    for (const [list, label] of rows) {
      const both = (key) => `${median(list.map((sample) => sample[key])).toFixed(2)} s (${Math.min(...list.map((sample) => sample[key])).toFixed(2)} s)`
      console.log(`| ${label} | ${both('wall')} | ${both('html')} | ${both('search')} | ${median(list.map((sample) => sample.megabytes)).toFixed(0)} MB |`)
    }
  }
}

/** A command's wall time, CPU time (its children's included) and peak memory, from GNU time. */
function timed(command, args, options) {
  const report = join(mkdtempSync(join(tmpdir(), 'charter-bench-time-')), 'time')
  const result = spawnSync('/usr/bin/time', ['-f', '%e %U %S %M', '-o', report, command, ...args], {encoding: 'utf8', ...options})
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${result.stderr.slice(-400)}`)
  const [wall, user, system, kilobytes] = readFileSync(report, 'utf8').trim().split('\n').pop().split(' ').map(Number)
  rmSync(dirname(report), {recursive: true, force: true})
  return {wall, cpu: user + system, megabytes: kilobytes / 1024}
}

function installed(program) {
  return spawnSync(program, ['--version'], {encoding: 'utf8'}).error === undefined
}

/**
 * The peers on the same documents: pandoc makes each document's HTML, wkhtmltopdf each document's
 * PDF and one combined PDF with a contents page; Hugo builds a minimal site over the same
 * Markdown. Charter builds the internal edition (every document), as the table above.
 */
function peers(dir) {
  const documents = readdirSync(join(dir, 'policies')).filter((name) => name.endsWith('.md')).sort()
  const work = mkdtempSync(join(tmpdir(), 'charter-bench-peers-'))
  try {
    const contenders = [
      ['charter', (extra) => timed(process.execPath, [join(root, 'bin/charter.js'), 'build', '--audience', 'internal', '--out', join(work, 'charter-out'), ...extra], {cwd: dir})],
      ...(values.before ? [['before', (extra) => timed(process.execPath, [join(values.before, 'bin/charter.js'), 'build', '--audience', 'internal', '--out', join(work, 'before-out'), ...extra], {cwd: dir})]] : [])
    ]
    if (installed('pandoc') && installed('wkhtmltopdf')) {
      const script = join(work, 'pandoc-wkhtmltopdf.sh')
      mkdirSync(join(work, 'html'))
      // wkhtmltopdf runs without a display through Qt's offscreen platform.
      writeFileSync(
        script,
        [
          'set -e',
          `cd ${JSON.stringify(join(dir, 'policies'))}`,
          ...documents.map((name) => `pandoc ${name} -s --metadata title=${name.replace(/\.md$/, '')} -o ${JSON.stringify(join(work, 'html', name.replace(/\.md$/, '.html')))}`),
          `cd ${JSON.stringify(join(work, 'html'))}`,
          ...documents.map((name) => `QT_QPA_PLATFORM=offscreen wkhtmltopdf -q ${name.replace(/\.md$/, '.html')} ${name.replace(/\.md$/, '.pdf')} 2>/dev/null`),
          // Debian's wkhtmltopdf (unpatched Qt) takes one page and no `toc`: pandoc makes the combined page, its contents included.
          `cd ${JSON.stringify(join(dir, 'policies'))}`,
          `pandoc ${documents.join(' ')} -s --toc --metadata title=Policies -o ${JSON.stringify(join(work, 'html', 'combined.html'))}`,
          `cd ${JSON.stringify(join(work, 'html'))}`,
          'QT_QPA_PLATFORM=offscreen wkhtmltopdf -q combined.html combined.pdf 2>/dev/null'
        ].join('\n')
      )
      contenders.push(['pandoc → wkhtmltopdf', () => timed('sh', [script], {})])
    } else console.log('\nSkipping pandoc → wkhtmltopdf: not installed (apt-get install -y pandoc wkhtmltopdf)')
    const full = alternate(contenders.map(([name, run]) => [name, () => run([])]))
    console.log(`\nFull internal build against pandoc → wkhtmltopdf, ${documents.length} documents, ${runs} alternating runs, medians\n`)
    report(full, 'pandoc → wkhtmltopdf', 'cpu')

    const site = [...contenders.filter(([name]) => name !== 'pandoc → wkhtmltopdf').map(([name, run]) => [name, () => run(['--no-pdf'])])]
    if (installed('hugo')) {
      const hugo = join(work, 'hugo')
      mkdirSync(join(hugo, 'layouts/_default'), {recursive: true})
      cpSync(join(dir, 'policies'), join(hugo, 'content'), {recursive: true})
      writeFileSync(join(hugo, 'config.toml'), 'baseURL = "https://example.test/"\ntitle = "Security policies"\ndisableKinds = ["taxonomy", "term", "RSS", "sitemap"]\n')
      writeFileSync(join(hugo, 'layouts/_default/baseof.html'), '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{{ .Title }}</title></head><body><main>{{ block "main" . }}{{ end }}</main></body></html>\n')
      writeFileSync(join(hugo, 'layouts/_default/single.html'), '{{ define "main" }}<h1>{{ .Title }}</h1>{{ .TableOfContents }}{{ .Content }}{{ end }}\n')
      writeFileSync(join(hugo, 'layouts/_default/list.html'), '{{ define "main" }}<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}\n')
      site.push(['hugo', () => timed('hugo', ['--quiet', '-s', hugo, '-d', join(work, 'hugo-out')], {})])
    } else console.log('\nSkipping Hugo: not installed (apt-get install -y hugo)')
    const sites = alternate(site)
    console.log(`\nSite only (charter build --no-pdf) against Hugo, ${documents.length} documents, ${runs} alternating runs, medians\n`)
    report(sites, 'hugo', 'wall')
  } finally {
    rmSync(work, {recursive: true, force: true})
  }
}

/** Runs each contender once per round, the order turning each round. */
function alternate(contenders) {
  const samples = new Map(contenders.map(([name]) => [name, []]))
  for (let run = 0; run < runs; run++) {
    const order = contenders.map((_, index) => contenders[(index + run) % contenders.length])
    for (const [name, measureOnce] of order) samples.get(name).push(measureOnce())
  }
  return samples
}

function report(samples, peer, target) {
  const pick = (name, key) => median(samples.get(name).map((sample) => sample[key]))
  console.log(`| run | wall | CPU (user + sys) | peak memory | wall ratio | CPU ratio |`)
  console.log('| --- | --- | --- | --- | --- | --- |')
  for (const name of samples.keys()) {
    const ratio = (key) => (samples.has(peer) ? `${(pick(name, key) / pick(peer, key)).toFixed(2)}×` : '—')
    console.log(`| ${name} | ${pick(name, 'wall').toFixed(2)} s | ${pick(name, 'cpu').toFixed(2)} s | ${pick(name, 'megabytes').toFixed(0)} MB | ${ratio('wall')} | ${ratio('cpu')} |`)
  }
  if (samples.has(peer)) console.log(`\nTarget measured on ${target === 'cpu' ? 'CPU time' : 'wall time'}.`)
}
