// site/changelog.xml: the changelog as an Atom feed (RFC 4287), so reviewers can subscribe, with a
// notice of each change to the subprocessor list, which customers' DPAs ask to be told of. Every
// date comes from a commit and every id from a commit or the config, so the same commit gives the
// same bytes; text is escaped for XML and characters XML cannot carry are dropped.
import {createHash} from 'node:crypto'
import type {ReleaseGroup} from './changelog'

export const changelogFeedPath = 'site/changelog.xml'

export interface FeedFacts {
  /** The site's name, as the pages show it. */
  siteName: string
  organization: string
  audience: 'public' | 'internal'
  /** `security_txt.url`: where the bundle is published, ending in `/`; gives the feed its base and self link. */
  url?: string
  /** The bundle's commit date (ISO 8601): the feed's date when no change is listed. */
  bundleDate: string
}

/**
 * An entry that is no document change: a notice of a change to the subprocessor list. `name`
 * makes its id, so the same change always has the same id.
 */
export interface FeedNotice {
  name: string
  title: string
  /** ISO 8601: the commit date of the change. */
  timestamp: string
  /** The page and anchor it links to, relative to site/. */
  href: string
  category: string
  content: string
}

/** The feed's text; `notices` go in among the changes, newest first, a change before a notice of the same moment. */
export function changelogFeed(groups: readonly ReleaseGroup[], facts: FeedFacts, notices: readonly FeedNotice[] = []): string {
  const changes = groups.flatMap((group) => group.changes.map((change) => ({change, group})))
  const timestamps = [...changes.map(({change}) => change.timestamp), ...notices.map((notice) => notice.timestamp)]
  const updated = timestamps.reduce((newest, timestamp) => (Date.parse(timestamp) > Date.parse(newest) ? timestamp : newest), timestamps[0] ?? facts.bundleDate)
  const base = facts.url === undefined ? '' : ` xml:base="${attribute(`${facts.url}site/`)}"`
  const changeEntries = changes.map(({change, group}) => ({
    timestamp: change.timestamp,
    lines: [
      '  <entry>',
      `    <id>${uuidUrn(`charter change ${change.commit}`)}</id>`,
      `    <title type="text">${text(change.summary)}</title>`,
      `    <updated>${change.timestamp}</updated>`,
      `    <link rel="alternate" type="text/html" href="changelog.html#${attribute(change.anchor)}"/>`,
      `    <author><name>${text(change.author)}</name></author>`,
      `    <category term="${attribute(group.version)}"/>`,
      `    <content type="text">${text(entryText(change, group))}</content>`,
      '  </entry>'
    ]
  }))
  // The organization speaks for a notice: it is the company's commitment to its customers, not one person's change.
  const noticeEntries = [...notices]
    .sort((a, b) => Date.parse(b.timestamp) - Date.parse(a.timestamp) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((notice) => ({
      timestamp: notice.timestamp,
      lines: [
        '  <entry>',
        `    <id>${uuidUrn(notice.name)}</id>`,
        `    <title type="text">${text(notice.title)}</title>`,
        `    <updated>${notice.timestamp}</updated>`,
        `    <link rel="alternate" type="text/html" href="${attribute(notice.href)}"/>`,
        `    <author><name>${text(facts.organization)}</name></author>`,
        `    <category term="${attribute(notice.category)}"/>`,
        `    <content type="text">${text(notice.content)}</content>`,
        '  </entry>'
      ]
    }))
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en"${base}>`,
    `  <id>${feedId(facts)}</id>`,
    `  <title>${text(`${facts.siteName} security policy changes`)}</title>`,
    `  <updated>${updated}</updated>`,
    `  <author><name>${text(facts.organization)}</name></author>`,
    '  <link rel="alternate" type="text/html" href="changelog.html"/>',
    ...(facts.url === undefined ? [] : ['  <link rel="self" type="application/atom+xml" href="changelog.xml"/>']),
    ...newestFirst(changeEntries, noticeEntries).flatMap((entry) => entry.lines),
    '</feed>',
    ''
  ]
  return lines.join('\n')
}

/** The changes in their own order, with each notice put before the first change older than it. */
function newestFirst<T extends {timestamp: string}>(changes: readonly T[], notices: readonly T[]): T[] {
  const merged: T[] = []
  let next = 0
  for (const change of changes) {
    while (next < notices.length && Date.parse(notices[next]!.timestamp) > Date.parse(change.timestamp)) merged.push(notices[next++]!)
    merged.push(change)
  }
  return [...merged, ...notices.slice(next)]
}

/** What an entry says besides its title: the documents changed, the version, and the approval. */
function entryText(change: ReleaseGroup['changes'][number], group: ReleaseGroup): string {
  return [
    `${change.documents.length === 1 ? 'Document' : 'Documents'}: ${change.documents.map((document) => `${document.title} ${document.version}`).join(', ')}.`,
    `${group.unreleased ? 'In this bundle' : 'Release'}: ${group.version}.`,
    `Approval: ${change.approval}.`
  ].join('\n')
}

/** The feed's id: from where it is published when the config says, else from the organization; one per audience. */
function feedId(facts: FeedFacts): string {
  return uuidUrn(`charter changelog ${facts.url ?? facts.organization} ${facts.audience}`)
}

/** A name-based (version 5) UUID as a URN: the same name always gives the same id. */
function uuidUrn(name: string): string {
  const hash = createHash('sha1').update(namespace).update(name, 'utf8').digest()
  hash[6] = (hash[6]! & 0x0f) | 0x50
  hash[8] = (hash[8]! & 0x3f) | 0x80
  const hex = hash.subarray(0, 16).toString('hex')
  return `urn:uuid:${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

// RFC 4122's URL namespace: the names above are Charter's own, not URLs, but any fixed namespace serves.
const namespace = Buffer.from('6ba7b8119dad11d180b400c04fd430c8', 'hex')

// What XML 1.0 cannot carry at all: other controls, lone surrogates, U+FFFE and U+FFFF.
const notXml = /[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu

function text(value: string): string {
  return value.replace(notXml, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

function attribute(value: string): string {
  return text(value).replace(/"/g, '&quot;')
}
