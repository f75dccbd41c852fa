// A recorded vendor review as an edit of its file: last_reviewed and reviewed_by set, and a
// report received added to `assurance`. Only the changed values and the added lines move:
// comments, key order and quoting stay as they were.
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {isScalar, isSeq, parseDocument, Scalar, stringify, type Node} from 'yaml'
import {UserError} from '../model/errors'
import type {Assurance} from '../model/vendor'
import {changedMeanwhile, writeFilesAtomically} from '../write/atomic'
import {quoteLike} from './front-matter-edit'

const quoted = new Set<string>([Scalar.QUOTE_DOUBLE, Scalar.QUOTE_SINGLE])

class VendorReviewRefused extends UserError {}

export interface VendorReview {
  /** YYYY-MM-DD */
  date: string
  /** The reviewing role. */
  by: string
  /** A report received, to add to `assurance`. */
  assurance?: Assurance
}

/** Records the review in the vendor file at `path`, whose text was `original` when read; returns the new text. */
export function recordVendorReview(root: string, path: string, original: string, review: VendorReview): string {
  const text = readFileSync(join(root, path), 'utf8')
  if (text.replace(/^\uFEFF/, '') !== original) throw new VendorReviewRefused(changedMeanwhile(path))
  const content = editVendorText(original, review)
  writeFilesAtomically(root, new Map([[path, content]]), {expected: new Map([[path, text]])})
  return content
}

/** The vendor file's text with the review recorded. */
export function editVendorText(text: string, review: VendorReview): string {
  const yaml = parseDocument(text, {uniqueKeys: true, prettyErrors: false})
  if (yaml.errors.length > 0) throw new VendorReviewRefused(`the file is not valid YAML (${yaml.errors[0]!.message}); fix it (\`charter check\` shows where), then run the command again`)
  const edits: {from: number; to: number; text: string}[] = []
  const appended: string[] = []
  const setScalar = (key: string, value: string) => {
    const node = yaml.get(key, true) as Node | undefined
    if (node === undefined) appended.push(`${key}: ${scalar(value)}`)
    // A quoted value stays quoted as it was; any other is written plain when it reads back the same.
    else if (isScalar(node) && node.range) edits.push({from: node.range[0], to: node.range[1], text: quoted.has(node.type!) ? quoteLike(node, value) : scalar(value)})
    else throw new VendorReviewRefused(`\`${key}\` is not a single value; fix it, then run the command again`)
  }
  setScalar('last_reviewed', review.date)
  setScalar('reviewed_by', review.by)
  if (review.assurance) {
    const entry = assuranceLines(review.assurance)
    const node = yaml.get('assurance', true) as Node | undefined
    if (node === undefined) appended.push('assurance:', ...entry.map((line) => `  ${line}`))
    else if (isSeq(node) && node.range && (node.flow ?? false) && node.items.length === 0) {
      // From the end of `assurance:`, so no space is left at the end of its line.
      let from = node.range[0]
      while (text[from - 1] === ' ') from--
      edits.push({from, to: node.range[1], text: `\n${entry.map((line) => `  ${line}`).join('\n')}`})
    } else if (isSeq(node) && node.range && !node.flow && node.items.length > 0) {
      const first = node.items[0] as Node
      const lineStart = text.lastIndexOf('\n', first.range![0] - 1) + 1
      const indent = /^[ ]*/.exec(text.slice(lineStart))![0]
      const end = text[node.range[1] - 1] === '\n' ? node.range[1] : lineEnd(text, node.range[1])
      const before = end === text.length && !text.endsWith('\n') ? '\n' : ''
      edits.push({from: end, to: end, text: `${before}${entry.map((line) => `${indent}${line}`).join('\n')}\n`})
    } else {
      throw new VendorReviewRefused('`assurance` is not a list of reports; make it one (`assurance:` then `- type: …` entries), then run the command again')
    }
  }
  let result = text
  for (const edit of edits.sort((a, b) => b.from - a.from)) result = result.slice(0, edit.from) + edit.text + result.slice(edit.to)
  if (appended.length > 0) result = `${result}${result.endsWith('\n') || result === '' ? '' : '\n'}${appended.join('\n')}\n`
  return result
}

/** `- type: soc2-type2` and the entry's other keys, in the schema's order. */
function assuranceLines(assurance: Assurance): string[] {
  const keys = ['type', 'period_start', 'period_end', 'received', 'auditor', 'opinion'] as const
  const lines = keys.flatMap((key) => (assurance[key] === undefined ? [] : [`${key}: ${scalar(String(assurance[key]))}`]))
  return lines.map((line, index) => `${index === 0 ? '- ' : '  '}${line}`)
}

/** A value as one YAML scalar: plain when it reads back as the same text, quoted otherwise. */
function scalar(value: string): string {
  return stringify(value, {lineWidth: 0}).trimEnd()
}

function lineEnd(text: string, offset: number): number {
  const newline = text.indexOf('\n', offset)
  return newline === -1 ? text.length : newline + 1
}
