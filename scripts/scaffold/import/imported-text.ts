// The text import writes for one document: Charter's front matter in its usual order (lists of
// roles and controls on one line, as the seed library writes them), the source's other keys
// under `x-<layout>`, where it came from, then the body.
import {Document, isSeq} from 'yaml'
import type {SourceValue} from './source-front-matter'
import type {FilledDocument} from './filling'
import {define, type Layout} from './source-mapping'

/**
 * The key naming the file a document was imported from; a later import of it updates the same
 * document. (In backticks: test/architecture.test.ts takes a quoted name after the word from for an import.)
 */
export const importedFromKey = `x-imported-from`

export interface ImportedDocument {
  id: string
  filled: FilledDocument
  own: Record<string, SourceValue>
  kept: Record<string, SourceValue>
  layout: Layout
  importedFrom: string
  body: string
}

const order = ['kind', 'version', 'status', 'owner', 'approvers', 'classification', 'effective', 'last_reviewed', 'review_interval', 'order', 'controls'] as const

export function importedText(document: ImportedDocument): string {
  const front = Object.create(null) as Record<string, SourceValue>
  define(front, 'id', document.id)
  define(front, 'title', document.filled.title)
  const fields = document.filled.fields as unknown as Record<string, SourceValue | undefined>
  for (const key of order) if (fields[key] !== undefined) define(front, key, fields[key]!)
  for (const key of Object.keys(document.own)) if (key !== importedFromKey) define(front, key, document.own[key]!)
  if (Object.keys(document.kept).length > 0) define(front, `x-${document.layout}`, document.kept)
  define(front, importedFromKey, document.importedFrom)

  const yaml = new Document(front)
  for (const path of [['approvers'], ['controls', 'soc2'], ['controls', 'iso27001']]) {
    const node = yaml.getIn(path, true)
    if (isSeq(node)) node.flow = true
  }
  const body = document.body.replace(/^\n+/, '').trimEnd()
  return `---\n${yaml.toString({lineWidth: 0, flowCollectionPadding: false})}---\n${body === '' ? '' : `\n${body}\n`}`
}
