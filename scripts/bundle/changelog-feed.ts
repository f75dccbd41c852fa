// site/changelog.xml: the changelog as an Atom feed (RFC 4287), so reviewers can subscribe. Every
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

/** The feed's text. */
export function changelogFeed(groups: readonly ReleaseGroup[], facts: FeedFacts): string {
  const changes = groups.flatMap((group) => group.changes.map((change) => ({change, group})))
  const updated = changes.reduce((newest, {change}) => (Date.parse(change.timestamp) > Date.parse(newest) ? change.timestamp : newest), changes[0]?.change.timestamp ?? facts.bundleDate)
  const base = facts.url === undefined ? '' : ` xml:base="${attribute(`${facts.url}site/`)}"`
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en"${base}>`,
    `  <id>${feedId(facts)}</id>`,
    `  <title>${text(`${facts.siteName} security policy changes`)}</title>`,
    `  <updated>${updated}</updated>`,
    `  <author><name>${text(facts.organization)}</name></author>`,
    '  <link rel="alternate" type="text/html" href="changelog.html"/>',
    ...(facts.url === undefined ? [] : ['  <link rel="self" type="application/atom+xml" href="changelog.xml"/>']),
    ...changes.flatMap(({change, group}) => [
      '  <entry>',
      `    <id>${uuidUrn(`charter change ${change.commit}`)}</id>`,
      `    <title type="text">${text(change.summary)}</title>`,
      `    <updated>${change.timestamp}</updated>`,
      `    <link rel="alternate" type="text/html" href="changelog.html#${attribute(change.anchor)}"/>`,
      `    <author><name>${text(change.author)}</name></author>`,
      `    <category term="${attribute(group.version)}"/>`,
      `    <content type="text">${text(entryText(change, group))}</content>`,
      '  </entry>'
    ]),
    '</feed>',
    ''
  ]
  return lines.join('\n')
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
