// `charter review`: record that documents were reviewed (last_reviewed, optionally a version
// bump), touching only those values, and print a commit message for the change.
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {formatDay, parseDuration, plural, type Day} from '../model/dates'
import type {Document} from '../model/document'
import {dueWithin, reviewState} from '../model/review-state'
import {editFrontMatter, type FrontMatterEdit} from '../scaffold/front-matter-edit'
import {changedMeanwhile, writeFilesAtomically} from '../write/atomic'
import {UsageError, type Command} from './command'
import {CommandFailure, dateOption, findDocument, loadDocuments, requireConfig, rootHelp, rootOf, rootOptions} from './options'

const bumps = ['patch', 'minor', 'major'] as const
type Bump = (typeof bumps)[number]

export const usage = `Usage: charter review <id>... [options]

Records a completed review: sets last_reviewed to today (or --date) in each document's front
matter, and with --bump also raises its version. Comments, key order, quoting and the body are
kept byte for byte. All files are written together, or none is. Prints a commit message to use.

Options:
  --date <date>        The date of the review, YYYY-MM-DD (default: today)
  --bump <part>        Also raise the version:
                         minor  a change that is not material (2.1.0 → 2.2.0)
                         major  a material change that needs re-approval (2.1.0 → 3.0.0)
                         patch  wording only (2.1.0 → 2.1.1)
  --all-due            Review every document that is overdue, or due within the warn
                       window (review.warn_window in config), on the review date;
                       any ids given are reviewed too
${rootHelp}
  -h, --help           Show this help
`

interface Planned {
  document: Document
  path: string
  oldVersion?: string
  newVersion?: string
  content: string
  /** The file as it was read, so a concurrent edit is noticed rather than overwritten. */
  original: string
}

const command: Command = {
  summary: 'Record a review: set last_reviewed (and bump the version)',
  usage,
  options: {date: {type: 'string'}, bump: {type: 'string'}, 'all-due': {type: 'boolean'}, ...rootOptions},
  async run(values, positionals, io) {
    const bump = values.bump as string | undefined
    if (bump !== undefined && !(bumps as readonly string[]).includes(bump)) {
      throw new UsageError(`review: unknown --bump \`${bump}\`, expected one of ${bumps.join(', ')}`)
    }
    if (positionals.length === 0 && !values['all-due']) {
      throw new UsageError('review: name at least one document id, or pass --all-due (see `charter review --help`)')
    }
    const root = rootOf(values)
    const config = requireConfig(root, values)
    const date = dateOption(values, 'date', 'review', io)
    if (date > io.today()) throw new UsageError(`review: --date ${formatDay(date)} is in the future; a review is recorded once it has happened`)
    const documents = loadDocuments(root)
    const chosen = new Map<string, Document>()
    for (const id of positionals) chosen.set(id, findDocument(id, documents))
    if (values['all-due']) {
      const window = parseDuration(config.review.warn_window)!
      for (const document of documents) {
        // Due as of the review date, so a back-dated review picks what was due then.
        const state = reviewState(document.meta, config, date)
        if (state && dueWithin(state, window, date)) chosen.set(document.meta.id!, document)
      }
      if (chosen.size === 0) {
        io.stdout.write(`No document is due for review within ${config.review.warn_window}.\n`)
        return 0
      }
    }
    const planned = [...chosen.values()].map((document) => plan(root, document, date, bump as Bump | undefined))
    writeFilesAtomically(root, new Map(planned.map((item) => [item.path, item.content])), {expected: new Map(planned.map((item) => [item.path, item.original]))})
    io.stdout.write(summary(planned, date))
    return 0
  }
}

function plan(root: string, document: Document, date: Day, bump: Bump | undefined): Planned {
  const text = readFileSync(join(root, document.path), 'utf8')
  // The front matter was read a moment ago; a file that differs now was edited meanwhile.
  if (text.replace(/^\uFEFF/, '') !== document.text) throw new CommandFailure(changedMeanwhile(document.path))
  const edits: FrontMatterEdit[] = [{key: 'last_reviewed', value: formatDay(date)}]
  const {version: oldVersion, effective} = document.meta
  if (effective !== undefined && formatDay(date) < effective) {
    throw new CommandFailure(`${document.path}: the review date ${formatDay(date)} is before effective ${effective}; pass the date the review took place with --date`)
  }
  let newVersion: string | undefined
  if (bump) {
    if (oldVersion === undefined) throw new CommandFailure(`${document.path}: no valid version to bump; fix it (charter check shows the problem) and run again`)
    newVersion = bumpVersion(oldVersion, bump)
    edits.push({key: 'version', value: newVersion})
  }
  try {
    return {document, path: document.path, oldVersion, newVersion, content: editFrontMatter(text, edits), original: text}
  } catch (error) {
    throw new CommandFailure(`${document.path}: ${(error as Error).message}; nothing was written`)
  }
}

function bumpVersion(version: string, part: Bump): string {
  const [major = 0, minor = 0, patch = 0] = version.split('.').map(Number)
  if (part === 'major') return `${major + 1}.0.0`
  if (part === 'minor') return `${major}.${minor + 1}.0`
  return `${major}.${minor}.${patch + 1}`
}

function summary(planned: readonly Planned[], date: Day): string {
  const ids = planned.map((item) => item.document.meta.id ?? item.path)
  const width = Math.max(...planned.map((item) => item.path.length))
  const lines = planned.map((item) =>
    item.newVersion ? `  ${item.path.padEnd(width)}  version ${item.oldVersion} → ${item.newVersion}` : `  ${item.path.padEnd(width)}  version ${item.oldVersion ?? '?'} (unchanged)`
  )
  const subject = ids.length <= 3 ? `Review ${joinWords(ids)}` : `Review ${plural(ids.length, 'document')}`
  const body = planned.map((item, index) =>
    item.newVersion ? `- ${ids[index]}: ${item.oldVersion} → ${item.newVersion}` : `- ${ids[index]}: reviewed, no change (${item.oldVersion ?? 'unversioned'})`
  )
  return [
    `Recorded the review of ${plural(planned.length, 'document')} (last_reviewed: ${formatDay(date)}):`,
    ...lines,
    '',
    'Commit it with a message such as:',
    '',
    subject,
    '',
    `Periodic review on ${formatDay(date)}.`,
    ...body,
    ''
  ].join('\n')
}

function joinWords(words: readonly string[]): string {
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`
}

export default command
