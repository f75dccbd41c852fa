// Writes a deterministic corpus of policy documents (about 4 KB each, every required section,
// tables, lists and cross-links) for benchmarks. Same count, same bytes, every time.
import {mkdirSync, rmSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'

const words = (
  'access review control data encryption vendor incident backup change risk asset training ' +
  'owner approval evidence system production laptop network account password key log alert ' +
  'retention customer employee contractor service record quarter annual monthly weekly team'
).split(' ')
const soc2 = ['CC1.1', 'CC2.1', 'CC3.2', 'CC5.2', 'CC6.1', 'CC6.2', 'CC6.3', 'CC6.6', 'CC7.2', 'CC7.3', 'CC8.1', 'CC9.2', 'A1.2', 'C1.1']
const iso = ['A.5.1', 'A.5.15', 'A.5.18', 'A.5.24', 'A.5.30', 'A.6.3', 'A.7.4', 'A.8.5', 'A.8.9', 'A.8.13', 'A.8.15', 'A.8.32']
const sections = ['Purpose', 'Scope', 'Policy', 'Roles and Responsibilities', 'Exceptions', 'Enforcement']

/** A small linear congruential generator: the corpus must not depend on Math.random. */
function generator(seed) {
  let state = seed >>> 0
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0
    return state / 2 ** 32
  }
}

export function documentText(index, count) {
  const random = generator(index + 1)
  const pick = (list) => list[Math.floor(random() * list.length)]
  const sentence = (length) => {
    const text = Array.from({length}, () => pick(words)).join(' ')
    return `${text[0].toUpperCase()}${text.slice(1)}.`
  }
  const paragraph = () => Array.from({length: 5}, () => sentence(8 + Math.floor(random() * 6))).join(' ')
  const id = `policy-${String(index).padStart(4, '0')}`
  const other = `policy-${String((index + 1) % count).padStart(4, '0')}`
  const lines = [
    '---',
    `id: ${id}`,
    `title: Generated Policy ${index}`,
    'kind: policy',
    `version: 1.${index % 7}.0`,
    'status: approved',
    'owner: Head of Security',
    'approvers: [CTO]',
    `classification: ${index % 3 === 0 ? 'internal' : 'public'}`,
    'effective: 2026-01-15',
    'last_reviewed: 2026-03-01',
    'controls:',
    `  soc2: [${pick(soc2)}]`,
    `  iso27001: [${pick(iso)}]`,
    `related: [${other}]`,
    '---',
    ''
  ]
  for (const title of sections) {
    lines.push(`## ${title}`, '', paragraph(), '')
    if (title === 'Policy') {
      lines.push('### Requirements', '', ...Array.from({length: 6}, () => `- ${sentence(9)}`), '')
      lines.push('| Control | Frequency | Evidence |', '| --- | --- | --- |', ...Array.from({length: 5}, () => `| ${pick(words)} | ${pick(words)} | ${pick(words)} |`), '')
      lines.push(`See the [related policy](${other}.md#scope) for the ${pick(words)} rules.`, '')
      lines.push(paragraph(), '')
    }
  }
  return `${lines.join('\n')}`
}

/** Writes `count` documents into `<root>/policies/` (replacing what was there) and returns root. */
export function writeCorpus(root, count) {
  rmSync(join(root, 'policies'), {recursive: true, force: true})
  mkdirSync(join(root, 'policies'), {recursive: true})
  for (let index = 0; index < count; index++) {
    writeFileSync(join(root, 'policies', `policy-${String(index).padStart(4, '0')}.md`), documentText(index, count))
  }
  return root
}
