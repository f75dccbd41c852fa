// Every `charter` command: the one line `charter --help` lists for it, and its module, loaded
// only when it is the command asked for, so listing them all costs nothing at start-up.
import type {Command} from './command'

export interface CommandEntry {
  summary: string
  load(): Promise<{default: Command}>
}

export const registry: Record<string, CommandEntry> = {
  acknowledge: {summary: 'Record that you have read documents at their current version', load: () => import('./acknowledge')},
  audit: {summary: 'List changes to controlled documents with their approval evidence; flag overdue reviews', load: () => import('./audit')},
  build: {summary: 'Build the versioned bundle: security page, PDFs and manifest', load: () => import('./build')},
  check: {summary: 'Check every document: schema, sections, review dates, links, controls', load: () => import('./check')},
  codeowners: {summary: "Write .github/CODEOWNERS from the documents' owners and approvers", load: () => import('./codeowners')},
  coverage: {summary: 'Show which framework controls the approved documents cover, and the gaps', load: () => import('./coverage')},
  due: {summary: 'List reviews that are overdue or due soon (text, json or markdown)', load: () => import('./due')},
  history: {summary: "Show documents' revision history from git, with approval evidence", load: () => import('./history')},
  import: {summary: 'Adopt a folder of existing Markdown policies (Hugo, Jekyll, comply, plain) as documents', load: () => import('./import')},
  init: {summary: 'Make a fork your own: render the seed library for your organization', load: () => import('./init')},
  new: {summary: 'Scaffold a draft document of a kind, with its required sections', load: () => import('./new')},
  remind: {summary: 'Open, update and close GitHub issues for reviews falling due', load: () => import('./remind')},
  review: {summary: 'Record a review: set last_reviewed, optionally bump the version, print a commit message', load: () => import('./review')},
  vendors: {summary: 'List the vendor register by tier; scaffold a vendor file; record a vendor review', load: () => import('./vendors')},
  verify: {summary: "Check a bundle's files against its manifest", load: () => import('./verify')}
}
