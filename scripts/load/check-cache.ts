// The check's per-document cache: what a document's own rules found and the summary the corpus
// rules need, keyed by everything that decides them (lint/repository.ts, documentKey). It lives
// in the user's cache folder, outside the repository. A file that is not exactly what this build
// writes (corrupt, foreign, another build's, a link, too large) is ignored, never trusted.
import {closeSync, mkdirSync, renameSync, rmSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import type {Root} from 'mdast'
import type {Point, Position} from 'unist'
import type {DocumentMeta} from '../model/document'
import {programFingerprint} from '../model/build-fingerprint'
import {openNoFollow, readUpTo} from './files'

/** One message a document's rules reported, as the VFile held it. */
export interface CachedMessage {
  reason: string
  place?: Position | Point
  ruleId?: string
  source?: string
  fatal: boolean
}

/** What the check keeps of one document once its own rules ran. */
export interface CachedDocument {
  /** The front matter's fields that passed the schema. */
  meta: Partial<DocumentMeta>
  /** Where the front matter's YAML sits in the text, when the summary kept it. */
  frontMatter?: {start: number; end: number}
  messages: CachedMessage[]
  anchors: string[]
  links: {url: string; position?: Position}[]
  control?: Root
}

export interface DocumentCache {
  get(key: string): CachedDocument | undefined
  set(key: string, entry: CachedDocument): void
}

const format = 1
/** Larger than any cache of 10,000 documents this build writes; a bigger file is not read. */
const maxCacheBytes = 256 * 1024 * 1024

/** The cache in `dir` (one file), empty when there is none or it is not to be trusted. */
export class CheckCache implements DocumentCache {
  private readonly file: string
  private readonly stored: Map<string, CachedDocument>
  private readonly used = new Map<string, CachedDocument>()
  /** How many documents came from the cache in this run. */
  hits = 0

  constructor(private readonly dir: string) {
    this.file = join(dir, 'check.json')
    this.stored = readCache(this.file)
  }

  get(key: string): CachedDocument | undefined {
    const entry = this.stored.get(key)
    if (entry) {
      this.hits++
      this.used.set(key, entry)
    }
    return entry
  }

  set(key: string, entry: CachedDocument): void {
    this.used.set(key, entry)
  }

  /** Keeps this run's entries only, so the file holds one entry per document; a failure only means a slower next run. */
  save(): void {
    const temporary = `${this.file}.${process.pid}.tmp`
    try {
      mkdirSync(this.dir, {recursive: true, mode: 0o700})
      writeFileSync(temporary, JSON.stringify({format, program: programFingerprint, entries: Object.fromEntries(this.used)}), {mode: 0o600})
      renameSync(temporary, this.file)
    } catch {
      rmSync(temporary, {force: true})
    }
  }
}

function readCache(file: string): Map<string, CachedDocument> {
  const none = new Map<string, CachedDocument>()
  let text: string
  try {
    const opened = openNoFollow(file)
    if (opened === 'symlink') return none
    try {
      if (!opened.stats.isFile() || opened.stats.size > maxCacheBytes) return none
      text = readUpTo(opened.descriptor, opened.stats.size).toString('utf8')
    } finally {
      closeSync(opened.descriptor)
    }
  } catch {
    return none
  }
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    return none
  }
  if (!isRecord(parsed) || parsed.format !== format || parsed.program !== programFingerprint || !isRecord(parsed.entries)) return none
  const entries = new Map<string, CachedDocument>()
  for (const [key, entry] of Object.entries(parsed.entries)) {
    if (!/^[0-9a-f]{64}$/.test(key) || !isCachedDocument(entry)) return none
    entries.set(key, entry)
  }
  return entries
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value)
const isString = (value: unknown): value is string => typeof value === 'string'
const isCount = (value: unknown) => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0

function isPoint(value: unknown): boolean {
  return isRecord(value) && isCount(value.line) && isCount(value.column) && (value.offset === undefined || isCount(value.offset))
}

function isPlace(value: unknown): boolean {
  return isRecord(value) && ('start' in value ? isPoint(value.start) && isPoint(value.end) : isPoint(value))
}

function isMessage(value: unknown): value is CachedMessage {
  return (
    isRecord(value) &&
    isString(value.reason) &&
    typeof value.fatal === 'boolean' &&
    (value.place === undefined || isPlace(value.place)) &&
    (value.ruleId === undefined || isString(value.ruleId)) &&
    (value.source === undefined || isString(value.source))
  )
}

/** A lint-comment tree as lint/run.ts keeps it: a root of html markers and stand-ins, each with a position. */
function isControl(value: unknown): boolean {
  return (
    isRecord(value) &&
    value.type === 'root' &&
    (value.position === undefined || isPlace(value.position)) &&
    Array.isArray(value.children) &&
    value.children.every((child) => isRecord(child) && (child.type === 'html' ? isString(child.value) : child.type === 'stand-in') && (child.position === undefined || isPlace(child.position)))
  )
}

function isCachedDocument(value: unknown): value is CachedDocument {
  return (
    isRecord(value) &&
    Array.isArray(value.messages) &&
    value.messages.every(isMessage) &&
    Array.isArray(value.anchors) &&
    value.anchors.every(isString) &&
    Array.isArray(value.links) &&
    value.links.every((link) => isRecord(link) && isString(link.url) && (link.position === undefined || isPlace(link.position))) &&
    (value.control === undefined || isControl(value.control)) &&
    isRecord(value.meta) &&
    (value.frontMatter === undefined || (isRecord(value.frontMatter) && isCount(value.frontMatter.start) && isCount(value.frontMatter.end)))
  )
}
