// What the subprocessor list's past costs a build: `charter build --no-pdf` on the Example Corp
// documents with 200 vendors (50 of them subprocessors) whose folder has 1,000 commits of
// history (every tenth changes a subprocessor's location or purpose, so 100 notices), against the
// same repository whose 1,000 commits change a file outside the vendors folder instead (as long a
// history, no vendor history to read), and against git's own floor for the vendor history: the
// same first-parent `git log --raw` over the vendors folder piped to one `git cat-file --batch`.
// Side by side, alternating, medians of wall and CPU time (user + system, GNU time).
//   node bench/subprocessors.js [--runs 5] [--commits 1000]
import {spawnSync} from 'node:child_process'
import {cpSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {parseArgs} from 'node:util'

const root = fileURLToPath(new URL('..', import.meta.url))
const {values} = parseArgs({options: {runs: {type: 'string', default: '5'}, commits: {type: 'string', default: '1000'}}})
const runs = Number(values.runs)
const commits = Number(values.commits)
const vendorCount = 200
// Ten minutes apart from the day the other build benches commit on, so the documents' reviews are current.
const base = Date.parse('2026-11-20T00:00:00Z') / 1000

const vendor = (index, revision) => {
  const subprocessor = index % 4 === 0
  const places = ['EU', 'United States', 'United Kingdom', 'Canada']
  return [
    `id: vendor-${index}`,
    `name: Vendor ${index}`,
    'owner: Head of Security',
    'status: active',
    `services: Service ${index}, revision ${subprocessor ? Math.floor(revision / 2) : 0}`,
    'data: [none]',
    `subprocessor: ${subprocessor}`,
    `location: [${places[revision % places.length]}]`,
    `last_reviewed: 2025-${String(1 + (revision % 9)).padStart(2, '0')}-01`,
    'reviewed_by: Head of Security',
    ''
  ].join('\n')
}

/**
 * The Example Corp documents, templates and config, and the vendors, through git fast-import: the
 * first commit adds all, then one vendor changes per commit; with `elsewhere`, each of those
 * commits changes a file outside the vendors folder instead, so git's history is as long and
 * only the vendor history is missing.
 */
function historyRepository(elsewhere = false) {
  const dir = mkdtempSync(join(tmpdir(), 'charter-bench-subprocessors-'))
  for (const path of ['templates', 'policies', 'charter.config.yaml']) cpSync(join(root, path), join(dir, path), {recursive: true})
  writeFileSync(join(dir, '.gitignore'), 'dist/\n')
  spawnSync('git', ['init', '-q', '-b', 'main'], {cwd: dir})
  spawnSync('git', ['add', '-A'], {cwd: dir})
  spawnSync('git', ['commit', '-q', '-m', 'Documents'], {cwd: dir, env: {...process.env, GIT_AUTHOR_NAME: 'Bench', GIT_AUTHOR_EMAIL: 'bench@example.test', GIT_COMMITTER_NAME: 'Bench', GIT_COMMITTER_EMAIL: 'bench@example.test', GIT_AUTHOR_DATE: `${base} +0000`, GIT_COMMITTER_DATE: `${base} +0000`}})
  const revisions = new Array(vendorCount).fill(0)
  const chunks = []
  const file = (path, text) => `M 100644 inline ${path}\ndata ${Buffer.byteLength(text)}\n${text}\n`
  const commit = (number, message, changes) => {
    const when = `${base + number * 600} +0000`
    chunks.push(`commit refs/heads/main\ncommitter Bench <bench@example.test> ${when}\ndata ${message.length}\n${message}\n${number === 1 ? 'from refs/heads/main^0\n' : ''}${changes}`)
  }
  commit(1, 'Vendors', Array.from({length: vendorCount}, (_, index) => file(`vendors/vendor-${index}.yaml`, vendor(index, 0))).join(''))
  for (let number = 2; number <= commits; number++) {
    // Every tenth commit changes a subprocessor (a notice); the others a vendor's review date only.
    const index = number % 10 === 0 ? ((number / 10) * 4) % vendorCount : ((number * 4) % vendorCount) + 1
    revisions[index]++
    const text = index % 4 === 0 ? vendor(index, revisions[index]) : vendor(index, 0).replace(/last_reviewed: .*/, `last_reviewed: 2025-${String(1 + (revisions[index] % 9)).padStart(2, '0')}-01`)
    commit(number, `Vendor ${index}`, elsewhere ? file('notes/log.txt', `${number}\n`) : file(`vendors/vendor-${index}.yaml`, text))
  }
  const imported = spawnSync('git', ['fast-import', '--quiet'], {cwd: dir, input: chunks.join('')})
  if (imported.status !== 0) throw new Error(imported.stderr.toString())
  spawnSync('git', ['checkout', '-q', '-f', 'main'], {cwd: dir})
  return dir
}

/** Wall and CPU seconds of `command` in `dir`, through GNU time. */
function timed(dir, command) {
  const report = join(dir, '.time')
  const result = spawnSync('/usr/bin/time', ['-f', '%e %U %S', '-o', report, ...command], {cwd: dir, encoding: 'utf8', maxBuffer: 1024 * 1024 * 1024})
  if (result.status !== 0) throw new Error(`${command.join(' ')} failed: ${result.stderr}`)
  const [wall, user, system] = spawnSync('tail', ['-n', '1', report], {encoding: 'utf8'}).stdout.trim().split(' ').map(Number)
  return {wall, cpu: user + system}
}

const history = historyRepository()
const flat = historyRepository(true)
const build = (dir) => timed(dir, [process.execPath, join(root, 'bin/charter.js'), 'build', '--no-pdf', '--out', join(dir, 'dist')])
const gitFloor = (dir) => timed(dir, ['sh', '-c', "git log --first-parent --diff-merges=first-parent --raw --no-abbrev --no-renames --format= -- vendors/ | cut -d' ' -f4 | git cat-file --batch > /dev/null"])
const samples = {history: [], flat: [], git: []}
for (let run = 0; run < runs; run++) {
  // Alternating which goes first, so neither always meets a warm or a busy machine.
  const order = run % 2 === 0 ? ['history', 'flat', 'git'] : ['git', 'flat', 'history']
  for (const name of order) samples[name].push(name === 'history' ? build(history) : name === 'flat' ? build(flat) : gitFloor(history))
}
const median = (list) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)]
const row = (name) => ({wall: median(samples[name].map((sample) => sample.wall)), cpu: median(samples[name].map((sample) => sample.cpu))})
const [withHistory, once, git] = [row('history'), row('flat'), row('git')]
const counted = spawnSync('grep', ['-c', 'category term="subprocessors"', join(history, 'dist/site/changelog.xml')], {encoding: 'utf8'}).stdout.trim()
console.log(`subprocessor list: ${vendorCount} vendors, ${commits} commits of vendor history, ${counted} notices; medians of ${runs} alternating runs`)
console.log('| what | wall | CPU (user + system) |')
console.log('| --- | --- | --- |')
console.log(`| build --no-pdf, ${commits} commits of vendor history | ${withHistory.wall.toFixed(2)} s | ${withHistory.cpu.toFixed(2)} s |`)
console.log(`| build --no-pdf, as many commits, none to the vendors | ${once.wall.toFixed(2)} s | ${once.cpu.toFixed(2)} s |`)
console.log(`| git log --raw + cat-file --batch over the vendor history | ${git.wall.toFixed(2)} s | ${git.cpu.toFixed(2)} s |`)
console.log(`ratio with vendor history / without: ${(withHistory.wall / once.wall).toFixed(2)}× wall, ${(withHistory.cpu / once.cpu).toFixed(2)}× CPU; history's extra cost / git's floor: ${((withHistory.wall - once.wall) / git.wall).toFixed(1)}× wall, ${((withHistory.cpu - once.cpu) / git.cpu).toFixed(1)}× CPU`)
rmSync(history, {recursive: true, force: true})
rmSync(flat, {recursive: true, force: true})
