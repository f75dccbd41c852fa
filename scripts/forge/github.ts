// A small GitHub REST client: token auth, pagination by Link header, a bounded retry with
// backoff for 5xx answers and timeouts, rate-limit awareness, and a disk cache of GET answers
// in .charter/cache/github/ so a second run makes no request.
import {createHash} from 'node:crypto'
import {mkdirSync, readFileSync, renameSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {UserError} from '../errors'

/** The API could not be reached, or would not answer now; the caller reports the source as unavailable. */
export class ForgeUnavailable extends UserError {
  override readonly exitCode: number = 2
}

/** The token is missing, wrong, or lacks a permission: the user must fix it. */
class ForgeRefused extends UserError {}

export interface GitHubOptions {
  token: string
  /** `owner/name` */
  repository: string
  /** Default `https://api.github.com`; GitHub Actions sets GITHUB_API_URL. */
  apiUrl?: string
  /** Where GET answers are cached; undefined turns the cache off. */
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

export class GitHub {
  readonly repository: string
  private readonly apiUrl: string
  requests = 0

  constructor(private readonly options: GitHubOptions) {
    this.repository = options.repository
    this.apiUrl = (options.apiUrl ?? 'https://api.github.com').replace(/\/$/, '')
  }

  /** `/repos/{owner}/{repo}` + `path`. */
  repoPath(path: string): string {
    return `/repos/${this.repository}${path}`
  }

  /** `fresh`: skip the cache, for answers that change (a search before filing an issue). */
  async get<T>(path: string, options: {fresh?: boolean} = {}): Promise<T> {
    return (await (options.fresh ? this.request('GET', this.url(path)) : this.getPage(this.url(path)))).body as T
  }

  /** Every page of a list answer; `fresh` skips the cache, for lists that change (open issues, labels). */
  async getAll<T>(path: string, options: {fresh?: boolean} = {}): Promise<T[]> {
    const items: T[] = []
    let url: string | undefined = this.url(path.includes('?') ? `${path}&per_page=100` : `${path}?per_page=100`)
    while (url) {
      const page: CachedAnswer = await (options.fresh ? this.request('GET', url) : this.getPage(url))
      items.push(...(page.body as T[]))
      url = page.next
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

  private async getPage(url: string): Promise<CachedAnswer> {
    const file = this.options.cacheDir ? join(this.options.cacheDir, `${createHash('sha256').update(url).digest('hex')}.json`) : undefined
    if (file) {
      try {
        return JSON.parse(readFileSync(file, 'utf8')) as CachedAnswer
      } catch {
        // Not cached yet.
      }
    }
    const answer = await this.request('GET', url)
    if (file) {
      mkdirSync(this.options.cacheDir!, {recursive: true})
      writeFileSync(`${file}.tmp`, JSON.stringify(answer))
      renameSync(`${file}.tmp`, file)
    }
    return answer
  }

  private async request(method: string, url: string, body?: unknown): Promise<CachedAnswer> {
    const backoff = this.options.backoff ?? defaultBackoff
    for (let attempt = 0; ; attempt++) {
      let response: Response
      try {
        this.requests++
        response = await fetch(url, {
          method,
          headers: {
            accept: 'application/vnd.github+json',
            authorization: `Bearer ${this.options.token}`,
            'x-github-api-version': '2022-11-28',
            'user-agent': 'charter',
            ...(body === undefined ? {} : {'content-type': 'application/json'})
          },
          body: body === undefined ? undefined : JSON.stringify(body),
          signal: AbortSignal.timeout(this.options.timeoutMs ?? 15_000)
        })
      } catch (error) {
        if (attempt < backoff.length) {
          await sleep(backoff[attempt]!)
          continue
        }
        const reason = (error as Error).name === 'TimeoutError' ? 'timed out' : ((error as {cause?: Error}).cause?.message ?? (error as Error).message)
        throw new ForgeUnavailable(`GitHub did not answer (${reason}) after ${attempt + 1} attempts`)
      }
      if (response.ok) {
        const text = await response.text()
        return {body: text === '' ? undefined : JSON.parse(text), next: nextLink(response.headers.get('link'))}
      }
      const wait = rateLimitWait(response)
      if (wait !== undefined) {
        if (wait <= (this.options.maxRateLimitWaitMs ?? 60_000) && attempt < backoff.length) {
          await sleep(wait)
          continue
        }
        const reset = response.headers.get('x-ratelimit-reset')
        const when = reset ? ` until ${new Date(Number(reset) * 1000).toISOString().slice(0, 16).replace('T', ' ')} UTC` : ''
        throw new ForgeUnavailable(`GitHub's API rate limit is used up${when}`)
      }
      if (response.status >= 500 && attempt < backoff.length) {
        await sleep(backoff[attempt]!)
        continue
      }
      if (response.status >= 500) throw new ForgeUnavailable(`GitHub answered ${response.status} after ${attempt + 1} attempts`)
      const message = await errorMessage(response)
      if (response.status === 401) throw new ForgeRefused(`GitHub refused the token in GITHUB_TOKEN (401: ${message}); set a valid token`)
      if (response.status === 403 || response.status === 404) {
        const needed = response.headers.get('x-accepted-github-permissions')
        throw new ForgeRefused(
          `GitHub refused ${method} ${new URL(url).pathname} (${response.status}: ${message})${needed ? `; the token needs the permission ${needed}` : '; check that the token can read (and, to open issues, write) this repository'}`
        )
      }
      throw new ForgeRefused(`GitHub refused ${method} ${new URL(url).pathname} (${response.status}: ${message})`)
    }
  }
}

function nextLink(header: string | null): string | undefined {
  return header ? /<([^>]+)>;\s*rel="next"/.exec(header)?.[1] : undefined
}

/** Milliseconds until the rate limit lifts, or undefined when the answer is not about a rate limit. */
function rateLimitWait(response: Response): number | undefined {
  if (response.status !== 403 && response.status !== 429) return undefined
  const retryAfter = response.headers.get('retry-after')
  if (retryAfter !== null) return Number(retryAfter) * 1000
  if (response.headers.get('x-ratelimit-remaining') !== '0') return undefined
  const reset = Number(response.headers.get('x-ratelimit-reset') ?? 0) * 1000
  return Math.max(0, reset - Date.now())
}

async function errorMessage(response: Response): Promise<string> {
  try {
    return ((await response.json()) as {message?: string}).message ?? response.statusText
  } catch {
    return response.statusText
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** The client from the environment (GITHUB_TOKEN, GITHUB_REPOSITORY, GITHUB_API_URL) and config. */
/** `needs`: what to tell the user when there is no token, e.g. which permission it must carry. */
export function gitHubFromEnvironment(root: string, configRepository: string | undefined, needs: string): GitHub {
  const token = process.env.GITHUB_TOKEN
  if (!token) throw new ForgeRefused(needs)
  const repository = process.env.GITHUB_REPOSITORY ?? configRepository
  if (!repository || !/^[^/\s]+\/[^/\s]+$/.test(repository)) {
    throw new ForgeRefused('name the GitHub repository as owner/name, in GITHUB_REPOSITORY or as github.repository in charter.config.yaml')
  }
  return new GitHub({
    token,
    repository,
    apiUrl: process.env.GITHUB_API_URL,
    cacheDir: join(root, '.charter/cache/github'),
    ...(process.env.CHARTER_GITHUB_BACKOFF_MS ? {backoff: process.env.CHARTER_GITHUB_BACKOFF_MS.split(',').map(Number)} : {})
  })
}
