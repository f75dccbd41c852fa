// What git alone can establish about approval trailers: the roster on the base each change
// landed on (never the change's own roster, which it could have edited), and whose key signed
// each commit that carries a trailer. Signatures are verified by git: SSH ones against an
// allowed-signers file made from those rosters, OpenPGP ones with a GNUPGHOME holding only the
// rosters' public keys; both in a temporary folder outside the work tree, removed afterwards.
import {spawn, spawnSync} from 'node:child_process'
import {existsSync, mkdirSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {parseRoster, rosterFileName, type Roster, type RosterPerson} from '../load/people'
import {approvalTrailers} from './evidence'
import {temporaryFolder} from '../write/atomic'
import {gitAsync} from './git'
import type {Trailer} from './log'

/** A change whose trailers may approve it: `base` is the commit it landed on (its first parent). */
interface TrailerCarrier {
  base?: string
  trailers: Trailer[]
}

const maxBatches = 4

/**
 * Sets each approval trailer's `signature`, and returns the valid roster on each base that
 * carries one (bases of changes without approval trailers are not read).
 */
export async function establishTrailerFacts(root: string, carriers: readonly TrailerCarrier[], rosterCommits: readonly string[] = []): Promise<Map<string, Roster>> {
  const approving = carriers.filter((carrier) => carrier.trailers.some((trailer) => approvalTrailers.has(trailer.key.toLowerCase())))
  // Without a trailer to judge, the rosters after their changes are still read: they name the authors.
  if (approving.length === 0) return rostersAt(root, [...new Set(rosterCommits)])
  // Also the roster after each of its changes: an older roster may be the one still trusted.
  const rosters = await rostersAt(root, [...new Set([...approving.flatMap((carrier) => (carrier.base ? [carrier.base] : [])), ...rosterCommits])])
  // Bases that share a roster file share its parsed roster: each person once.
  const people = [...new Set(rosters.values())].flatMap((roster) => roster.people)
  const keys = [...new Set(people.flatMap((person) => person.signingKeys.map((key) => key.key)))]
  if (keys.length === 0 && !people.some((person) => person.gpgKeys.length > 0)) return rosters
  const trailers = approving.flatMap((carrier) => carrier.trailers.filter((trailer) => approvalTrailers.has(trailer.key.toLowerCase())))
  const signatures = await verifyCommits(root, [...new Set(trailers.map((trailer) => trailer.commit))], keys, people)
  for (const trailer of trailers) {
    const signature = signatures.get(trailer.commit)
    if (signature) trailer.signature = signature
  }
  return rosters
}

/** Each commit's signature, verified against the keys of `people` only (none: nothing verifies). */
export async function verifySignatures(root: string, commits: readonly string[], people: readonly RosterPerson[]): Promise<Map<string, NonNullable<Trailer['signature']>>> {
  const keys = [...new Set(people.flatMap((person) => person.signingKeys.map((key) => key.key)))]
  if (commits.length === 0 || (keys.length === 0 && !people.some((person) => person.gpgKeys.length > 0))) return new Map()
  return verifyCommits(root, commits, keys, people)
}

/** The roster file at each commit, read in one `git cat-file --batch`; each distinct file parsed once. */
async function rostersAt(root: string, commits: readonly string[]): Promise<Map<string, Roster>> {
  const found = new Map<string, Roster>()
  if (commits.length === 0) return found
  const output = await gitAsync(root, ['cat-file', '--batch'], `${commits.map((commit) => `${commit}:${rosterFileName}`).join('\n')}\n`)
  const parsed = new Map<string, Roster | undefined>()
  let offset = 0
  for (const commit of commits) {
    const lineEnd = output.indexOf(10, offset)
    const [object = '', type = '', size = '0'] = output.subarray(offset, lineEnd).toString('utf8').split(' ')
    offset = lineEnd + 1
    if (type === 'missing' || type === '') continue
    // Any other object (a folder named people.yaml, say) is followed by its content: step past it too.
    const length = Number(size)
    const content = output.subarray(offset, offset + length)
    offset += length + 1
    if (type !== 'blob') continue
    if (!parsed.has(object)) parsed.set(object, parseRoster(content.toString('utf8')).roster)
    const roster = parsed.get(object)
    if (roster) found.set(commit, roster)
  }
  return found
}

/**
 * `%G?` and the key fingerprints of each commit, from `git log --no-walk` over the commits in a
 * few batches run side by side (git verifies one signature at a time within a process).
 */
async function verifyCommits(root: string, commits: readonly string[], keys: readonly string[], people: readonly RosterPerson[]): Promise<Map<string, NonNullable<Trailer['signature']>>> {
  const temporary = temporaryFolder('charter-signers-')
  const folder = temporary.path
  const gnupgHome = join(folder, 'gnupg')
  try {
    const file = join(folder, 'allowed_signers')
    writeFileSync(file, keys.map((key, index) => `signer-${index + 1} namespaces="git" ${key}\n`).join(''), {mode: 0o600})
    // gpg, when git runs it, sees only the rosters' keys (none, when they list none), never the user's keyring.
    mkdirSync(gnupgHome, {mode: 0o700})
    await importGpgKeys(gnupgHome, people)
    const size = Math.max(8, Math.ceil(commits.length / maxBatches))
    const batches: string[][] = []
    for (let index = 0; index < commits.length; index += size) batches.push(commits.slice(index, index + size))
    const outputs = await Promise.all(
      batches.map((batch) =>
        gitAsync(root, ['-c', `gpg.ssh.allowedSignersFile=${file}`, 'log', '--no-walk=unsorted', '--stdin', '--format=%x1e%H%x1f%G?%x1f%GF%x1f%GP'], `${batch.join('\n')}\n`, {GNUPGHOME: gnupgHome})
      )
    )
    const signatures = new Map<string, NonNullable<Trailer['signature']>>()
    for (const chunk of outputs.map((output) => output.toString('utf8')).join('').split('\x1e')) {
      const [commit = '', status = '', fingerprint = '', primary = ''] = chunk.trim().split('\x1f')
      if (commit) signatures.set(commit, {status, ...(fingerprint ? {fingerprint} : {}), ...(primary && primary !== fingerprint ? {primary} : {})})
    }
    return signatures
  } finally {
    // Importing keys starts a gpg-agent for the temporary home; stop it before removing its folder.
    if (existsSync(join(gnupgHome, 'S.gpg-agent'))) spawnSync('gpgconf', ['--homedir', gnupgHome, '--kill', 'all'])
    temporary.release()
  }
}

/**
 * Each roster person's OpenPGP fingerprints (from `gpg --show-keys`, per person) are set on them,
 * and all their keys imported into `home`. Without gpg installed, no OpenPGP signature verifies.
 */
async function importGpgKeys(home: string, people: readonly RosterPerson[]): Promise<void> {
  const holders = people.filter((person) => person.gpgKeys.length > 0)
  if (holders.length === 0) return
  const listed = await Promise.all(holders.map((person) => runGpg(home, ['--with-colons', '--show-keys'], person.gpgKeys.join('\n'))))
  holders.forEach((person, index) => {
    person.gpgFingerprints = (listed[index] ?? '').split('\n').flatMap((line) => (line.startsWith('fpr:') ? [line.split(':')[9] ?? ''] : [])).filter(Boolean)
  })
  await runGpg(home, ['--import'], [...new Set(holders.flatMap((person) => person.gpgKeys))].join('\n'))
}

/** gpg's standard output, or '' when gpg is missing or refuses the input. */
function runGpg(home: string, args: readonly string[], input: string): Promise<string> {
  return new Promise((resolve) => {
    const child = spawn('gpg', ['--batch', '--no-tty', '--homedir', home, ...args], {env: {...process.env, LC_ALL: 'C'}, stdio: ['pipe', 'pipe', 'ignore']})
    const out: Buffer[] = []
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk))
    child.on('error', () => resolve(''))
    child.on('close', (status) => resolve(status === 0 ? Buffer.concat(out).toString('utf8') : ''))
    child.stdin.on('error', () => {})
    child.stdin.end(input)
  })
}
