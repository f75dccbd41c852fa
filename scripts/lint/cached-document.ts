// A document's check results to and from the check cache (load/check-cache.ts), and the key that
// decides when they may be reused: the program, the config, today, the base, the path and the text.
// Reused results are the same bytes a fresh check gives (test/check-cache.test.ts).
import {createHash} from 'node:crypto'
import {VFile} from 'vfile'
import type {Config} from '../load/config'
import type {CachedDocument} from '../load/check-cache'
import {frontMatterAt} from '../load/front-matter'
import type {Base} from '../history/base'
import type {Day} from '../model/dates'
import type {DocumentSummary} from '../model/document'
import {programFingerprint} from '../model/build-fingerprint'
import {ownCopy} from '../model/own-copy'
import type {Kept} from './run'

/** What every document's key shares in one check. */
export function contextKey(config: Config, today: Day, base: Base | undefined): string {
  const baseState = base && {ref: base.ref, documents: [...base.documents], config: base.config, renamedFrom: base.renamedFrom && [...base.renamedFrom]}
  return createHash('sha256').update(JSON.stringify({program: programFingerprint, config, today, base: baseState})).digest('hex')
}

export function documentKey(context: string, path: string, text: string): string {
  return createHash('sha256').update(`${context}\0${path}\0`).update(text).digest('hex')
}

/** What to keep once the document's own rules ran. */
export function toCache({summary, file, meta}: Kept): CachedDocument {
  return {
    meta,
    ...(summary.frontMatter ? {frontMatter: {start: summary.frontMatter.start, end: summary.frontMatter.end}} : {}),
    messages: file.messages.map((message) => ({
      reason: message.reason,
      ...(message.place ? {place: message.place} : {}),
      ...(message.ruleId ? {ruleId: message.ruleId} : {}),
      ...(message.source ? {source: message.source} : {}),
      fatal: message.fatal === true
    })),
    anchors: summary.anchors,
    links: summary.links,
    ...(summary.control ? {control: summary.control} : {})
  }
}

/** The file, summary and fields a fresh check of the same text would have at this point. */
export function fromCache(path: string, text: string, cached: CachedDocument): Kept {
  // Only the front matter's text: the corpus rules place their messages nowhere else.
  const kept = cached.frontMatter ? ownCopy(text.slice(0, cached.frontMatter.end)) : ''
  const file = new VFile({path, value: kept})
  for (const {reason, place, ruleId, source, fatal} of cached.messages) {
    const message = file.message(reason, {...(place ? {place} : {}), ...(ruleId ? {ruleId} : {}), ...(source ? {source} : {})})
    message.fatal = fatal
  }
  const meta = cached.meta
  const summary: DocumentSummary = {path, anchors: cached.anchors, links: cached.links, related: meta.related ?? []}
  if (cached.control) summary.control = cached.control
  if (meta.id !== undefined) summary.id = meta.id
  // Its YAML is parsed again only if a corpus rule reports at a key.
  if (cached.frontMatter) summary.frontMatter = frontMatterAt(kept, cached.frontMatter)
  return {summary, file, meta}
}
