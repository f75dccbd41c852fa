// A small GitHub REST client: token auth, pagination by Link header, a bounded retry with
// backoff for 5xx answers and timeouts, rate-limit awareness, and a disk cache of GET answers
// outside the work tree, so a second run makes no request. The API's answers are untrusted:
// the token goes only to the configured origin, pages and bodies are bounded, and an answer of
// the wrong shape is "GitHub unavailable", never evidence.
//
// Not Octokit: tried for issue 11 (BENCHMARKS.md, "Issue 11: Octokit"). Bundled, it left
// `charter check`'s start as it was (0.92-0.99x wall), but its retry and throttling plugins queue
// each request through Bottleneck (4-8 and 10-14 ms a request): `charter audit --github` ran
// 1.24-1.83x slower (wall; 1.10-1.24x CPU) on 30 requests to a local server. It spaces writes
// 1-3 s apart, and its backoff is a base times n squared, not the list CHARTER_GITHUB_BACKOFF_MS
// gives. Its pagination follows any next link (another origin, a loop, no page cap) and turns an
// object or an empty answer into a list, so a malformed answer would read as "no pull requests";
// its request reads a body whole and returns malformed JSON as text. With those guards kept
// around it, it replaced only fetch, the retries and the rate-limit wait.
import {printable} from '../model/printable-text'
import {createHash} from 'node:crypto'
import {mkdirSync, readFileSync, renameSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {UserError} from '../model/errors'
import {cacheFolder, ignoredCacheWarning, type Environment} from '../load/cache-folder'

/** The API could not be reached, would not answer now, or answered nonsense; the caller reports the source as unavailable. */
export class ForgeUnavailable extends UserError {
  override readonly exitCode: number = 2
}

/** The token is missing, wrong, or lacks a permission: the user must fix it. */
class ForgeRefused extends UserError {}

/** Thrown by a shape reader when an answer is not what the API documents; the client reports it as unavailable. */
export class UnexpectedShape extends Error {}

/** Reads an answer (or one item of a list answer) into its type, or throws UnexpectedShape. */
export type Shape<T> = (value: unknown) => T

export interface GitHubOptions {
  token: string
  /** `owner/name` */
  repository: string
  /** Default `https://api.github.com`; GitHub Actions sets GITHUB_API_URL. The token goes to this origin only. */
  apiUrl?: string
  /** Where GET answers are cached; undefined turns the cache off. Never a folder inside the repository. */
  cacheDir?: string
  /** How long to wait between retries, in milliseconds (tests shorten it). */
  backoff?: readonly number[]
  timeoutMs?: number
  /** The longest wait for a rate limit to reset before giving up, in milliseconds. */
  maxRateLimitWaitMs?: number
}

interface CachedAnswer {
  body: unknown
  next?: string
}

const defaultBackoff = [500, 2000]
/** 100 pages of 100 items: far more reviews or pull requests than one commit ever has. */
const maxPages = 100
/** The largest answer read; a page of 100 reviews with long bodies stays well below it. */
const maxBodyBytes = 16 * 1024 * 1024
const maxRedirects = 5

export class GitHub {
  readonly repository: string
  private readonly apiUrl: string
  /** Scheme, host and port: the only place the token is sent. */
  private readonly origin: string

  constructor(private readonly options: GitHubOptions) {
    this.repository = options.repository
    this.apiUrl = (options.apiUrl ?? 'https://api.github.com').replace(/\/$/, '')
    this.origin = new URL(this.apiUrl).origin
  }

  /** `/repos/{owner}/{repo}` + `path`. */
  repoPath(path: string): string {
    return `/repos/${this.repository}${path}`
  }

  /** `fresh`: skip the cache, for answers that change (a search before filing an issue). `shape` checks the answer. */
  async get<T>(path: string, options: {fresh?: boolean; shape?: Shape<T>} = {}): Promise<T> {
    const url = this.url(path)
    const read = options.shape ?? ((body: unknown) => body as T)
    return (await this.getPage(url, (body) => shaped(read, body, `GET ${where(url)}`), options.fresh)).value
  }

  /**
   * Every page of a list answer; `fresh` skips the cache, for lists that change (open issues,
   * labels); `shape` checks each item. Stops with ForgeUnavailable on a page that is not a list,
   * on a next link that leaves the API's origin or returns to a page already read, and after
   * `maxPages` pages.
   */
  async getAll<T>(path: string, options: {fresh?: boolean; shape?: Shape<T>} = {}): Promise<T[]> {
    const items: T[] = []
    const first = this.url(path.includes('?') ? `${path}&per_page=100` : `${path}?per_page=100`)
    const read = options.shape ?? ((item: unknown) => item as T)
    const seen = new Set<string>()
    let url: string | undefined = new URL(first).href
    while (url) {
      if (seen.size === maxPages) throw new ForgeUnavailable(`GET ${where(first)} has more than ${maxPages} pages; Charter reads no further`)
      seen.add(url)
      const page: {value: T[]; next?: string} = await this.getPage(url, (body) => list(read, body, `GET ${where(url!)}`), options.fresh)
      items.push(...page.value)
      if (page.next === undefined) break
      const next = this.sameOrigin(page.next, () => `GitHub's next-page link after GET ${where(url!)}`)
      if (seen.has(next)) throw new ForgeUnavailable(`GitHub's next-page link after GET ${where(url)} points back at ${where(next)}, a page already read`)
      url = next
    }
    return items
  }

  async post<T>(path: string, body: unknown): Promise<T> {
    return (await this.request('POST', this.url(path), body)).body as T
  }

  async patch<T>(path: string, body: unknown): Promise<T> {
    return (await this.request('PATCH', this.url(path), body)).body as T
  }

  private url(path: string): string {
    return path.startsWith('http') ? path : `${this.apiUrl}${path}`
  }

  /** `url` when it is on the API's origin; otherwise the token must not go there, and nothing is asked. */
  private sameOrigin(url: string, what: () => string): string {
    const parsed = URL.canParse(url) ? new URL(url) : undefined
    if (!parsed) throw new ForgeUnavailable(`${what()} is not a URL`)
    if (parsed.origin !== this.origin) {
      throw new ForgeUnavailable(`${what()} leads to ${parsed.origin}, not ${this.origin}; the token is sent only to the API's origin (GITHUB_API_URL), so Charter stops`)
    }
    return parsed.href
  }

  /** A GET answer from the cache, or from the API (then cached); `read` checks its shape before either is used. */
  private async getPage<T>(url: string, read: (body: unknown) => T, fresh = false): Promise<{value: T; next?: string}> {
    const file = this.options.cacheDir && !fresh ? join(this.options.cacheDir, `${createHash('sha256').update(url).digest('hex')}.json`) : undefined
    if (file) {
      try {
        const cached = JSON.parse(readFileSync(file, 'utf8')) as CachedAnswer
        if (typeof cached === 'object' && cached !== null && (cached.next === undefined || typeof cached.next === 'string')) return {value: read(cached.body), next: cached.next}
      } catch {
        // Not cached yet, or written by another version: ask again.
      }
    }
    const answer = await this.request('GET', url)
    const value = read(answer.body)
    if (file) {
      mkdirSync(this.options.cacheDir!, {recursive: true})
      const temporary = `${file}.${process.pid}.tmp`
      writeFileSync(temporary, JSON.stringify(answer))
      renameSync(temporary, file)
    }
    return {value, next: answer.next}
  }

  private async request(method: string, url: string, body?: unknown): Promise<CachedAnswer> {
    const backoff = this.options.backoff ?? defaultBackoff
    let target = this.sameOrigin(url, () => `The URL for ${method} ${where(url)}`)
    let redirects = 0
    for (let attempt = 0; ; attempt++) {
      /** Waits before the next attempt; false when the retries are used up. */
      const waitBeforeRetry = async (wait = backoff[attempt]!) => {
        if (attempt >= backoff.length) return false
        await sleep(wait)
        return true
      }
      let response: Response
      try {
        response = await fetch(target, {
          method,
          headers: {
            accept: 'application/vnd.github+json',
            authorization: `Bearer ${this.options.token}`,
            'x-github-api-version': '2022-11-28',
            'user-agent': 'charter',
            ...(body === undefined ? {} : {'content-type': 'application/json'})
          },
          body: body === undefined ? undefined : JSON.stringify(body),
          // Redirects are followed here, so one to another origin is refused rather than asked.
          redirect: 'manual',
          signal: AbortSignal.timeout(this.options.timeoutMs ?? 15_000)
        })
      } catch (error) {
        if (await waitBeforeRetry()) continue
        throw new ForgeUnavailable(`GitHub did not answer (${failure(error)}) after ${attempt + 1} attempts`)
      }
      if (response.status >= 300 && response.status < 400) {
        await response.body?.cancel()
        const location = response.headers.get('location')
        if (location === null || redirects === maxRedirects) {
          throw new ForgeUnavailable(location === null ? `GitHub answered ${method} ${where(target)} with ${response.status} and no Location` : `GitHub redirected ${method} ${where(url)} more than ${maxRedirects} times`)
        }
        const from = target
        target = this.sameOrigin(URL.canParse(location, target) ? new URL(location, target).href : location, () => `GitHub's redirect of ${method} ${where(from)}`)
        redirects++
        attempt--
        continue
      }
      if (response.ok) return answer(response, method, target)
      const wait = rateLimitWait(response)
      if (wait !== undefined) {
        await response.body?.cancel()
        if (wait <= (this.options.maxRateLimitWaitMs ?? 60_000) && (await waitBeforeRetry(wait))) continue
        const reset = Number(response.headers.get('x-ratelimit-reset') ?? Number.NaN) * 1000
        const when = Number.isFinite(reset) && reset > 0 && reset <= 8.64e15 ? ` until ${new Date(reset).toISOString().slice(0, 16).replace('T', ' ')} UTC` : ''
        throw new ForgeUnavailable(`GitHub's API rate limit is used up${when}`)
      }
      if (response.status >= 500) {
        await response.body?.cancel()
        if (await waitBeforeRetry()) continue
        throw new ForgeUnavailable(`GitHub answered ${response.status} after ${attempt + 1} attempts`)
      }
      throw await refusal(response, method, target)
    }
  }
}

/** A successful answer's JSON, and its next-page link resolved against `target`. */
async function answer(response: Response, method: string, target: string): Promise<CachedAnswer> {
  const request = `${method} ${where(target)}`
  let text: string | undefined
  try {
    text = await readCapped(response, maxBodyBytes)
  } catch (error) {
    throw new ForgeUnavailable(`GitHub's answer to ${request} broke off (${failure(error)})`)
  }
  if (text === undefined) throw new ForgeUnavailable(`GitHub's answer to ${request} is larger than ${maxBodyBytes / 1024 / 1024} MB; Charter reads no more`)
  let parsed: unknown
  try {
    parsed = text === '' ? undefined : JSON.parse(text)
  } catch {
    throw new ForgeUnavailable(`GitHub answered ${request} with a body that is not JSON`)
  }
  return {body: parsed, next: nextLink(response.headers.get('link'), target)}
}

/** A 4xx answer that is no rate limit, as what the user must fix: the token, or its permissions. */
async function refusal(response: Response, method: string, target: string): Promise<ForgeRefused> {
  const message = await errorMessage(response)
  if (response.status === 401) return new ForgeRefused(`GitHub refused the token in GITHUB_TOKEN (401: ${message}); set a valid token`)
  const refused = `GitHub refused ${method} ${new URL(target).pathname} (${response.status}: ${message})`
  if (response.status !== 403 && response.status !== 404) return new ForgeRefused(refused)
  const needed = printableAnswer(response.headers.get('x-accepted-github-permissions') ?? '')
  return new ForgeRefused(`${refused}${needed ? `; the token needs the permission ${needed}` : '; check that the token can read (and, to open issues, write) this repository'}`)
}

/** Path and query of an API URL, for messages. */
function where(url: string): string {
  const parsed = new URL(url)
  return `${parsed.pathname}${parsed.search}`
}

/** `read(body)`, or ForgeUnavailable naming the request (and `item`, in a list) when the shape is wrong. */
function shaped<T>(read: Shape<T>, body: unknown, request: string, item = ''): T {
  try {
    return read(body)
  } catch (error) {
    if (error instanceof UnexpectedShape) throw unexpectedShape(request, `${item}${error.message}`)
    throw error
  }
}

function list<T>(read: Shape<T>, body: unknown, request: string): T[] {
  if (!Array.isArray(body)) throw unexpectedShape(request, `${kindOf(body)}, expected a list`)
  return body.map((item, index) => shaped(read, item, request, `item ${index + 1}: `))
}

const unexpectedShape = (request: string, detail: string) => new ForgeUnavailable(`GitHub answered ${request} with an unexpected shape: ${detail}`)

/** An answer's object, or UnexpectedShape naming what came instead. */
export function objectField(value: unknown, name: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new UnexpectedShape(`${name} is ${kindOf(value)}, expected an object`)
  return value as Record<string, unknown>
}

/** A number GitHub numbers things with (a pull request, an issue): it goes into request paths. */
export function numberField(value: unknown, name: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) {
    throw new UnexpectedShape(`${name} is ${typeof value === 'number' ? value : kindOf(value)}, expected a positive whole number`)
  }
  return value
}

/** A string field; `nullable` also accepts null and a missing field (as undefined). */
export function stringField(value: unknown, name: string, nullable: 'nullable'): string | undefined
export function stringField(value: unknown, name: string): string
export function stringField(value: unknown, name: string, nullable?: 'nullable'): string | undefined {
  if (typeof value === 'string') return value
  if (nullable && (value === null || value === undefined)) return undefined
  throw new UnexpectedShape(`${name} is ${kindOf(value)}, expected a string${nullable ? ' or null' : ''}`)
}

/** What a JSON value is, for a message: `null`, `a string`, `an object`, `a list`. */
export function kindOf(value: unknown): string {
  if (value === null) return 'null'
  if (value === undefined) return 'nothing'
  if (Array.isArray(value)) return 'a list'
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`
}

/** The text of at most `limit` bytes, or undefined when the answer is longer (then it is not read further). */
async function readCapped(response: Response, limit: number): Promise<string | undefined> {
  if (Number(response.headers.get('content-length') ?? 0) > limit) {
    await response.body?.cancel()
    return undefined
  }
  if (!response.body) return ''
  const reader = response.body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const {done, value} = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > limit) {
      await reader.cancel()
      return undefined
    }
    chunks.push(value)
  }
  return Buffer.concat(chunks).toString('utf8')
}

function failure(error: unknown): string {
  if ((error as Error).name === 'TimeoutError') return 'timed out'
  return printableAnswer((error as {cause?: Error}).cause?.message ?? (error as Error).message)
}

/** The next page's absolute URL from a Link header; its origin is checked before it is asked. */
function nextLink(header: string | null, base: string): string | undefined {
  const link = header ? /<([^>]+)>;\s*rel="next"/.exec(header)?.[1] : undefined
  if (link === undefined) return undefined
  return URL.canParse(link, base) ? new URL(link, base).href : link
}

/** Milliseconds until the rate limit lifts, or undefined when the answer is not about a rate limit. */
function rateLimitWait(response: Response): number | undefined {
  if (response.status !== 403 && response.status !== 429) return undefined
  const retryAfter = response.headers.get('retry-after')
  // A wait that is not a number is no reason to wait: NaN is never within the longest wait.
  if (retryAfter !== null) return Number(retryAfter) * 1000
  if (response.headers.get('x-ratelimit-remaining') !== '0') return undefined
  const reset = Number(response.headers.get('x-ratelimit-reset') ?? 0) * 1000
  return Math.max(0, reset - Date.now())
}

/** The `message` of an error answer, read within a small bound and stripped of control characters. */
async function errorMessage(response: Response): Promise<string> {
  try {
    const text = await readCapped(response, 64 * 1024)
    const message = text === undefined ? undefined : (JSON.parse(text) as {message?: unknown}).message
    return printableAnswer(typeof message === 'string' ? message : response.statusText)
  } catch {
    return printableAnswer(response.statusText)
  }
}

/** At most 300 characters, with control characters shown as escapes so they never reach a terminal raw. */
function printableAnswer(text: string): string {
  const escaped = printable(text)
  return escaped.length > 300 ? `${escaped.slice(0, 300)}…` : escaped
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Where GET answers are cached: a folder per API and repository in the cache folder. */
function gitHubCacheDir(root: string, apiUrl: string, repository: string, env: Environment): {dir?: string; ignored?: string} {
  const api = new URL(apiUrl)
  const key = createHash('sha256').update(`${api.origin}${api.pathname.replace(/\/$/, '')}\n${repository}`).digest('hex').slice(0, 32)
  return cacheFolder(root, env, 'github', key)
}

export type {Environment}

/**
 * The client from the environment (GITHUB_TOKEN, GITHUB_REPOSITORY, GITHUB_API_URL) and config.
 * `needs`: what to tell the user when there is no token, e.g. which permission it must carry;
 * `stderr` takes a warning.
 */
export function gitHubFromEnvironment(root: string, configRepository: string | undefined, needs: string, {env, stderr}: {env: Environment; stderr: {write(text: string): void}}): GitHub {
  const token = env.GITHUB_TOKEN
  if (!token) throw new ForgeRefused(needs)
  const repository = env.GITHUB_REPOSITORY ?? configRepository
  if (!repository || !/^[^/\s]+\/[^/\s]+$/.test(repository)) {
    throw new ForgeRefused('name the GitHub repository as owner/name, in GITHUB_REPOSITORY or as github.repository in charter.config.yaml')
  }
  const apiUrl = env.GITHUB_API_URL || 'https://api.github.com'
  if (!URL.canParse(apiUrl) || !/^https?:$/.test(new URL(apiUrl).protocol)) {
    throw new ForgeRefused(`Unexpected GITHUB_API_URL \`${printableAnswer(apiUrl)}\`, expected an http(s) URL such as https://api.github.com; set it to your GitHub API's address or unset it`)
  }
  const cache = gitHubCacheDir(root, apiUrl, repository, env)
  if (cache.ignored) {
    stderr.write(ignoredCacheWarning(cache.ignored))
  }
  return new GitHub({
    token,
    repository,
    apiUrl,
    ...(cache.dir ? {cacheDir: cache.dir} : {}),
    ...(env.CHARTER_GITHUB_BACKOFF_MS ? {backoff: env.CHARTER_GITHUB_BACKOFF_MS.split(',').map(Number)} : {}),
    ...(Number(env.CHARTER_GITHUB_TIMEOUT_MS) > 0 ? {timeoutMs: Number(env.CHARTER_GITHUB_TIMEOUT_MS)} : {})
  })
}
