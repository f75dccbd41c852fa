// The GitHub client's cost, before and after a change to it: `charter check` on the starter set
// (which never asks GitHub, so it shows what the client adds to every start) and `charter audit
// --github` on ten merged pull requests against a local stand-in for the API on 127.0.0.1 (30
// requests, a cold cache each run), with this checkout's charter and another's, alternating
// which goes first. Medians of wall and CPU time (user + system, from GNU time).
//   node bench/forge.js --against <other checkout> [--runs 20]
import {spawn, spawnSync} from 'node:child_process'
import {cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {createServer} from 'node:http'
import {tmpdir} from 'node:os'
import {join, resolve} from 'node:path'
import {fileURLToPath} from 'node:url'
import {parseArgs} from 'node:util'

const root = fileURLToPath(new URL('..', import.meta.url))
const repository = 'example/policies'
const {values} = parseArgs({options: {against: {type: 'string'}, runs: {type: 'string', default: '20'}, serve: {type: 'boolean'}}})

if (values.serve) serve()
else await compare()

/** The stand-in API, in a process of its own (the bench blocks its own while charter runs): every commit is a merged pull request, approved by someone other than its author. */
function serve() {
  const pulls = new Map()
  const user = (login) => ({login, id: login.length, type: 'User'})
  const pull = (number, commit) => ({number, state: 'closed', user: user('cara'), merged_at: '2026-03-01T12:00:00Z', merged_by: user('cara'), merge_commit_sha: commit})
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1')
    const send = (status, body) => {
      response.writeHead(status, {'content-type': 'application/json; charset=utf-8', 'x-ratelimit-remaining': '4999'})
      response.end(JSON.stringify(body))
    }
    let match
    if ((match = /^\/repos\/[^/]+\/[^/]+\/commits\/([0-9a-f]{40})\/pulls$/.exec(url.pathname))) {
      if (!pulls.has(match[1])) pulls.set(match[1], pulls.size + 1)
      return send(200, [pull(pulls.get(match[1]), match[1])])
    }
    if ((match = /^\/repos\/[^/]+\/[^/]+\/pulls\/(\d+)$/.exec(url.pathname))) {
      const commit = [...pulls].find(([, number]) => number === Number(match[1]))?.[0]
      return send(200, pull(Number(match[1]), commit ?? null))
    }
    if (/^\/repos\/[^/]+\/[^/]+\/pulls\/\d+\/reviews$/.test(url.pathname)) {
      return send(200, [{id: 1, user: user('bob'), body: '', state: 'APPROVED', submitted_at: '2026-03-01T11:00:00Z', commit_id: '0'.repeat(40)}])
    }
    send(404, {message: 'Not Found'})
  })
  server.listen(0, '127.0.0.1', () => process.stdout.write(`${server.address().port}\n`))
  process.stdin.on('end', () => server.close())
  process.stdin.resume()
}

async function compare() {
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
  const folder = () => {
    const dir = mkdtempSync(join(tmpdir(), 'charter-forge-bench-'))
    made.push(dir)
    return dir
  }

  // The starter set, then ten commits that each change one document.
  const starter = folder()
  cpSync(join(root, 'bench/starter'), starter, {recursive: true})
  const git = (args, date) =>
    spawnSync('git', args, {cwd: starter, env: {...process.env, GIT_AUTHOR_NAME: 'Cara', GIT_AUTHOR_EMAIL: 'cara@example.test', GIT_COMMITTER_NAME: 'Cara', GIT_COMMITTER_EMAIL: 'cara@example.test', GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date}})
  git(['init', '-q', '-b', 'main'], '')
  git(['add', '-A'], '')
  git(['commit', '-q', '-m', 'Add the policies'], '2026-11-03T12:00:00Z')
  const documents = spawnSync('git', ['ls-files', 'policies'], {cwd: starter, encoding: 'utf8'}).stdout.trim().split('\n')
  for (let change = 1; change < 10; change++) {
    const file = join(starter, documents[change % documents.length])
    writeFileSync(file, `${readFileSync(file, 'utf8')}\nChange ${change}.\n`)
    git(['commit', '-q', '-am', `Change ${change}`], `2026-11-${String(change + 3).padStart(2, '0')}T12:00:00Z`)
  }

  const server = spawn(process.execPath, [fileURLToPath(import.meta.url), '--serve'], {stdio: ['pipe', 'pipe', 'inherit']})
  const port = await new Promise((resolve) => server.stdout.once('data', (chunk) => resolve(String(chunk).trim())))
  const forgeEnv = () => ({GITHUB_TOKEN: 'bench-token', GITHUB_API_URL: `http://127.0.0.1:${port}`, GITHUB_REPOSITORY: repository, CHARTER_CACHE_DIR: folder()})
  const cases = [
    {name: 'check, starter set (no GitHub)', args: ['check', '--today', '2026-12-01'], env: () => ({})},
    {name: 'audit --github, 10 pull requests (30 requests, cold cache)', args: ['audit', '--github', '--today', '2026-12-01'], env: forgeEnv}
  ]

  const outputs = new Map()
  function measure(name, test) {
    const report = join(starter, '.git', 'bench-time')
    const started = process.hrtime.bigint()
    const result = spawnSync(gnuTime, ['-f', '%U %S', '-o', report, process.execPath, programs[name], ...test.args], {cwd: starter, env: {...process.env, ...test.env()}, encoding: 'utf8'})
    const wall = Number(process.hrtime.bigint() - started) / 1e9
    if (result.status !== 0) throw new Error(`${programs[name]} ${test.args.join(' ')} failed (exit ${result.status}):\n${result.stdout}${result.stderr}`)
    // Both programs must say the same, or the comparison means nothing.
    const said = `${result.stdout}${result.stderr}`
    if (outputs.has(test.name) && outputs.get(test.name) !== said) throw new Error(`${name} printed otherwise for ${test.name}:\n${said}\nagainst\n${outputs.get(test.name)}`)
    outputs.set(test.name, said)
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
      for (const name of ['this', 'other']) measure(name, test)
      for (let run = 0; run < runs; run++) {
        for (const name of run % 2 ? ['other', 'this'] : ['this', 'other']) times[name].push(measure(name, test))
      }
      const wall = (name) => median(times[name].map((time) => time.wall))
      const cpu = (name) => median(times[name].map((time) => time.cpu))
      console.log(`| ${test.name} | ${wall('this').toFixed(3)} s | ${wall('other').toFixed(3)} s | ${(wall('this') / wall('other')).toFixed(2)}× | ${cpu('this').toFixed(3)} s | ${cpu('other').toFixed(3)} s | ${(cpu('this') / cpu('other')).toFixed(2)}× |`)
    }
  } catch (error) {
    console.error(`bench: ${error.message}`)
    process.exitCode = 1
  } finally {
    server.stdin.end()
    for (const dir of made) rmSync(dir, {recursive: true, force: true})
  }
}
