// The subprocessor list page (site/subprocessors.html) and its notices in the Atom feed: the
// register's current subprocessors as they stand in the work tree, and each past change to the
// list from git. Only a customer's fields go out (name, purpose, location); every one is text
// for the template to escape.
import {folderProblem} from '../load/files'
import {readVendorRegister, type VendorRegister} from '../load/vendor-register'
import type {Config} from '../model/config-shape'
import {changesTitle, locationText, subprocessorList} from '../model/subprocessors'
import {subprocessorHistory, type SubprocessorListChange} from '../history/subprocessor-history'
import type {FeedNotice} from './changelog-feed'

export const subprocessorPagePath = 'site/subprocessors.html'
const pageHref = 'subprocessors.html'

export interface SubprocessorRow {
  name: string
  website?: string
  purpose: string
  location: string
  leaving: boolean
}

export interface SubprocessorNotice {
  commit: string
  /** `change-` and the commit's first 12 characters: the row's anchor, which the feed's entry links. */
  anchor: string
  /** YYYY-MM-DD, as the changelog shows a date, and the commit's own timestamp (ISO 8601) for the feed. */
  date: string
  timestamp: string
  /** The one change, or how many of each kind. */
  title: string
  changes: string[]
}

export interface SubprocessorPage {
  subprocessors: SubprocessorRow[]
  /** Newest first. */
  notices: SubprocessorNotice[]
}

/**
 * The page's values, or undefined for a repository without a vendors folder, which keeps no
 * register and so says nothing about subprocessors. The list is the work tree's, as every page is;
 * its past is the committed history up to HEAD, so a change not yet committed has no notice.
 */
export async function subprocessorPage(root: string, config: Pick<Config, 'vendors' | 'adoption'>, checked?: () => VendorRegister): Promise<SubprocessorPage | undefined> {
  if (folderProblem(root, config.vendors.folder)?.kind === 'missing') return undefined
  // The register the check read, when it has one: each file is parsed once per build.
  const register = checked ? checked() : readVendorRegister(root, config)
  const list = subprocessorList(register.files.map((file) => ({key: file.path, vendor: file.vendor})))
  const history = await subprocessorHistory(root, {folder: config.vendors.folder, ...(config.adoption === undefined ? {} : {adoption: config.adoption})}, config)
  return {
    subprocessors: list.map((entry) => ({name: entry.name, ...(entry.website ? {website: entry.website} : {}), purpose: entry.purpose, location: locationText(entry.location), leaving: entry.leaving})),
    notices: history.map(notice)
  }
}

function notice(change: SubprocessorListChange): SubprocessorNotice {
  return {commit: change.commit, anchor: `change-${change.commit.slice(0, 12)}`, date: change.date.slice(0, 10), timestamp: change.date, title: changesTitle(change.changes), changes: change.changes.map((entry) => entry.text)}
}

/** The feed's entries for the page's notices: one per commit that changed the list, linking to its row. */
export function subprocessorFeedNotices(page: SubprocessorPage): FeedNotice[] {
  return page.notices.map((entry) => ({
    name: `charter subprocessors ${entry.commit}`,
    title: entry.title,
    timestamp: entry.timestamp,
    href: `${pageHref}#${entry.anchor}`,
    category: 'subprocessors',
    content: entry.changes.join('\n')
  }))
}

