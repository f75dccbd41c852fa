// The roster, people.yaml: who may approve, every email they commit with, and their signing
// keys. Validated against schemas/people.schema.json; one person is one entry, so an email,
// login or key listed for two people is an error rather than a second identity.
import {createHash} from 'node:crypto'
import {existsSync} from 'node:fs'
import {resolve} from 'node:path'
import type {Node} from 'yaml'
import {validatePeople} from '../generated/validators.js'
import {didYouMean} from '../model/suggest'
import {readDocumentFile} from './files'
import {notAMapping, parseYaml, schemaProblems, type ParsedYaml, type Problem} from './yaml'

export const rosterFileName = 'people.yaml'

export interface SigningKey {
  /** `type base64`, without the comment: the form written into an allowed-signers file. */
  key: string
  /** As git and ssh-keygen print it: `SHA256:` and the unpadded base64 of the key's hash. */
  fingerprint: string
}

export interface RosterPerson {
  name: string
  emails: string[]
  github?: string
  roles: string[]
  /** The name of their files under acknowledgements/ and training/: `login`, else the GitHub login. */
  login?: string
  /** The day they started, and their last day once they have left. */
  start?: string
  end?: string
  employment: 'employee' | 'contractor'
  /** Groups from `acknowledgements.groups` in the config. */
  groups: string[]
  signingKeys: SigningKey[]
  /** ASCII-armored OpenPGP public keys. */
  gpgKeys: string[]
  /** Their primary and subkey fingerprints: set by gpg when signatures are verified, not by the loader. */
  gpgFingerprints?: string[]
}

export interface Roster {
  people: RosterPerson[]
  /** Roles that approve config and roster changes; undefined: the documents' owners and approvers. */
  configApprovers?: string[]
}

interface PersonEntry {
  name: string
  emails: string[]
  github?: string
  roles: string[]
  login?: string
  start?: string
  end?: string
  employment?: 'employee' | 'contractor'
  groups?: string[]
  signing_keys?: string[]
  gpg_keys?: string[]
}

/**
 * Parses roster text; a roster with any problem is not used (undefined). With the config's
 * `groups`, a person's unknown group is a problem too, though it leaves the roster in use:
 * groups decide what people acknowledge, not who may approve.
 */
export function parseRoster(text: string, groups?: readonly string[]): {roster?: Roster; problems: Problem[]} {
  const parsed = parseYaml(text)
  if (parsed.problems.length > 0) return {problems: parsed.problems}
  const shape = notAMapping(parsed, 'roster')
  if (shape) return {problems: [shape.reason.startsWith('Unexpected empty') ? {...shape, reason: 'Unexpected empty roster, expected a `people:` list of people with their `name`, `emails` and `roles`'} : shape]}
  if (!validatePeople(parsed.value)) return {problems: schemaProblems(parsed, validatePeople.errors ?? [], {start: 0, end: 0, reason: ''})}
  const value = parsed.value as {people: PersonEntry[]; config_approvers?: string[]}
  const problems = [...keyProblems(parsed, value.people), ...tenureProblems(parsed, value.people), ...duplicates(parsed, text, value.people)]
  if (problems.length > 0) return {problems}
  const people = value.people.map((entry) => ({
    name: entry.name,
    emails: entry.emails,
    ...(entry.github ? {github: entry.github} : {}),
    roles: entry.roles,
    ...(entry.login ?? entry.github ? {login: entry.login ?? entry.github!.toLowerCase()} : {}),
    ...(entry.start ? {start: entry.start} : {}),
    ...(entry.end ? {end: entry.end} : {}),
    employment: entry.employment ?? 'employee',
    groups: entry.groups ?? [],
    signingKeys: (entry.signing_keys ?? []).map((line) => signingKey(line)!),
    gpgKeys: entry.gpg_keys ?? []
  }))
  return {roster: {people, ...(value.config_approvers ? {configApprovers: value.config_approvers} : {})}, problems: groups ? groupProblems(parsed, value.people, groups) : []}
}

/** An SSH public key line, checked beyond the schema's pattern: the base64 must hold that key type. */
function signingKey(line: string): SigningKey | undefined {
  const [type = '', base64 = ''] = line.split(' ')
  const blob = Buffer.from(base64, 'base64')
  if (blob.toString('base64').replace(/=+$/, '') !== base64.replace(/=+$/, '') || blob.length < 4) return undefined
  const length = blob.readUInt32BE(0)
  if (blob.subarray(4, 4 + length).toString('latin1') !== type) return undefined
  return {key: `${type} ${base64}`, fingerprint: `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`}
}

function nodeAt(parsed: ParsedYaml, path: (string | number)[]): Node | undefined {
  return parsed.yaml.getIn(path, true) as Node | undefined
}

function at(parsed: ParsedYaml, path: (string | number)[], reason: string): Problem {
  const range = nodeAt(parsed, path)?.range
  return {start: range?.[0] ?? 0, end: range?.[1] ?? 0, reason}
}

function keyProblems(parsed: ParsedYaml, people: PersonEntry[]): Problem[] {
  return people.flatMap((person, index) =>
    (person.signing_keys ?? []).flatMap((line, keyIndex) =>
      signingKey(line)
        ? []
        : [at(parsed, ['people', index, 'signing_keys', keyIndex], `Unexpected \`people[${index}].signing_keys[${keyIndex}]\`: the base64 is not a \`${line.split(' ')[0]}\` public key; paste the whole line of the \`.pub\` file`)]
    )
  )
}

/** A last day before the first. */
function tenureProblems(parsed: ParsedYaml, people: PersonEntry[]): Problem[] {
  return people.flatMap((person, index) =>
    person.start && person.end && person.end < person.start
      ? [at(parsed, ['people', index, 'end'], `Unexpected \`end\` ${person.end} before \`start\` ${person.start}; a person's last day comes on or after their first, so correct one of the two`)]
      : []
  )
}

/** Groups a person is in that the config does not define; `groups` is the config's `acknowledgements.groups`. */
function groupProblems(parsed: ParsedYaml, people: PersonEntry[], groups: readonly string[]): Problem[] {
  return people.flatMap((person, index) =>
    (person.groups ?? [])
      .map((group, groupIndex) => ({group, groupIndex}))
      .filter(({group}) => !groups.includes(group))
      .map(({group, groupIndex}) =>
        at(
          parsed,
          ['people', index, 'groups', groupIndex],
          `Unexpected group \`${group}\`: \`acknowledgements.groups\` in the config has no such group; add it there with the documents its members owe${groups.length > 0 ? `, or use one of ${groups.map((name) => `\`${name}\``).join(', ')}${didYouMean(group, groups)}` : ''}`
        )
      )
  )
}

/** An email, login or key listed for two people makes two identities of one; report the second. */
function duplicates(parsed: ParsedYaml, text: string, people: PersonEntry[]): Problem[] {
  const problems: Problem[] = []
  const seen = new Map<string, number>()
  const lineOf = (index: number) => text.slice(0, nodeAt(parsed, ['people', index, 'name'])?.range?.[0] ?? 0).split('\n').length
  const claim = (what: string, value: string, index: number, path: (string | number)[]) => {
    const key = `${what} ${value.toLowerCase()}`
    const first = seen.get(key)
    if (first === undefined) {
      seen.set(key, index)
      return
    }
    if (first === index) return
    problems.push(
      at(parsed, path, `Unexpected duplicate ${what} \`${value}\`: also listed for ${people[first]!.name} (line ${lineOf(first)}); one person is one entry, so merge the two or remove it from one`)
    )
  }
  people.forEach((person, index) => {
    person.emails.forEach((email, emailIndex) => claim('email', email, index, ['people', index, 'emails', emailIndex]))
    if (person.github) claim('GitHub login', person.github, index, ['people', index, 'github'])
    // Two people with one login would share one acknowledgements file.
    const login = person.login ?? person.github
    if (login) claim('login', login, index, ['people', index, person.login ? 'login' : 'github'])
    ;(person.signing_keys ?? []).forEach((line, keyIndex) => claim('signing key', line.split(' ').slice(0, 2).join(' '), index, ['people', index, 'signing_keys', keyIndex]))
  })
  return problems
}

interface LoadedRoster {
  /** Undefined when there is no roster file or it has problems. */
  roster?: Roster
  /** The file's text ('' when it could not be read); undefined when there is no file. */
  text?: string
  /** Offsets into `text`; `check` reports them through its `config-schema` rule. */
  problems: Problem[]
}

/** Reads people.yaml at the repository root for `check`; no file means no roster, not an error. */
export function loadRoster(root: string, groups?: readonly string[]): LoadedRoster {
  if (!existsSync(resolve(root, rosterFileName))) return {problems: []}
  const read = readDocumentFile(root, rosterFileName)
  if (!('text' in read)) return {text: '', problems: [{start: 0, end: 0, reason: read.problem}]}
  const {roster, problems} = parseRoster(read.text, groups)
  return {text: read.text, problems, ...(roster ? {roster} : {})}
}

/** The roster person an email belongs to (case-insensitive). */
export function personByEmail(roster: Roster | undefined, email: string): RosterPerson | undefined {
  const wanted = email.trim().toLowerCase()
  return roster?.people.find((person) => person.emails.some((candidate) => candidate.toLowerCase() === wanted))
}

/** The email in `Name <email>` (the last bracketed part), or a bare email. */
export function emailIn(value: string): string | undefined {
  return /<([^<>]*)>\s*$/.exec(value)?.[1]?.trim() ?? (/^[^\s<>@]+@[^\s<>@]+$/.test(value.trim()) ? value.trim() : undefined)
}

/** The roster person a trailer value names: by its email when it has one, else by name. */
export function personNamed(roster: Roster | undefined, value: string): RosterPerson | undefined {
  const email = emailIn(value)
  if (email !== undefined) return personByEmail(roster, email)
  const name = value.trim().toLowerCase()
  return roster?.people.find((person) => person.name.toLowerCase() === name)
}
