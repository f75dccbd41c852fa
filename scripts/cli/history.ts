// `charter history`: each document's revisions from git, newest first, with approval evidence.
import type {Document} from '../model/document'
import {documentsFolder} from '../load/corpus'
import {gitHubFromEnvironment} from '../forge/github-client'
import {assessTrailers, describeClaims, describeEvidence, type Claim, type Evidence} from '../history/evidence'
import {gitHubEvidence} from '../history/pull-request-evidence'
import {readHistory, type Revision} from '../history/log'
import {personByEmail} from '../load/people'
import type {Command} from './command'
import {choiceOption, findDocument, loadDocuments, requireConfig, rootHelp, rootOf, rootOptions} from './options'

const formats = ['text', 'json', 'markdown'] as const

export const usage = `Usage: charter history [<id>...] [options]

Shows each document's revision history from git, newest first: version, date, summary, author
and approval evidence. Without ids, every document. One revision per change that landed on the
current branch (a merged pull request counts once); renames are followed. Approval evidence
comes from Approved-by: and Reviewed-by: commit trailers, and with --github from the merged
pull requests GitHub lists for the commit (never a number in its subject). A trailer counts
only when the person it names is on the roster (people.yaml, as it was before the change), is
not the change's author, holds one of the document's approvers: roles, and signed the commit
carrying it with a key the roster lists for them; any other trailer is shown as "claimed, not
verified" with the reason. An author whose email is on the roster is shown by their roster
name, so one person is one name whichever email they committed with. A shallow clone is
refused rather than shown with a truncated history.

Options:
  --format <name>      text (default), json, or markdown (tables, for documents and PDFs)
  --github             Add evidence from pull request reviews on GitHub (GITHUB_TOKEN;
                       repository from GITHUB_REPOSITORY or github.repository in the config);
                       answers are cached outside the repository, as for charter audit
${rootHelp}
  -h, --help           Show this help
`

export interface DocumentHistory {
  document: Document
  revisions: {revision: Revision; evidence: Evidence[]; claims: Claim[]}[]
}

const command: Command = {
  summary: "Show documents' revision history from git, with approval evidence",
  usage,
  options: {format: {type: 'string'}, github: {type: 'boolean'}, ...rootOptions},
  async run(values, positionals, io) {
    const format = choiceOption(values, 'format', formats, 'history')
    const root = rootOf(values)
    const config = requireConfig(root, values)
    const documents = loadDocuments(root)
    const chosen = positionals.length === 0 ? documents : positionals.map((id) => findDocument(id, documents))
    const history = await readHistory(root, documentsFolder)
    const revisions = chosen.flatMap((document) => history.get(document.path) ?? [])
    let fromGitHub: Map<string, Evidence[]> | undefined
    if (values.github) {
      const result = await gitHubEvidence(gitHubFromEnvironment(root, config.github.repository, '--github needs a token in GITHUB_TOKEN that can read pull requests', io), revisions)
      fromGitHub = result.byCommit
      if (result.unavailable) {
        const missing = revisions.filter((revision) => !result.byCommit.has(revision.commit)).length
        io.stderr.write(`charter: GitHub was unavailable (${result.unavailable}); pull request evidence is missing for ${missing} revisions, shown as "not assessed"\n`)
      }
    }
    const histories: DocumentHistory[] = chosen.map((document) => ({
      document,
      revisions: (history.get(document.path) ?? []).map((revision) => {
        const trailers = assessTrailers(revision)
        return {revision, evidence: [...trailers.evidence, ...(fromGitHub?.get(revision.commit) ?? [])], claims: trailers.claims}
      })
    }))
    const assessed = (commit: string) => !fromGitHub || fromGitHub.has(commit)
    // The trusted roster once each change landed, never the work tree's, which a pull request may edit.
    const people: Names = (revision) => personByEmail(revision.people, revision.author.email)?.name
    io.stdout.write(format === 'json' ? json(histories, assessed, people) : format === 'markdown' ? markdown(histories, assessed, people) : text(histories, assessed, people))
    return 0
  }
}

const day = (date: string) => date.slice(0, 10)

/** The roster person a change's author is (by email), else undefined. */
type Names = (revision: Revision) => string | undefined
const summaryOf = (revision: Revision) =>
  revision.change === 'renamed' ? `${revision.subject} (renamed from ${revision.previousPath})` : revision.change === 'deleted' ? `${revision.subject} (deleted)` : revision.subject

function approval(entry: {revision: Revision; evidence: Evidence[]; claims: Claim[]}, assessed: (commit: string) => boolean): string {
  const claims = entry.claims.length > 0 ? `; ${describeClaims(entry.claims)}` : ''
  if (entry.evidence.length > 0) return `${describeEvidence(entry.evidence)}${claims}`
  return `${assessed(entry.revision.commit) ? 'none' : 'not assessed (GitHub unavailable)'}${claims}`
}

function text(histories: readonly DocumentHistory[], assessed: (commit: string) => boolean, people: Names): string {
  return histories
    .map(({document, revisions}) => {
      const heading = `${document.meta.id ?? document.path}: ${document.meta.title ?? ''} (${document.path})`
      if (revisions.length === 0) return `${heading}\n  no committed history yet\n`
      const rows = revisions.map((entry) => [entry.revision.version ?? '—', day(entry.revision.date), people(entry.revision) ?? entry.revision.author.name, summaryOf(entry.revision), approval(entry, assessed)])
      const widths = [0, 1, 2, 3].map((column) => Math.max(...rows.map((row) => row[column]!.length), ['version', 'date', 'author', 'change'][column]!.length))
      const line = (cells: string[]) => `  ${cells.map((cell, column) => (column < 4 ? cell.padEnd(widths[column]!) : cell)).join('  ')}`.trimEnd()
      return [heading, line(['version', 'date', 'author', 'change', 'approval']), ...rows.map(line), ''].join('\n')
    })
    .join('\n')
}

function json(histories: readonly DocumentHistory[], assessed: (commit: string) => boolean, people: Names): string {
  return `${JSON.stringify(
    histories.map(({document, revisions}) => ({
      id: document.meta.id,
      title: document.meta.title,
      path: document.path,
      revisions: revisions.map(({revision, evidence, claims}) => ({
        commit: revision.commit,
        date: revision.date,
        version: revision.version ?? null,
        author: revision.author,
        person: people(revision) ?? null,
        ...(revision.mergedBy ? {merged_by: revision.mergedBy} : {}),
        subject: revision.subject,
        pr: revision.pr ?? null,
        path: revision.path,
        change: revision.change,
        ...(revision.previousPath ? {previous_path: revision.previousPath} : {}),
        trailers: revision.trailers,
        evidence,
        claims,
        assessed: assessed(revision.commit)
      }))
    })),
    null,
    2
  )}\n`
}

function markdown(histories: readonly DocumentHistory[], assessed: (commit: string) => boolean, people: Names): string {
  const cell = (value: string) => value.replaceAll('|', '\\|')
  return histories
    .map(({document, revisions}) =>
      [
        `### ${cell(document.meta.title ?? document.path)}`,
        '',
        '| Version | Date | Change | Author | Approval |',
        '| --- | --- | --- | --- | --- |',
        ...revisions.map((entry) =>
          `| ${entry.revision.version ?? '—'} | ${day(entry.revision.date)} | ${cell(summaryOf(entry.revision))} | ${cell(people(entry.revision) ?? entry.revision.author.name)} | ${cell(approval(entry, assessed))} |`
        ),
        ''
      ].join('\n')
    )
    .join('\n')
}

export default command
