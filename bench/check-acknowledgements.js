// What judging acknowledgements costs `charter check --base`: a pull request in which each of
// N people on the roster adds their own acknowledgements file in a commit signed with their own
// SSH key, against the same pull request without the files (the same roster and documents).
// Alternating runs, medians of wall and CPU time (GNU time), cold (--no-cache).
//   node bench/check-acknowledgements.js [--runs 11] [--people 50]
import {spawnSync} from 'node:child_process'
import {cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {parseArgs} from 'node:util'
import {median, requireTimingTools, timedRun} from './timing.js'

const root = fileURLToPath(new URL('..', import.meta.url))
const {values} = parseArgs({options: {runs: {type: 'string', default: '11'}, people: {type: 'string', default: '50'}}})
const runs = Number(values.runs)
const peopleCount = Number(values.people)
requireTimingTools(root)

const dir = mkdtempSync(join(tmpdir(), 'charter-bench-acknowledgements-'))
const env = {...process.env, CHARTER_CACHE_DIR: join(dir, 'cache')}
const gitEnv = {...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1', GIT_AUTHOR_DATE: '2026-11-02T10:00:00Z', GIT_COMMITTER_DATE: '2026-11-02T10:00:00Z'}
function git(cwd, args, extra = {}) {
  const result = spawnSync('git', args, {cwd, env: {...gitEnv, ...extra}, encoding: 'utf8'})
  if (result.status !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr}`)
  return result.stdout
}

/** N people, each with an SSH signing key of their own. */
const people = Array.from({length: peopleCount}, (_, index) => {
  const login = `person-${index + 1}`
  const key = join(dir, 'keys', login)
  mkdirSync(join(dir, 'keys'), {recursive: true})
  spawnSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', login, '-f', key])
  return {login, email: `${login}@example.test`, key, line: readFileSync(`${key}.pub`, 'utf8').trim()}
})

/** The seed library, the roster, committed on main; `pr` branches from it. */
function repository(name, withLedger) {
  const repo = join(dir, name)
  cpSync(join(root, 'policies'), join(repo, 'policies'), {recursive: true})
  cpSync(join(root, 'charter.config.yaml'), join(repo, 'charter.config.yaml'))
  writeFileSync(join(repo, 'people.yaml'), `people:\n${people.map((person) => `  - name: ${person.login}\n    emails: [${person.email}]\n    roles: [Employee]\n    login: ${person.login}\n    signing_keys:\n      - ${person.line}\n`).join('')}`)
  git(repo, ['init', '-q', '-b', 'main'])
  git(repo, ['add', '-A'])
  git(repo, ['-c', 'user.name=Security', '-c', 'user.email=security@example.test', 'commit', '-q', '-m', 'Base'])
  git(repo, ['checkout', '-q', '-b', 'pr'])
  const head = git(repo, ['rev-parse', 'HEAD']).trim()
  const ids = readdirSync(join(repo, 'policies')).filter((file) => file.endsWith('.md')).map((file) => file.slice(0, -3))
  const versions = Object.fromEntries(ids.map((id) => [id, /^version:\s*["']?([0-9.]+)/m.exec(readFileSync(join(repo, 'policies', `${id}.md`), 'utf8'))?.[1] ?? '1.0.0']))
  for (const person of people) {
    if (withLedger) {
      mkdirSync(join(repo, 'acknowledgements'), {recursive: true})
      writeFileSync(join(repo, `acknowledgements/${person.login}.yaml`), `acknowledgements:\n${ids.map((id) => `  - document: ${id}\n    version: ${versions[id]}\n    commit: ${head}\n`).join('')}`)
    } else writeFileSync(join(repo, 'notes.txt'), person.login)
    git(repo, ['add', '-A'])
    git(repo, ['-c', `user.name=${person.login}`, '-c', `user.email=${person.email}`, '-c', 'gpg.format=ssh', '-c', `user.signingkey=${person.key}`, 'commit', '-q', '-S', '-m', `Acknowledge, ${person.login}`])
  }
  return repo
}

const repositories = {
  [`${peopleCount} signed commits, no acknowledgements folder`]: repository('without', false),
  [`${peopleCount} signed commits, each adding a person's acknowledgements`]: repository('with', true)
}
const names = Object.keys(repositories)
const check = [process.execPath, join(root, 'bin/charter.js'), 'check', '--base', 'main', '--today', '2026-12-01', '--no-cache', '--format', 'json']

function measure(cwd) {
  const run = timedRun(check, {cwd, env, report: join(dir, '.time')})
  const findings = JSON.parse(run.stdout).findings.filter((finding) => finding.rule === 'acknowledgement-ledger').length
  return {seconds: run.seconds, cpu: run.cpu, findings}
}

try {
  const samples = Object.fromEntries(names.map((name) => [name, []]))
  const findings = Object.fromEntries(names.map((name) => [name, measure(repositories[name]).findings]))
  for (let run = 0; run < runs; run++) {
    for (const name of run % 2 ? [...names].reverse() : names) samples[name].push(measure(repositories[name]))
  }
  const wall = (name) => median(samples[name].map((sample) => sample.seconds))
  const cpu = (name) => median(samples[name].map((sample) => sample.cpu))
  console.log(`Node ${process.version}, ${runs} alternating runs of \`charter check --base main --no-cache\` each, medians; ratio = to the pull request without acknowledgements\n`)
  console.log('| pull request | wall time | CPU time | wall ratio | CPU ratio | acknowledgement findings |')
  console.log('| --- | --- | --- | --- | --- | --- |')
  for (const name of names) console.log(`| ${name} | ${wall(name).toFixed(3)} s | ${cpu(name).toFixed(3)} s | ${(wall(name) / wall(names[0])).toFixed(2)}× | ${(cpu(name) / cpu(names[0])).toFixed(2)}× | ${findings[name]} |`)
} catch (error) {
  console.error(`bench: ${error.message}`)
  process.exitCode = 1
} finally {
  rmSync(dir, {recursive: true, force: true})
}
