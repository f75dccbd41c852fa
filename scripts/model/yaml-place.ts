// Where a setting sits in a parsed YAML file, for a finding about it: the value, or else the
// nearest key on the way to it that the file has.
import type {Document} from 'yaml'

type Ranged = {range?: [number, number, number]} | null | undefined

/** Where the value at `path` sits; undefined when the file does not set it. */
export function valueAt(yaml: Document.Parsed | undefined, path: readonly (string | number)[]): {start: number; end: number} | undefined {
  const value = yaml?.getIn(path, true) as Ranged
  return value?.range ? {start: value.range[0], end: value.range[1]} : undefined
}

/** The value at `path`, or the key of the deepest mapping on the way that the file has; undefined when it has none. */
export function placeOf(yaml: Document.Parsed | undefined, path: readonly string[]): {start: number; end: number} | undefined {
  const value = valueAt(yaml, path)
  if (value) return value
  for (let length = path.length; length >= 1; length--) {
    const parent = length === 1 ? yaml?.contents : (yaml?.getIn(path.slice(0, length - 1), true) as unknown)
    const items = (parent as {items?: {key?: {value?: unknown} & Ranged}[]} | null | undefined)?.items ?? []
    const key = items.find((pair) => pair.key?.value === path[length - 1])?.key
    if (key?.range) return {start: key.range[0], end: key.range[1]}
  }
  return undefined
}
