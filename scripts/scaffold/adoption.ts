// The adoption commit in the config: where the repository stood when Charter was adopted.
// History, the changelog, the bundle and the audit begin after it; `init` and `import` record it.
import {isMap, isScalar, Scalar, type Document} from 'yaml'

/**
 * Records `head` as `adoption` in the config's YAML, with a comment saying what it is, and keeps
 * every other comment and key as it was. Nothing changes when the config already names one (it
 * is recorded once, at the first adoption) or when `head` is undefined (a repository without a
 * commit, or no repository). True when it was recorded.
 */
export function recordAdoption(config: Document, head: string | undefined): boolean {
  if (head === undefined || config.has('adoption')) return false
  config.set('adoption', head)
  const pair = isMap(config.contents) ? config.contents.items.find((item) => (isScalar(item.key) ? item.key.value : item.key) === 'adoption') : undefined
  if (pair) {
    const key = isScalar(pair.key) ? pair.key : new Scalar(pair.key)
    key.spaceBefore = true
    key.commentBefore = ' The commit this repository stood at when Charter was adopted: history, the changelog and\n the audit begin after it. Written once, by `charter init` or `charter import`.'
    pair.key = key
  }
  return true
}
