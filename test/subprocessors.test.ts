// The subprocessor list page and its notices in the Atom feed, from a real git repository whose
// commits add, change and remove subprocessors: the page's text, each feed entry's title, date, id
// and link, the same bytes from two builds, and no internal field of a vendor on the page.
import {mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {gunzipSync} from 'node:zlib'
import {beforeAll, describe, expect, it} from 'vitest'
import {subprocessorHistory} from '../scripts/history/subprocessor-history'
import type {Config} from '../scripts/model/config-shape'
import {listChanges, subprocessorList} from '../scripts/model/subprocessors'
import {policy} from './fixtures/documents'
import {charter, makeRepo, runGit, type Run} from './helpers'

const at = (date: string) => ({GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date})
const config = [
  'organization:',
  '  name: Example Corp',
  '  short_name: Example',
  '  security_contact: security@example.test',
  // Customer PII as medium: no assurance rule applies, so the vendors stay short.
  'vendors:',
  '  data_categories:',
  '    customer-pii: medium',
  '    none: low',
  ''
].join('\n')

/** The same settings as the config, for reading the history directly. */
const settings: Pick<Config, 'vendors'> = {
  vendors: {folder: 'vendors', data_categories: {'customer-pii': 'medium', none: 'low'}, review_interval: {critical: '12 months', high: '12 months', medium: '24 months', low: '36 months'}, assurance: {tiers: [], max_age: '12 months', bridge_letter_max_age: '3 months'}}
}

/** A vendor file; `fields` replaces or adds lines. */
function vendor(id: string, fields: Record<string, string> = {}): string {
  const lines: Record<string, string> = {
    id,
    name: id,
    owner: 'Head of Security',
    status: 'active',
    services: 'Something',
    data: '[customer-pii]',
    subprocessor: 'true',
    last_reviewed: '2026-01-05',
    reviewed_by: 'Head of Security',
    // Internal fields that must never reach the page.
    tier_justification: 'SECRET-JUSTIFICATION',
    ...fields
  }
  return `${Object.entries(lines)
    .map(([key, value]) => `${key}: ${value}`)
    .join('\n')}\n`
}

interface Repository {
  root: string
  commits: Record<'first' | 'policyOnly' | 'added' | 'changed' | 'merge' | 'removed', string>
}

/**
 * Example Corp's history: the first commit lists NimbusForge and Helpwise (and an evaluating
 * and a non-subprocessor vendor, which the list leaves out); a policy-only commit; TallyPay is
 * added; NimbusForge's location and Helpwise's purpose change; a merged pull request makes
 * SignalNest active; Helpwise is retired and the evaluating vendor's file deleted.
 */
function repository(): Repository {
  const root = makeRepo({
    'charter.config.yaml': config,
    'policies/access-control.md': policy('access-control', {title: 'Access Control Policy', effective: '2026-01-05', last_reviewed: '2026-01-05'}),
    'vendors/nimbusforge.yaml': vendor('nimbusforge', {name: 'NimbusForge', website: 'https://nimbusforge.example', services: 'Cloud hosting', location: '[EU]', tier: 'medium'}),
    'vendors/helpwise.yaml': vendor('helpwise', {name: 'Helpwise', services: 'Support desk', location: '[EU, United States]'}),
    'vendors/signalnest.yaml': vendor('signalnest', {name: 'SignalNest', status: 'evaluating', services: 'Error tracking', location: '[EU]'}),
    'vendors/swagstack.yaml': vendor('swagstack', {name: 'SwagStack', services: 'Office swag', data: '[none]', subprocessor: 'false'})
  })
  const head = () => runGit(root, ['rev-parse', 'HEAD']).trim()
  const edit = (path: string, from: string, to: string) => writeFileSync(join(root, path), readFileSync(join(root, path), 'utf8').replace(from, to))
  runGit(root, ['init', '-q', '-b', 'main'])
  runGit(root, ['add', '-A'])
  runGit(root, ['commit', '-q', '-m', 'Adopt Charter with the vendor register'], at('2026-01-05T09:00:00Z'))
  const first = head()
  edit('policies/access-control.md', 'Text for purpose.', 'Text for the purpose.')
  edit('policies/access-control.md', 'version: 1.0.0', 'version: 1.0.1')
  runGit(root, ['commit', '-q', '-am', 'Reword the purpose'], at('2026-01-20T09:00:00Z'))
  const policyOnly = head()
  writeFileSync(join(root, 'vendors/tallypay.yaml'), vendor('tallypay', {name: 'TallyPay', services: 'Card payments', location: '[EU, United Kingdom]'}))
  runGit(root, ['add', '-A'])
  runGit(root, ['commit', '-q', '-m', 'Onboard TallyPay'], at('2026-02-02T10:00:00+02:00'))
  const added = head()
  edit('vendors/nimbusforge.yaml', 'location: [EU]', 'location: [EU, United States]')
  edit('vendors/helpwise.yaml', 'services: Support desk', 'services: Support desk and help centre')
  runGit(root, ['commit', '-q', '-am', 'NimbusForge adds a US region'], at('2026-03-01T12:00:00+00:00'))
  const changed = head()
  runGit(root, ['checkout', '-q', '-b', 'onboard-signalnest'])
  edit('vendors/signalnest.yaml', 'status: evaluating', 'status: active')
  runGit(root, ['commit', '-q', '-am', 'SignalNest passed its review'], at('2026-03-10T12:00:00+00:00'))
  runGit(root, ['checkout', '-q', 'main'])
  runGit(root, ['merge', '-q', '--no-ff', 'onboard-signalnest', '-m', 'Merge pull request #7 from example/onboard-signalnest'], at('2026-03-12T08:00:00+00:00'))
  const merge = head()
  edit('vendors/helpwise.yaml', 'status: active', 'status: retired\noffboarded:\n  date: 2026-04-01\n  data_deletion_confirmed: 2026-04-02')
  writeFileSync(join(root, 'vendors/swagstack.yaml'), vendor('swagstack', {name: 'SwagStack', services: 'Office swag and merchandise', data: '[none]', subprocessor: 'false'}))
  runGit(root, ['commit', '-q', '-am', 'Retire Helpwise'], at('2026-04-03T09:30:00+00:00'))
  const removed = head()
  writeFileSync(join(root, '.gitignore'), 'dist*/\n')
  runGit(root, ['add', '.gitignore'])
  runGit(root, ['commit', '-q', '-m', 'Ignore bundles'], at('2026-04-04T09:30:00+00:00'))
  return {root, commits: {first, policyOnly, added, changed, merge, removed}}
}

let repo: Repository
const built: Record<string, {run: Run; file(path: string): string}> = {}

async function build(name: string, args: string[] = []) {
  const out = `dist-${name}`
  const run = await charter(['build', '--no-pdf', '--out', out, ...args], repo.root)
  built[name] = {run, file: (path) => readFileSync(join(repo.root, out, path), 'utf8')}
}

beforeAll(async () => {
  repo = repository()
  await build('public')
  await build('again')
  await build('internal', ['--audience', 'internal'])
}, 60_000)

const short = (commit: string) => commit.slice(0, 12)

/** The page's text, tags dropped and lines trimmed, from its <h1> to the end of <main>. */
function mainText(html: string): string[] {
  const main = html.slice(html.indexOf('<main'), html.indexOf('</main>'))
  return main
    .replace(/<[^>]+>/g, '\n')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
}

describe('the subprocessor page', () => {
  it('lists the current subprocessors by name, with purpose and location, and each change to the list, newest first', () => {
    const {run, file} = built.public!
    expect(run.stderr).toBe('')
    expect(run.status).toBe(0)
    expect(mainText(file('site/subprocessors.html'))).toEqual([
      'Subprocessors',
      "The service providers that process Example Corp's customers' personal data on its behalf, as of 2026-04-04. Each change to this list is announced in the",
      'Atom feed',
      ': subscribe to it to be told of a new subprocessor.',
      'On this page',
      'Current subprocessors',
      'Changes to this list',
      'Current subprocessors',
      'Subprocessor',
      'Purpose',
      'Location',
      'NimbusForge',
      'Cloud hosting',
      'EU, United States',
      'SignalNest',
      'Error tracking',
      'EU',
      'TallyPay',
      'Card payments',
      'EU, United Kingdom',
      'Changes to this list',
      'Date',
      'Change',
      '2026-04-03',
      'Removed Helpwise',
      '2026-03-12',
      'Added SignalNest (Error tracking, EU)',
      '2026-03-01',
      'Changed Helpwise: purpose now Support desk and help centre',
      'Changed NimbusForge: location now EU, United States (was EU)',
      '2026-02-02',
      'Added TallyPay (Card payments, EU, United Kingdom)',
      '2026-01-05',
      'Added Helpwise (Support desk, EU, United States)',
      'Added NimbusForge (Cloud hosting, EU)'
    ])
    const page = file('site/subprocessors.html')
    expect(page).toContain('<th scope="row"><a href="https://nimbusforge.example">NimbusForge</a></th>')
    for (const [name, commit] of [['removed', repo.commits.removed], ['merge', repo.commits.merge], ['changed', repo.commits.changed], ['added', repo.commits.added], ['first', repo.commits.first]]) {
      expect(page, name).toContain(`<tr id="change-${short(commit!)}">`)
    }
    expect(page).toContain('<li><a href="subprocessors.html" aria-current="page">Subprocessors</a></li>')
  })

  it('never shows a vendor\'s internal fields', () => {
    for (const name of ['public', 'internal']) {
      const page = built[name]!.file('site/subprocessors.html')
      for (const internal of ['SECRET-JUSTIFICATION', 'Head of Security', 'medium', 'customer-pii', 'SwagStack', 'swag', '2026-01-05</td>\n<td']) expect(page, `${name}: ${internal}`).not.toContain(internal)
    }
  })

  it('is linked from every page\'s navigation and the overview, indexed by search, and listed in the manifest', () => {
    const {file} = built.public!
    expect(file('site/index.html')).toContain(' · <a href="subprocessors.html">subprocessors</a> · ')
    expect(file('site/documents/access-control.html')).toContain('<li><a href="../subprocessors.html">Subprocessors</a></li>')
    const manifest = JSON.parse(file('manifest.json')) as {files: Record<string, string>}
    expect(Object.keys(manifest.files)).toContain('site/subprocessors.html')
    // Pagefind's files are gzip-compressed; a word only the subprocessor page holds is in them.
    const index = readdirSync(join(repo.root, 'dist-public/site/pagefind'), {recursive: true, withFileTypes: true})
      .filter((entry) => entry.isFile())
      .map((entry) => readFileSync(join(entry.parentPath, entry.name)))
      .map((bytes) => (bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes).toString('latin1'))
      .join('\n')
    expect(index).toContain('tallypay')
  })

  it('is the same, byte for byte, from two builds', () => {
    for (const path of ['site/subprocessors.html', 'site/changelog.xml', 'manifest.json']) expect(built.again!.file(path), path).toBe(built.public!.file(path))
  })
})

describe('the Atom feed', () => {
  it('has an entry for each commit that changed the list, among the document changes, newest first', () => {
    const feed = built.public!.file('site/changelog.xml')
    const entries = [...feed.matchAll(/<entry>\n([\s\S]*?)\n {2}<\/entry>/g)].map((match) => match[1]!.split('\n').map((line) => line.trim()))
    const titles = entries.map((lines) => `${lines[2]!.replace(/<\/?updated>/g, '')} ${lines[1]!.replace(/<\/?title[^>]*>/g, '')}`)
    expect(titles).toEqual([
      '2026-04-03T09:30:00+00:00 Removed Helpwise',
      '2026-03-12T08:00:00+00:00 Added SignalNest (Error tracking, EU)',
      '2026-03-01T12:00:00+00:00 Subprocessor list updated: changed 2',
      '2026-02-02T10:00:00+02:00 Added TallyPay (Card payments, EU, United Kingdom)',
      '2026-01-20T09:00:00+00:00 Reword the purpose',
      '2026-01-05T09:00:00+00:00 Adopt Charter with the vendor register',
      '2026-01-05T09:00:00+00:00 Subprocessor list updated: added 2'
    ])
    expect(feed).toContain('  <updated>2026-04-03T09:30:00+00:00</updated>\n  <author><name>Example Corp</name></author>')
    const changed = entries[2]!
    expect(changed).toEqual([
      expect.stringMatching(/^<id>urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}<\/id>$/),
      '<title type="text">Subprocessor list updated: changed 2</title>',
      '<updated>2026-03-01T12:00:00+00:00</updated>',
      `<link rel="alternate" type="text/html" href="subprocessors.html#change-${short(repo.commits.changed)}"/>`,
      '<author><name>Example Corp</name></author>',
      '<category term="subprocessors"/>',
      '<content type="text">Changed Helpwise: purpose now Support desk and help centre',
      'Changed NimbusForge: location now EU, United States (was EU)</content>'
    ])
    // The id is the commit's, the same in every bundle and audience.
    const ids = entries.map((lines) => lines[0])
    expect(new Set(ids).size).toBe(ids.length)
    expect(built.internal!.file('site/changelog.xml')).toContain(changed[0]!)
  })
})

describe('the history of the list', () => {
  it('starts from the adoption commit\'s list when the config names one', async () => {
    const changes = await subprocessorHistory(repo.root, {folder: 'vendors', adoption: repo.commits.added}, settings)
    expect(changes.map((change) => [change.commit, change.date, change.changes.map((entry) => entry.text)])).toEqual([
      [repo.commits.removed, '2026-04-03T09:30:00+00:00', ['Removed Helpwise']],
      [repo.commits.merge, '2026-03-12T08:00:00+00:00', ['Added SignalNest (Error tracking, EU)']],
      [repo.commits.changed, '2026-03-01T12:00:00+00:00', ['Changed Helpwise: purpose now Support desk and help centre', 'Changed NimbusForge: location now EU, United States (was EU)']]
    ])
  })

  it('reads the committed list, never the work tree, and has no notice for an uncommitted change', async () => {
    const root = mkdtempSync(join(tmpdir(), 'charter-subprocessors-'))
    try {
      runGit(root, ['init', '-q', '-b', 'main'])
      writeFileSync(join(root, 'a.txt'), 'a\n')
      runGit(root, ['add', '-A'])
      runGit(root, ['commit', '-q', '-m', 'No vendors yet'], at('2026-01-05T09:00:00Z'))
      expect(await subprocessorHistory(root, {folder: 'vendors'}, settings)).toEqual([])
      mkdirSync(join(root, 'vendors'))
      writeFileSync(join(root, 'vendors/acme.yaml'), vendor('acme', {name: 'Acme', services: 'Hosting', location: '[EU]'}))
      expect(await subprocessorHistory(root, {folder: 'vendors'}, settings)).toEqual([])
      runGit(root, ['add', '-A'])
      runGit(root, ['commit', '-q', '-m', 'Add Acme'], at('2026-02-05T09:00:00Z'))
      // Broken, then mended: a file that does not parse says nothing new, so neither is a notice.
      writeFileSync(join(root, 'vendors/acme.yaml'), 'id: acme\nname: [unclosed\n')
      runGit(root, ['commit', '-q', '-am', 'Break Acme'], at('2026-02-06T09:00:00Z'))
      writeFileSync(join(root, 'vendors/acme.yaml'), vendor('acme', {name: 'Acme', services: 'Hosting', location: '[EU]'}))
      runGit(root, ['commit', '-q', '-am', 'Mend Acme'], at('2026-02-07T09:00:00Z'))
      // A vendor that is no subprocessor (its file is not parsed), then one.
      writeFileSync(join(root, 'vendors/bolt.yaml'), vendor('bolt', {name: 'Bolt', services: 'Mail', subprocessor: 'false', location: '[EU]'}))
      runGit(root, ['add', '-A'])
      runGit(root, ['commit', '-q', '-m', 'Add Bolt'], at('2026-02-08T09:00:00Z'))
      // The key spelt with an escape (\x70 is p): the text never says `subprocessor` as such.
      writeFileSync(join(root, 'vendors/bolt.yaml'), vendor('bolt', {name: 'Bolt', services: 'Mail', subprocessor: 'false', location: '[EU]'}).replace('subprocessor: false', '"sub\\x70rocessor": true'))
      runGit(root, ['commit', '-q', '-am', 'Bolt gets customer data'], at('2026-02-09T09:00:00Z'))
      unlinkSync(join(root, 'vendors/acme.yaml'))
      const history = await subprocessorHistory(root, {folder: 'vendors'}, settings)
      expect(history.map((change) => [change.date, change.changes.map((entry) => entry.text)])).toEqual([
        ['2026-02-09T09:00:00+00:00', ['Added Bolt (Mail, EU)']],
        ['2026-02-05T09:00:00+00:00', ['Added Acme (Hosting, EU)']]
      ])
    } finally {
      rmSync(root, {recursive: true, force: true})
    }
  })
})

describe('the list and its changes', () => {
  const entry = (key: string, fields: Record<string, unknown>) => ({key, vendor: {name: key, services: 'Hosting', status: 'active' as const, subprocessor: true, ...fields}})

  it('keeps active and offboarding subprocessors, by name whatever the files\' order', () => {
    const list = subprocessorList([
      entry('b', {name: 'beta'}),
      entry('a', {name: 'Alpha', status: 'offboarding', website: 'javascript:alert(1)'}),
      entry('c', {name: 'Gamma', status: 'evaluating'}),
      entry('d', {name: 'Delta', status: 'retired'}),
      entry('e', {name: 'Epsilon', subprocessor: false}),
      entry('f', {name: 'Beta'})
    ])
    expect(list.map((row) => [row.key, row.name, row.leaving, row.website])).toEqual([
      ['a', 'Alpha', true, undefined],
      ['b', 'beta', false, undefined],
      ['f', 'Beta', false, undefined]
    ])
  })

  it('says a renamed subprocessor, and that a location is not stated', () => {
    const before = subprocessorList([entry('a', {name: 'Old', location: ['EU']})])
    const after = subprocessorList([entry('a', {name: 'New'})])
    expect(listChanges(before, after).map((change) => change.text)).toEqual(['Changed New: renamed from Old; location no longer stated (was EU)'])
    expect(listChanges([], after).map((change) => change.text)).toEqual(['Added New (Hosting, location not stated)'])
  })

  // Renaming a vendor's file (a new id) changes nothing a customer sees: no notice of a new subprocessor.
  it('tells nothing when a file is renamed and what customers see stays the same, and pairs each removal once', () => {
    const before = subprocessorList([entry('nimbusforge', {name: 'NimbusForge', location: ['EU']}), entry('mailer', {name: 'Mailer'})])
    const after = subprocessorList([entry('nimbus', {name: 'NimbusForge', location: ['EU']}), entry('nimbus-two', {name: 'NimbusForge', location: ['EU']}), entry('mailer', {name: 'Mailer'})])
    expect(listChanges(before, after).map((change) => change.text)).toEqual(['Added NimbusForge (Hosting, EU)'])
    const moved = subprocessorList([entry('nimbus', {name: 'NimbusForge', location: ['US']}), entry('mailer', {name: 'Mailer'})])
    expect(listChanges(before, moved).map((change) => change.text)).toEqual(['Added NimbusForge (Hosting, US)', 'Removed NimbusForge'])
  })
})

