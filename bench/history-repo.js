// Builds a deterministic git repository for the history benchmark with `git fast-import`:
// 100 documents, then commits until there are 5,000 (or `commits`), every fifth a merge of a side branch,
// and a rename every 250 commits. Dates are fixed, so the same arguments give the same commits.
// `folder` is where the documents live (`policies`; `handbook` for a history that is imported later).
import {spawnSync} from 'node:child_process'
import {mkdirSync, rmSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'

const body = (id, revision) =>
  [
    '## Purpose',
    '',
    `Why ${id} exists. Revision ${revision} keeps this paragraph a little different each time.`,
    '',
    '## Scope',
    '',
    'Everyone who works with company systems, data and devices, wherever they work from.'.repeat(4),
    '',
    '## Policy',
    '',
    ...Array.from({length: 12}, (_, line) => `- Requirement ${line + 1} for ${id}: reviewed quarterly, owned by a named role, evidenced in the ticket system.`),
    '',
    '## Roles and Responsibilities',
    '',
    'The owner keeps the document current; approvers sign off material changes.',
    '',
    '## Exceptions',
    '',
    'Exceptions are requested in writing, approved by the owner, and expire within 90 days.',
    '',
    '## Enforcement',
    '',
    'Breaches are handled under the disciplinary process.',
    ''
  ].join('\n')

const documentText = (id, version, revision) =>
  `---\nid: ${id}\ntitle: Document ${id}\nkind: policy\nversion: ${version}\nstatus: approved\nowner: Head of Security\napprovers: [CTO]\nclassification: internal\neffective: 2024-01-01\nlast_reviewed: 2026-01-01\n---\n\n${body(id, revision)}`

export function buildHistoryRepository(root, {documents = 100, commits = 5000, folder = 'policies'} = {}) {
  rmSync(root, {recursive: true, force: true})
  mkdirSync(root, {recursive: true})
  const run = (args, input) => {
    const result = spawnSync('git', args, {cwd: root, input, encoding: 'utf8', maxBuffer: 1 << 30})
    if (result.status !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr}`)
    return result.stdout
  }
  run(['init', '-q', '-b', 'main'])
  const names = Array.from({length: documents}, (_, index) => `doc-${String(index).padStart(3, '0')}`)
  const originals = [...names]
  const versions = names.map(() => [1, 0, 0])
  const chunks = []
  let mark = 0
  let time = Date.UTC(2024, 0, 1) / 1000
  const commit = (branch, message, changes, merge) => {
    mark++
    time += 3600
    const data = Buffer.byteLength(message)
    chunks.push(`commit refs/heads/${branch}\nmark :${mark}\nauthor Author ${mark % 7} <author${mark % 7}@example.test> ${time} +0000\ncommitter Author ${mark % 7} <author${mark % 7}@example.test> ${time} +0000\ndata ${data}\n${message}\n`)
    if (merge) chunks.push(`from :${merge.from}\nmerge :${merge.with}\n`)
    for (const change of changes) chunks.push(change)
    return mark
  }
  const file = (path, text) => `M 100644 inline ${path}\ndata ${Buffer.byteLength(text)}\n${text}\n`
  let main = commit('main', 'Add the documents', names.map((name, index) => file(`${folder}/${name}.md`, documentText(name, versions[index].join('.'), 0))))
  for (let count = 1; count < commits; count++) {
    const index = count % documents
    versions[index][1]++
    const name = names[index]
    const edit = file(`${folder}/${name}.md`, documentText(name, versions[index].join('.'), count))
    if (count % 250 === 0) {
      // Named after the first name, not the last: a name that grew with each rename passed the
      // file system's limit at about 17,000 commits.
      const renamed = `${originals[index]}-r${count}`
      const text = documentText(renamed, versions[index].join('.'), count)
      main = commit('main', `Rename ${name} to ${renamed}`, [`D ${folder}/${name}.md\n`, file(`${folder}/${renamed}.md`, text)])
      names[index] = renamed
    } else if (count % 5 === 0) {
      // A pull request: one commit on a side branch, merged with a merge commit.
      const side = commit(`side-${count}`, `Change ${name}`, [edit], {from: main, with: undefined})
      count++
      // fast-import takes a merge's tree from its first parent: the merged change is written again.
      main = commit('main', `Merge pull request #${count} from example/side-${count}`, [edit], {from: main, with: side})
    } else {
      main = commit('main', `Edit ${name} (#${count})`, [edit])
    }
  }
  const stream = chunks
    .join('')
    .replace(/from :(\d+)\nmerge :undefined\n/g, 'from :$1\n')
  run(['fast-import', '--quiet'], stream)
  run(['checkout', '-q', '-f', 'main'])
  writeFileSync(join(root, 'charter.config.yaml'), '# history benchmark\n')
  return {commits: Number(run(['rev-list', '--count', 'HEAD']).trim())}
}
