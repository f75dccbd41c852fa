// With `--base`: which acknowledgement entries a pull request's own commits added, and whether
// each commit proves them. An entry counts only when the commit that added it is authored by
// the file's person (an email of theirs on the roster at the base, the trusted one) and signed
// with one of their keys there, verified by the same machinery as approvals.
import {parseAcknowledgements} from '../load/acknowledgements'
import {folderProblem} from '../load/files'
import {parseRoster, rosterFileName, type Roster} from '../load/people'
import {acknowledgementsFolder, type UnprovenAcknowledgement} from '../model/acknowledgement'
import {printable} from '../model/printable-text'
import {catFileBatch} from './base'
import {signatureDoubt} from './evidence'
import {GitError, git} from './git'
import {verifySignatures} from './signatures'

interface Addition {
  commit: string
  author: {name: string; email: string}
  path: string
  login: string
  document: string
  version: string
}

/**
 * The entries added since `baseRef` that their commit does not prove; undefined, with no git
 * run, when the repository has no acknowledgements folder.
 */
export async function unprovenAcknowledgements(root: string, baseRef: string): Promise<UnprovenAcknowledgement[] | undefined> {
  if (folderProblem(root, acknowledgementsFolder)?.kind === 'missing') return undefined
  let base: string
  try {
    base = git(root, ['rev-parse', '--verify', '--quiet', `${baseRef}^{commit}`]).trim()
  } catch {
    throw new GitError(`the base ref \`${baseRef}\` does not exist here; fetch it first (in GitHub Actions: checkout with \`fetch-depth: 0\`)`)
  }
  const additions = addedEntries(root, base)
  if (additions.length === 0) return []
  const roster = rosterAt(root, base)
  const people = roster?.people ?? []
  const signatures = await verifySignatures(root, [...new Set(additions.map((addition) => addition.commit))], people)
  const unproven: UnprovenAcknowledgement[] = []
  for (const addition of additions) {
    const person = people.find((candidate) => candidate.login === addition.login)
    const short = addition.commit.slice(0, 7)
    const who = `${printable(addition.author.name)} <${printable(addition.author.email)}>`
    const say = (reason: string) => unproven.push({path: addition.path, document: addition.document, version: addition.version, reason})
    if (!roster) say(`Unexpected acknowledgement for ${addition.login} added by commit ${short}: there is no valid roster (people.yaml) at ${baseRef} to say who ${addition.login} is; add the person to the roster in a pull request of its own first`)
    else if (!person) say(`Unexpected acknowledgement for ${addition.login} added by commit ${short}: no one on the roster at ${baseRef} has the login \`${addition.login}\`; add them to people.yaml in a pull request of its own first`)
    else if (!person.emails.some((email) => email.toLowerCase() === addition.author.email.toLowerCase())) {
      say(`Unexpected acknowledgement for ${addition.login} added by commit ${short} authored by ${who}; only ${person.name} can acknowledge for themselves: remove the entry, and ask them to run \`charter acknowledge ${addition.document}\` and commit it signed`)
    } else {
      const doubt = signatureDoubt(person, signatures.get(addition.commit))
      if (doubt !== undefined) say(`Unexpected acknowledgement for ${addition.login} added by commit ${short}: ${doubt}; an acknowledgement counts only in a commit signed with ${person.name}'s key on the roster at ${baseRef}, so amend it with \`git commit --amend -S\` (set up signing as the fork guide says) and push again`)
    }
  }
  return unproven
}

/** Each entry a commit since `base` added to a ledger file, with that commit and its author (oldest first). */
function addedEntries(root: string, base: string): Addition[] {
  const log = git(root, ['log', '--reverse', '--no-renames', '--format=%x1e%H%x1f%P%x1f%an%x1f%ae', '--name-only', `${base}..HEAD`, '--', `${acknowledgementsFolder}/`])
  const changes: {commit: string; parent?: string; author: {name: string; email: string}; path: string}[] = []
  for (const chunk of log.split('\x1e').filter(Boolean)) {
    const [head = '', ...paths] = chunk.split('\n').filter(Boolean)
    const [commit = '', parents = '', name = '', email = ''] = head.split('\x1f')
    const parent = parents.split(' ')[0] || undefined
    for (const path of paths) if (/^acknowledgements\/[^/]+\.yaml$/.test(path)) changes.push({commit, ...(parent ? {parent} : {}), author: {name, email}, path})
  }
  if (changes.length === 0) return []
  // Each file after and before its commit, in one `git cat-file --batch`.
  const objects = catFileBatch(root, changes.flatMap((change) => [`${change.commit}:${change.path}`, `${change.parent ?? change.commit}:${change.path}`]))
  const additions: Addition[] = []
  changes.forEach((change, index) => {
    const after = objects[index * 2]
    const before = change.parent ? objects[index * 2 + 1] : undefined
    if (after?.type !== 'blob') return
    // The whole entry: a commit rewritten in someone's existing entry is an entry added too.
    const had = new Set(before?.type === 'blob' ? parseAcknowledgements(before.text).entries.map((entry) => `${entry.document} ${entry.version} ${entry.commit}`) : [])
    const login = change.path.slice(acknowledgementsFolder.length + 1, -'.yaml'.length)
    for (const entry of parseAcknowledgements(after.text).entries) {
      if (!had.has(`${entry.document} ${entry.version} ${entry.commit}`)) additions.push({commit: change.commit, author: change.author, path: change.path, login, document: entry.document, version: entry.version})
    }
  })
  return additions
}

/** The roster as committed at the base: the trusted one for a pull request's commits. */
function rosterAt(root: string, base: string): Roster | undefined {
  const [object] = catFileBatch(root, [`${base}:${rosterFileName}`])
  return object?.type === 'blob' ? parseRoster(object.text).roster : undefined
}
