// Where Charter keeps what it may reuse between runs (GitHub's answers, the check's per-document
// results): CHARTER_CACHE_DIR, else `$RUNNER_TEMP/charter-cache` in GitHub Actions, else the user
// cache directory. Never inside the repository, where a pull request could plant entries.
import {existsSync, realpathSync} from 'node:fs'
import {homedir} from 'node:os'
import {dirname, isAbsolute, join, relative, resolve} from 'node:path'

/** The environment variables a command runs with. */
export type Environment = Readonly<Record<string, string | undefined>>

/**
 * `<cache>/<parts…>`, or `ignored` naming the cache folder when it lies inside the repository at
 * `root` (or the git work tree around it): such a folder is never read.
 */
export function cacheFolder(root: string, env: Environment, ...parts: string[]): {dir?: string; ignored?: string} {
  const base = env.CHARTER_CACHE_DIR
    ? resolve(env.CHARTER_CACHE_DIR)
    : env.GITHUB_ACTIONS === 'true' && env.RUNNER_TEMP && isAbsolute(env.RUNNER_TEMP)
      ? join(env.RUNNER_TEMP, 'charter-cache')
      : join(env.XDG_CACHE_HOME && isAbsolute(env.XDG_CACHE_HOME) ? env.XDG_CACHE_HOME : join(homedir(), '.cache'), 'charter')
  const repositoryRoots = [root, gitTopLevel(root)].filter((dir): dir is string => dir !== undefined).map(real)
  const cacheBase = real(base)
  if (repositoryRoots.some((dir) => isWithin(cacheBase, dir))) return {ignored: base}
  return {dir: join(base, ...parts)}
}

/** The warning for a cache folder inside the repository. */
export const ignoredCacheWarning = (folder: string) =>
  `charter: not using the cache folder ${folder}: it lies inside the repository, where a pull request could plant answers; set CHARTER_CACHE_DIR to a folder outside it\n`

/** The real path of `path`, or of its nearest existing ancestor joined with the rest. */
export function real(path: string): string {
  const absolute = resolve(path)
  if (existsSync(absolute)) return realpathSync(absolute)
  const parent = dirname(absolute)
  return parent === absolute ? absolute : join(real(parent), relative(parent, absolute))
}

const isWithin = (path: string, folder: string) => {
  const rest = relative(folder, path)
  return rest === '' || (!rest.startsWith('..') && !isAbsolute(rest))
}

/** The nearest folder at or above `root` holding `.git`: the work tree a pull request writes to. */
function gitTopLevel(root: string): string | undefined {
  for (let dir = resolve(root); ; dir = dirname(dir)) {
    if (existsSync(join(dir, '.git'))) return dir
    if (dirname(dir) === dir) return undefined
  }
}
