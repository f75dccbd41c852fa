// Files GitHub issues at most once each: an issue whose exact title is already filed is found
// by searching first and not filed again, so a scheduled job can run as often as it likes.
import {ForgeUnavailable, kindOf, objectField, stringField, UnexpectedShape, type GitHub, type Shape} from './github-client'

export interface IssueRequest<Key> {
  /** What the filed issue's URL is recorded under. */
  key: Key
  title: string
  /** Made only when the issue is filed. */
  body(): string
}

export interface FiledIssues<Key> {
  /** Issue URL per key, for issues filed now or found filed before. */
  issues: Map<Key, string>
  /** Why GitHub stopped answering before every issue was filed. */
  failed?: string
}

interface IssueAnswer {
  html_url: string
  title: string
}

/** GitHub's issue search answer, checked: a wrong shape means GitHub is unavailable, not a crash. */
const searchShape: Shape<{items: IssueAnswer[]}> = (value) => {
  const items = objectField(value, 'the search answer').items
  if (!Array.isArray(items)) throw new UnexpectedShape(`items is ${kindOf(items)}, expected a list`)
  return {
    items: items.map((item, index) => {
      const issue = objectField(item, `item ${index + 1}`)
      return {title: stringField(issue.title, `item ${index + 1}.title`), html_url: stringField(issue.html_url, `item ${index + 1}.html_url`)}
    })
  }
}

export async function fileIssuesOnce<Key>(github: GitHub, requests: readonly IssueRequest<Key>[]): Promise<FiledIssues<Key>> {
  const issues = new Map<Key, string>()
  try {
    for (const request of requests) {
      const query = encodeURIComponent(`repo:${github.repository} is:issue in:title "${request.title}"`)
      const found = await github.get(`/search/issues?q=${query}`, {fresh: true, shape: searchShape})
      const existing = found.items.find((item) => item.title === request.title)
      if (existing) {
        issues.set(request.key, existing.html_url)
        continue
      }
      const created = await github.post<IssueAnswer>(github.repoPath('/issues'), {title: request.title, body: request.body()})
      issues.set(request.key, created.html_url)
    }
    return {issues}
  } catch (error) {
    if (error instanceof ForgeUnavailable) return {issues, failed: error.message}
    throw error
  }
}
