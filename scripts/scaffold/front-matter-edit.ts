// Changes front matter values in place. Only the bytes of the changed values move: comments,
// key order, quoting, line endings and the body stay exactly as they were.
import {isScalar, parseDocument, Scalar} from 'yaml'
import {UserError} from '../model/errors'
import {findFrontMatter, opensFrontMatter} from '../model/front-matter-block'

export interface FrontMatterEdit {
  key: string
  value: string
}

class FrontMatterEditError extends UserError {}

/** Returns `text` with each top-level `key` set to its new value; the key must exist. */
export function editFrontMatter(text: string, edits: readonly FrontMatterEdit[]): string {
  const block = findFrontMatter(text)
  if (!block) {
    throw new FrontMatterEditError(opensFrontMatter(text) ? 'the front matter block is not closed by a `---` line' : 'no front matter block at the top of the file')
  }
  const {start, end} = block
  const yaml = parseDocument(text.slice(start, end), {uniqueKeys: true, prettyErrors: false})
  if (yaml.errors.length > 0) {
    const [error] = yaml.errors
    throw new FrontMatterEditError(`the front matter is not valid YAML (${error!.message}); fix it, then run the command again`)
  }
  const replacements = edits.map(({key, value}) => {
    const node = yaml.get(key, true)
    if (!isScalar(node) || !node.range) throw new FrontMatterEditError(`the front matter has no \`${key}\` value to update; add \`${key}:\` and run the command again`)
    const [from, to] = node.range
    return {from: start + from, to: start + to, text: quoteLike(node, value)}
  })
  let result = text
  for (const {from, to, text: replacement} of replacements.sort((a, b) => b.from - a.from)) {
    result = result.slice(0, from) + replacement + result.slice(to)
  }
  return result
}

/** The new value written the way the old one was: plain, 'single' or "double" quoted. */
export function quoteLike(node: Scalar, value: string): string {
  if (node.type === Scalar.QUOTE_DOUBLE) return JSON.stringify(value)
  if (node.type === Scalar.QUOTE_SINGLE) return `'${value.replaceAll("'", "''")}'`
  return value
}
