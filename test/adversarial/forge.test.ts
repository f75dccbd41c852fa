// Hostile answers from the forge: `charter audit --github` against a local HTTP server on
// 127.0.0.1 that answers as an attacker (or a broken proxy) would. Each case names the attack;
// the bar is that the token never leaves the API's origin, every run ends, and nothing but
// GitHub's own well-formed word about a commit counts as its approval.
import {createHash} from 'node:crypto'
import {createServer, type IncomingMessage, type ServerResponse} from 'node:http'
import type {AddressInfo} from 'node:net'
import {mkdirSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {afterEach, describe, expect, it} from 'vitest'
import {policy} from '../fixtures/documents'
import {startFakeGitHub} from '../fixtures/github-server'
import {charter, charterAsync, makeRepo, runGit, type Run} from '../helpers'

const repository = 'example/policies'
const prefix = `/repos/${repository}`

interface Hostile {
  url: string
  origin: string
  /** `METHOD path?query authorization` of every request received. */
  requests: string[]
  close(): Promise<void>
}

const servers: Hostile[] = []
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close()
})

/** A server whose every answer `answer` writes; it records each request with the Authorization it carried. */
async function serve(answer: (request: IncomingMessage, response: ServerResponse, url: URL, self: Hostile) => void): Promise<Hostile> {
  const requests: string[] = []
  const self = {requests} as unknown as Hostile
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1')
    requests.push(`${request.method} ${url.pathname}${url.search} ${request.headers.authorization ?? '(no authorization)'}`)
    answer(request, response, url, self)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  self.origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  self.url = self.origin
  self.close = () =>
    new Promise((resolve) => {
      server.closeAllConnections()
      server.close(() => resolve())
    })
  servers.push(self)
  return self
}

const json = (response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  response.writeHead(status, {'content-type': 'application/json; charset=utf-8', ...headers})
  response.end(typeof body === 'string' ? body : JSON.stringify(body))
}
const user = (login: string) => ({login, id: 1, type: 'User'})
const pull = (number: number, fields: Record<string, unknown> = {}) => ({
  number,
  state: 'closed',
  user: user('cara'),
  merged_at: '2026-03-02T12:00:00Z',
  merged_by: user('cara'),
  merge_commit_sha: '0'.repeat(40),
  ...fields
})
const approval = (login: string) => ({id: 1, user: user(login), body: '', state: 'APPROVED', commit_id: '0'.repeat(40)})

/** One document (the repository named by GITHUB_REPOSITORY), added by a direct push on Monday 2026-03-02 whose subject claims pull request #42. */
function pushedRepository(): {root: string; commit: string; short: string} {
  const root = makeRepo({'policies/access-control.md': policy('access-control')})
  runGit(root, ['init', '-q', '-b', 'main'])
  runGit(root, ['add', '-A'])
  const date = '2026-03-02T10:00:00Z'
  runGit(root, ['commit', '-q', '-m', 'Loosen access control (#42)'], {GIT_AUTHOR_NAME: 'Cara', GIT_AUTHOR_EMAIL: 'cara@example.test', GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date})
  const commit = runGit(root, ['rev-parse', 'HEAD']).trim()
  return {root, commit, short: commit.slice(0, 7)}
}

/** `charter audit --github` against `api`. */
const audit = (root: string, api: Hostile, env: Record<string, string> = {}) => charterAgainst(api, root, ['audit', '--github', '--today', '2026-03-19'], env)

/**
 * `charter <args>` against `api`, in this process, with a cache of its own. A run that never
 * ends fails by the test's timeout; no case asserts how long a run takes.
 */
function charterAgainst(api: Hostile, root: string, args: string[], env: Record<string, string> = {}): Promise<Run> {
  return charter(args, root, {GITHUB_TOKEN: 'test-token', GITHUB_API_URL: api.url, GITHUB_REPOSITORY: repository, CHARTER_GITHUB_BACKOFF_MS: '5,5', CHARTER_CACHE_DIR: makeRepo({}), ...env})
}

const heading = (counts: string) => `Changes to controlled documents, newest first. 1 change: ${counts}.`
const notAssessed = (short: string) => [heading('0 approved, 0 reviewed after the fact, 0 waiting for review, 0 overdue, 1 not assessed'), `  2026-03-02  ${short}  policies/access-control.md  not assessed: GitHub was unavailable`, ''].join('\n')
const overdue = (short: string) =>
  [heading('0 approved, 0 reviewed after the fact, 0 waiting for review, 1 overdue'), `  2026-03-02  ${short}  policies/access-control.md  OVERDUE: no approval evidence, and no review by 2026-03-04 (2 business days)`, ''].join('\n')
const unavailable = (reason: string) => `charter: GitHub was unavailable (${reason}); changes it would decide are "not assessed"\n`

/** A forge that says the commit is a direct push but keeps an approved, merged #42 elsewhere. */
const honestForge = (commit: string) => (request: IncomingMessage, response: ServerResponse, url: URL) => {
  if (url.pathname === `${prefix}/commits/${commit}/pulls`) return json(response, 200, [])
  if (url.pathname === `${prefix}/pulls/42`) return json(response, 200, pull(42, {merge_commit_sha: 'f'.repeat(40)}))
  if (url.pathname === `${prefix}/pulls/42/reviews`) return json(response, 200, [approval('bob')])
  json(response, 404, {message: 'Not Found'})
}

describe('hostile pagination', () => {
  // A `Link: rel="next"` that names the page it came on: a client that follows it loops forever.
  it('stops on a next link that points at its own page', async () => {
    const {root, commit, short} = pushedRepository()
    const api = await serve((request, response, url, self) => json(response, 200, [], {link: `<${self.url}${url.pathname}${url.search}>; rel="next"`}))
    const run = await audit(root, api)
    expect(run.stderr).toBe(unavailable(`GitHub's next-page link after GET ${prefix}/commits/${commit}/pulls?per_page=100 points back at ${prefix}/commits/${commit}/pulls?per_page=100, a page already read`))
    expect(run.stdout).toBe(notAssessed(short))
    expect(run.status).toBe(2)
    expect(api.requests).toHaveLength(1)
  })

  // Page 2 links back to page 1: a cycle over two pages never ends either.
  it('stops on a next link that returns to an earlier page', async () => {
    const {root, commit, short} = pushedRepository()
    const api = await serve((request, response, url, self) => {
      const back = new URL(url)
      if (url.searchParams.get('page') === '2') back.searchParams.delete('page')
      else back.searchParams.set('page', '2')
      json(response, 200, [], {link: `<${self.url}${back.pathname}${back.search}>; rel="next"`})
    })
    const run = await audit(root, api)
    expect(run.stderr).toBe(
      unavailable(`GitHub's next-page link after GET ${prefix}/commits/${commit}/pulls?per_page=100&page=2 points back at ${prefix}/commits/${commit}/pulls?per_page=100, a page already read`)
    )
    expect(run.stdout).toBe(notAssessed(short))
    expect(run.status).toBe(2)
    expect(api.requests).toHaveLength(2)
  })

  // Every page links to a new one (page=N+1): no URL repeats, so only a page cap ends it.
  it('stops after 100 pages', async () => {
    const {root, commit, short} = pushedRepository()
    const api = await serve((request, response, url, self) => {
      const next = new URL(url)
      next.searchParams.set('page', String(Number(url.searchParams.get('page') ?? 1) + 1))
      json(response, 200, [], {link: `<${self.url}${next.pathname}${next.search}>; rel="next"`})
    })
    const run = await audit(root, api)
    expect(run.stderr).toBe(unavailable(`GET ${prefix}/commits/${commit}/pulls?per_page=100 has more than 100 pages; Charter reads no further`))
    expect(run.stdout).toBe(notAssessed(short))
    expect(run.status).toBe(2)
    expect(api.requests).toHaveLength(100)
  })

  // A next link on another host: following it hands the bearer token to whoever runs that host.
  it('never sends the token to a next link on another origin', async () => {
    const {root, commit, short} = pushedRepository()
    const elsewhere = await serve((request, response) => json(response, 200, [pull(42, {merge_commit_sha: commit})]))
    const api = await serve((request, response) => json(response, 200, [], {link: `<${elsewhere.url}${prefix}/commits/${commit}/pulls?page=2>; rel="next"`}))
    const run = await audit(root, api)
    expect(run.stderr).toBe(
      unavailable(`GitHub's next-page link after GET ${prefix}/commits/${commit}/pulls?per_page=100 leads to ${elsewhere.origin}, not ${api.origin}; the token is sent only to the API's origin (GITHUB_API_URL), so Charter stops`)
    )
    expect(run.stdout).toBe(notAssessed(short))
    expect(run.status).toBe(2)
    expect(elsewhere.requests).toEqual([])
    expect(api.requests).toEqual([`GET ${prefix}/commits/${commit}/pulls?per_page=100 Bearer test-token`])
  })
})

describe('hostile answers', () => {
  // A redirect to another origin: its answer is not GitHub's, whatever it says about approvals.
  it('refuses a redirect to another origin and asks it nothing', async () => {
    const {root, commit, short} = pushedRepository()
    const elsewhere = await serve((request, response) => json(response, 200, [pull(42, {merge_commit_sha: commit})]))
    const api = await serve((request, response, url) => {
      if (url.pathname === `${prefix}/commits/${commit}/pulls`) return json(response, 302, '', {location: `${elsewhere.url}${url.pathname}${url.search}`})
      honestForge(commit)(request, response, url)
    })
    const run = await audit(root, api)
    expect(run.stderr).toBe(
      unavailable(`GitHub's redirect of GET ${prefix}/commits/${commit}/pulls?per_page=100 leads to ${elsewhere.origin}, not ${api.origin}; the token is sent only to the API's origin (GITHUB_API_URL), so Charter stops`)
    )
    expect(run.stdout).toBe(notAssessed(short))
    expect(run.status).toBe(2)
    expect(elsewhere.requests).toEqual([])
  })

  // A proxy's HTML error page with status 200: not JSON, so it is no answer at all.
  it('reports a body that is not JSON as not assessed', async () => {
    const {root, commit, short} = pushedRepository()
    const api = await serve((request, response) => {
      response.writeHead(200, {'content-type': 'text/html'})
      response.end('<html><body>Sign in to continue</body></html>')
    })
    const run = await audit(root, api)
    expect(run.stderr).toBe(unavailable(`GitHub answered GET ${prefix}/commits/${commit}/pulls?per_page=100 with a body that is not JSON`))
    expect(run.stdout).toBe(notAssessed(short))
    expect(run.status).toBe(2)
  })

  // An object where the API documents a list.
  it('reports an object where a list is expected as not assessed', async () => {
    const {root, commit, short} = pushedRepository()
    const api = await serve((request, response) => json(response, 200, {total_count: 1, items: [pull(42)]}))
    const run = await audit(root, api)
    expect(run.stderr).toBe(unavailable(`GitHub answered GET ${prefix}/commits/${commit}/pulls?per_page=100 with an unexpected shape: an object, expected a list`))
    expect(run.stdout).toBe(notAssessed(short))
    expect(run.status).toBe(2)
  })

  // A pull request without an author (`user: null`): every reviewer would then count as "someone
  // other than the author", the author included.
  it('reports a pull request without an author as not assessed', async () => {
    const {root, commit, short} = pushedRepository()
    const api = await serve((request, response, url) => {
      if (url.pathname === `${prefix}/commits/${commit}/pulls`) return json(response, 200, [pull(42, {merge_commit_sha: commit})])
      if (url.pathname === `${prefix}/pulls/42`) return json(response, 200, pull(42, {merge_commit_sha: commit, user: null}))
      if (url.pathname === `${prefix}/pulls/42/reviews`) return json(response, 200, [approval('cara')])
      json(response, 404, {message: 'Not Found'})
    })
    const run = await audit(root, api)
    expect(run.stderr).toBe(unavailable(`GitHub answered GET ${prefix}/pulls/42 with an unexpected shape: user is null, expected an object`))
    expect(run.stdout).toBe(notAssessed(short))
    expect(run.status).toBe(2)
  })

  // A pull request number that is not a number: it would be pasted into the next request's path.
  it('reports a pull request number that is not a number as not assessed', async () => {
    const {root, commit, short} = pushedRepository()
    const api = await serve((request, response, url) => {
      if (url.pathname === `${prefix}/commits/${commit}/pulls`) return json(response, 200, [pull(42, {number: '42', merge_commit_sha: commit})])
      honestForge(commit)(request, response, url)
    })
    const run = await audit(root, api)
    expect(run.stderr).toBe(unavailable(`GitHub answered GET ${prefix}/commits/${commit}/pulls?per_page=100 with an unexpected shape: item 1: number is a string, expected a positive whole number`))
    expect(run.stdout).toBe(notAssessed(short))
    expect(run.status).toBe(2)
    expect(api.requests).toHaveLength(1)
  })

  // A reviewer "login" holding HTML and terminal escapes: it would be printed as the approver.
  it('reports a login that is not a GitHub login as not assessed', async () => {
    const {root, commit, short} = pushedRepository()
    const api = await serve((request, response, url) => {
      if (url.pathname === `${prefix}/commits/${commit}/pulls`) return json(response, 200, [pull(42, {merge_commit_sha: commit})])
      if (url.pathname === `${prefix}/pulls/42`) return json(response, 200, pull(42, {merge_commit_sha: commit}))
      if (url.pathname === `${prefix}/pulls/42/reviews`) return json(response, 200, [approval('<img src=x onerror=alert(1)>\u001b[2J')])
      json(response, 404, {message: 'Not Found'})
    })
    const run = await audit(root, api)
    expect(run.stderr).toBe(
      unavailable(`GitHub answered GET ${prefix}/pulls/42/reviews?per_page=100 with an unexpected shape: item 1: user.login "<img src=x onerror=alert(1)>\\u001b[2J" is not a GitHub login`)
    )
    expect(run.stdout).toBe(notAssessed(short))
    expect(run.status).toBe(2)
  })

  // An endless body: reading it all would grow memory until the runner dies.
  it('stops reading an answer larger than 16 MB', async () => {
    const {root, commit, short} = pushedRepository()
    const chunk = Buffer.from(`${JSON.stringify(pull(42)).repeat(400)}`)
    const api = await serve((request, response) => {
      response.writeHead(200, {'content-type': 'application/json'})
      response.write('[')
      const more = () => {
        while (!response.destroyed && response.write(chunk));
        if (!response.destroyed) response.once('drain', more)
      }
      response.on('error', () => {})
      more()
    })
    const run = await audit(root, api)
    expect(run.stderr).toBe(unavailable(`GitHub's answer to GET ${prefix}/commits/${commit}/pulls?per_page=100 is larger than 16 MB; Charter reads no more`))
    expect(run.stdout).toBe(notAssessed(short))
    expect(run.status).toBe(2)
  })

  // An answer that sends its headers and then stalls: without a bound on the body, the run
  // hangs, and a timeout while reading was an internal error.
  it('gives up on an answer that stalls after its headers', async () => {
    const {root, commit, short} = pushedRepository()
    const api = await serve((request, response) => {
      response.writeHead(200, {'content-type': 'application/json'})
      response.write('[')
    })
    const run = await audit(root, api, {CHARTER_GITHUB_TIMEOUT_MS: '300'})
    expect(run.stderr).toBe(unavailable(`GitHub's answer to GET ${prefix}/commits/${commit}/pulls?per_page=100 broke off (timed out)`))
    expect(run.stdout).toBe(notAssessed(short))
    expect(run.status).toBe(2)
  })

  // A rate-limit reset past the last date JavaScript can print: the message must not crash.
  it('reports a rate-limit reset in the far future without crashing', async () => {
    const {root, short} = pushedRepository()
    const api = await serve((request, response) => json(response, 403, {message: 'API rate limit exceeded'}, {'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '99999999999999'}))
    const run = await audit(root, api)
    expect(run.stderr).toBe(unavailable("GitHub's API rate limit is used up"))
    expect(run.stdout).toBe(notAssessed(short))
    expect(run.status).toBe(2)
  })

  // An error message carrying terminal escapes (set the window title, ring the bell).
  it('escapes control characters in an error message from the API', async () => {
    const {root, commit} = pushedRepository()
    const api = await serve((request, response) => json(response, 404, {message: '\u001b]0;pwned\u0007Not Found'}))
    const run = await audit(root, api)
    expect(run.stderr).toBe(
      `charter: GitHub refused GET ${prefix}/commits/${commit}/pulls (404: \\u001b]0;pwned\\u0007Not Found); check that the token can read (and, to open issues, write) this repository\n`
    )
    expect(run.stdout).toBe('')
    expect(run.status).toBe(1)
  })
})

describe('borrowed approvals', () => {
  // A direct push whose subject ends in "(#42)": #42 is someone else's approved pull request,
  // but GitHub says this commit belongs to no pull request.
  it('never takes a pull request number from a subject line', async () => {
    const {root, commit, short} = pushedRepository()
    const api = await serve(honestForge(commit))
    const run = await audit(root, api)
    expect(run.stderr).toBe('')
    expect(run.stdout).toBe(overdue(short))
    expect(run.status).toBe(1)
    expect(api.requests).toEqual([`GET ${prefix}/commits/${commit}/pulls?per_page=100 Bearer test-token`])
  })

  // The same borrowing through the document's history, which auditors read as its record.
  it('never shows a borrowed approval in history', async () => {
    const {root, commit} = pushedRepository()
    const api = await serve(honestForge(commit))
    const run = await charterAgainst(api, root, ['history', 'access-control', '--github'])
    expect(run.stderr).toBe('')
    expect(run.stdout).toBe(
      [
        'access-control: access-control policy (policies/access-control.md)',
        '  version  date        author  change                       approval',
        '  1.0.0    2026-03-02  Cara    Loosen access control (#42)  none',
        ''
      ].join('\n')
    )
    expect(run.status).toBe(0)
  })

  // Answers force-added to the old cache folder in the work tree: an approval with no network.
  it('never reads GitHub answers committed to .charter/cache/github/', async () => {
    const {root, commit, short} = pushedRepository()
    const api = await serve(honestForge(commit))
    const plant = (folder: string, url: string, body: unknown) => {
      mkdirSync(folder, {recursive: true})
      writeFileSync(join(folder, `${createHash('sha256').update(url).digest('hex')}.json`), JSON.stringify({body}))
    }
    const folder = join(root, '.charter/cache/github')
    plant(folder, `${api.url}${prefix}/commits/${commit}/pulls?per_page=100`, [pull(42, {merge_commit_sha: commit})])
    plant(folder, `${api.url}${prefix}/pulls/42`, pull(42, {merge_commit_sha: commit}))
    plant(folder, `${api.url}${prefix}/pulls/42/reviews?per_page=100`, [approval('bob')])
    runGit(root, ['add', '-f', '.charter'])
    runGit(root, ['commit', '-q', '-m', 'Add cache'])
    const run = await audit(root, api)
    expect(run.stderr).toBe('')
    expect(run.stdout).toBe(overdue(short))
    expect(run.status).toBe(1)
    expect(api.requests).toEqual([`GET ${prefix}/commits/${commit}/pulls?per_page=100 Bearer test-token`])
  })

  // A cache folder pointed inside the repository, holding planted answers: it is not read.
  it('ignores a cache folder inside the repository, and says so', async () => {
    const {root, commit, short} = pushedRepository()
    const api = await serve(honestForge(commit))
    const key = createHash('sha256').update(`${api.origin}\n${repository}`).digest('hex').slice(0, 32)
    const folder = join(root, 'cache', 'github', key)
    const plant = (url: string, body: unknown) => {
      mkdirSync(folder, {recursive: true})
      writeFileSync(join(folder, `${createHash('sha256').update(url).digest('hex')}.json`), JSON.stringify({body}))
    }
    plant(`${api.url}${prefix}/commits/${commit}/pulls?per_page=100`, [pull(42, {merge_commit_sha: commit})])
    plant(`${api.url}${prefix}/pulls/42`, pull(42, {merge_commit_sha: commit}))
    plant(`${api.url}${prefix}/pulls/42/reviews?per_page=100`, [approval('bob')])
    const run = await audit(root, api, {CHARTER_CACHE_DIR: join(root, 'cache')})
    expect(run.stderr).toBe(
      `charter: not using the cache folder ${join(root, 'cache')}: it lies inside the repository, where a pull request could plant answers; set CHARTER_CACHE_DIR to a folder outside it\n`
    )
    expect(run.stdout).toBe(overdue(short))
    expect(run.status).toBe(1)
  })
})

describe('hostile answers to the writers', () => {
  // An issue "number" that climbs out of its path: the closing comment and PATCH would go to
  // another endpoint of the API, with the token.
  it('refuses an open issue whose number is not a number, and writes nothing', async () => {
    const root = makeRepo({'policies/access-control.md': policy('access-control')})
    const github = await startFakeGitHub({repository, pulls: [], reviews: {}})
    github.issues.push({number: '1/../../labels' as unknown as number, title: 'Policy review due: gone', body: '<!-- charter:review-reminder gone -->', state: 'open', labels: [], assignees: [], comments: []})
    const run = await charterAsync(['remind', '--today', '2026-03-19'], root, {GITHUB_TOKEN: 'test-token', GITHUB_API_URL: github.url, GITHUB_REPOSITORY: repository, CHARTER_GITHUB_BACKOFF_MS: '5,5'})
    await github.close()
    expect(run.stderr).toBe(`charter: GitHub answered GET ${prefix}/issues?state=open&per_page=100 with an unexpected shape: item 1: number is a string, expected a positive whole number\n`)
    expect(run.stdout).toBe('')
    expect(run.status).toBe(2)
    expect(github.requests).toEqual([`GET ${prefix}/issues?state=open&per_page=100`])
  })

  // A search answer without its `items` list, before a follow-up issue is filed.
  it('reports a search answer of the wrong shape as GitHub unavailable, never a crash', async () => {
    const {root, commit, short} = pushedRepository()
    const api = await serve((request, response, url) => {
      if (url.pathname === '/search/issues') return json(response, 200, {total_count: 0})
      honestForge(commit)(request, response, url)
    })
    const run = await charterAgainst(api, root, ['audit', '--open-issues', '--today', '2026-03-19'])
    const query = encodeURIComponent(`repo:${repository} is:issue in:title "Follow-up review: ${repository}@${short} (access-control)"`)
    expect(run.stderr).toBe(
      `charter: GitHub was unavailable while filing follow-up issues (GitHub answered GET /search/issues?q=${query} with an unexpected shape: items is nothing, expected a list); run again to file the rest\n`
    )
    expect(run.stdout).toBe(overdue(short))
    expect(run.status).toBe(1)
    expect(api.requests.filter((request) => !request.startsWith('GET'))).toEqual([])
  })
})

describe('hostile words for the revision record', () => {
  // The pull request's title becomes the change's public summary, and the review's address its
  // link: a title that reorders or breaks its line, or a `javascript:` link, must not survive.
  const hostileForge = (commit: string) => (request: IncomingMessage, response: ServerResponse, url: URL) => {
    const fields = {merge_commit_sha: commit, title: '\u202eEvil <img src=x onerror=alert(1)>\n  title', html_url: 'javascript:alert(1)', merged_by: user('dan')}
    if (url.pathname === `${prefix}/commits/${commit}/pulls`) return json(response, 200, [pull(7, fields)])
    if (url.pathname === `${prefix}/pulls/7`) return json(response, 200, pull(7, fields))
    if (url.pathname === `${prefix}/pulls/7/reviews`) return json(response, 200, [{...approval('bob'), html_url: 'javascript:alert(2)', submitted_at: '<b>tomorrow</b>'}])
    json(response, 404, {message: 'Not Found'})
  }

  it('shows a hostile pull request title as one line of text, and no link or date that is not one', async () => {
    const {root, commit} = pushedRepository()
    const api = await serve(hostileForge(commit))
    const run = await charterAgainst(api, root, ['history', 'access-control', '--github', '--format', 'json'])
    expect(run.stderr).toBe('')
    const [access] = JSON.parse(run.stdout)
    expect(access.revisions[0].summary).toBe('Evil <img src=x onerror=alert(1)> title')
    expect(access.revisions[0].evidence).toEqual([
      {kind: 'approved', by: 'bob', source: 'github', detail: 'PR #7 approval', login: 'bob'},
      {kind: 'merged', by: 'dan', source: 'github', detail: 'PR #7 merged by someone other than its author', login: 'dan', date: '2026-03-02T12:00:00Z'}
    ])
    const out = join(makeRepo({}), 'dist')
    const build = await charterAgainst(api, root, ['build', '--github', '--no-pdf', '--out', out])
    expect(build.status).toBe(0)
    const page = readFileSync(join(out, 'site/changelog.html'), 'utf8')
    expect(page).toContain('<th scope="row">Evil &lt;img src&#x3D;x onerror&#x3D;alert(1)&gt; title</th>')
    expect(page).toContain('<td data-label="Approval">Approved by a reviewer (PR #7 approval); Merged by a reviewer on 2026-03-02 (PR #7 merged by someone other than its author)</td>')
    expect(page).not.toContain('javascript:')
    expect(readFileSync(join(out, 'site/changelog.xml'), 'utf8')).toContain('<title type="text">Evil &lt;img src=x onerror=alert(1)&gt; title</title>')
  })
})
