// Appends entries to a person's acknowledgements file: only new lines are added at the end of
// its `acknowledgements:` list, so comments, order and quoting stay as they were. The file is
// written whole under the edit lock, or not at all.
import {isSeq, parseDocument, type Node} from 'yaml'
import {ledgerPath, type Acknowledgement} from '../model/acknowledgement'
import {UserError} from '../model/errors'
import {writeFilesAtomically} from '../write/atomic'

class AcknowledgementRefused extends UserError {}

/** Writes `entries` to the end of `login`'s file, whose text was `original` (undefined: no file yet); returns the new text. */
export function appendAcknowledgements(root: string, login: string, original: string | undefined, entries: readonly Acknowledgement[]): string {
  const path = ledgerPath(login)
  const content = original === undefined ? `acknowledgements:\n${entryLines(entries, '  ')}` : appendedText(path, original, entries)
  writeFilesAtomically(root, new Map([[path, content]]), {expected: new Map([[path, original]])})
  return content
}

/** The file's text with `entries` after the last item of its list. */
export function appendedText(path: string, text: string, entries: readonly Acknowledgement[]): string {
  const yaml = parseDocument(text, {uniqueKeys: true, prettyErrors: false})
  const list = yaml.get('acknowledgements', true) as Node | undefined
  if (isSeq(list) && list.range && list.flow && list.items.length === 0) {
    // `acknowledgements: []` becomes a block list, from the end of the key so no space is left over.
    let from = list.range[0]
    while (text[from - 1] === ' ') from--
    return `${text.slice(0, from)}\n${entryLines(entries, '  ').trimEnd()}${text.slice(list.range[1])}`
  }
  if (isSeq(list) && list.range && !list.flow && list.items.length > 0) {
    const first = list.items[0] as Node
    const lineStart = text.lastIndexOf('\n', first.range![0] - 1) + 1
    const indent = /^[ ]*/.exec(text.slice(lineStart))![0]
    const end = text[list.range[1] - 1] === '\n' ? list.range[1] : lineEnd(text, list.range[1])
    const before = end === text.length && !text.endsWith('\n') ? '\n' : ''
    return `${text.slice(0, end)}${before}${entryLines(entries, indent)}${text.slice(end)}`
  }
  throw new AcknowledgementRefused(`${path}: \`acknowledgements\` is not a list of entries; make it one (\`acknowledgements:\` then \`- document: …\` entries), then run the command again`)
}

/** `- document: …` and its version and commit, each entry three lines at `indent`. */
function entryLines(entries: readonly Acknowledgement[], indent: string): string {
  return entries.map((entry) => `${indent}- document: ${entry.document}\n${indent}  version: ${entry.version}\n${indent}  commit: ${entry.commit}\n`).join('')
}

function lineEnd(text: string, offset: number): number {
  const newline = text.indexOf('\n', offset)
  return newline === -1 ? text.length : newline + 1
}
