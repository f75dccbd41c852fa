// What git alone can establish about approval trailers: the roster on the base each change
// landed on (never the change's own roster, which it could have edited), and whose key signed
// each commit that carries a trailer. Signatures are verified by git against an allowed-signers
// file made from those rosters, written to a temporary folder outside the work tree.
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {parseRoster, rosterFileName, type Roster} from '../load/people'
import {gitAsync} from './git'
import type {Trailer} from './log'

export const approvalTrailers: ReadonlySet<string> = new Set(['approved-by', 'reviewed-by'])

/** A change whose trailers may approve it: `base` is the commit it landed on (its first parent). */
export interface TrailerCarrier {
  base?: string
  trailers: Trailer[]
}

const maxBatches = 4

/**
 * Sets each approval trailer's `signature`, and returns the valid roster on each base that
 * carries one (bases of changes without approval trailers are not read).
 */
export async function establishTrailerFacts(root: string, carriers: readonly TrailerCarrier[]): Promise<Map<string, Roster>> {
  const approving = carriers.filter((carrier) => carrier.trailers.some((trailer) => approvalTrailers.has(trailer.key.toLowerCase())))
  if (approving.length === 0) return new Map()
  const rosters = await rostersAt(root, [...new Set(approving.flatMap((carrier) => (carrier.base ? [carrier.base] : [])))])
  const keys = [...new Set([...rosters.values()].flatMap((roster) => roster.people.flatMap((person) => person.signingKeys.map((key) => key.key))))]
  if (keys.length === 0) return rosters
  const trailers = approving.flatMap((carrier) => carrier.trailers.filter((trailer) => approvalTrailers.has(trailer.key.toLowerCase())))
  const signatures = await verifyCommits(root, [...new Set(trailers.map((trailer) => trailer.commit))], keys)
  for (const trailer of trailers) {
    const signature = signatures.get(trailer.commit)
    if (signature) trailer.signature = signature
  }
  return rosters
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
    if (type !== 'blob') continue
    const length = Number(size)
    if (!parsed.has(object)) parsed.set(object, parseRoster(output.subarray(offset, offset + length).toString('utf8')).roster)
    offset += length + 1
    const roster = parsed.get(object)
    if (roster) found.set(commit, roster)
  }
  return found
}

/**
 * `%G?` and the key fingerprint of each commit, from `git log --no-walk` over the commits in a few
 * batches run side by side (git verifies one signature at a time within a process).
 */
async function verifyCommits(root: string, commits: readonly string[], keys: readonly string[]): Promise<Map<string, NonNullable<Trailer['signature']>>> {
  const folder = mkdtempSync(join(tmpdir(), 'charter-signers-'))
  try {
    const file = join(folder, 'allowed_signers')
    writeFileSync(file, keys.map((key, index) => `signer-${index + 1} namespaces="git" ${key}\n`).join(''), {mode: 0o600})
    const size = Math.max(8, Math.ceil(commits.length / maxBatches))
    const batches: string[][] = []
    for (let index = 0; index < commits.length; index += size) batches.push(commits.slice(index, index + size))
    const outputs = await Promise.all(
      batches.map((batch) =>
        gitAsync(root, ['-c', `gpg.ssh.allowedSignersFile=${file}`, 'log', '--no-walk=unsorted', '--stdin', '--format=%x1e%H%x1f%G?%x1f%GF'], `${batch.join('\n')}\n`)
      )
    )
    const signatures = new Map<string, NonNullable<Trailer['signature']>>()
    for (const chunk of outputs.map((output) => output.toString('utf8')).join('').split('\x1e')) {
      const [commit = '', status = '', fingerprint = ''] = chunk.trim().split('\x1f')
      if (commit) signatures.set(commit, {status, ...(fingerprint ? {fingerprint} : {})})
    }
    return signatures
  } finally {
    rmSync(folder, {recursive: true, force: true})
  }
}
