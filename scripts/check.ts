// The check itself, without a command line: config, documents, rules. Returns the files with
// their messages; the command decides how to print them and which exit status they mean.
import {existsSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import {VFile} from 'vfile'
import type {Day} from './dates'
import {createCorpus, type Document, type DocumentMeta, type DocumentSummary} from './document'
import {codeownersHeader, codeownersPath, firstDifference, planCodeowners} from './forge/codeowners'
import {readBase} from './history/base'
import {loadConfig, type Config} from './load/config'
import {documentFrom, documentsFolder, listRepository} from './load/corpus'
import {readDocuments} from './load/reader'
import codeowners from './rules/codeowners'
import fileReadable from './rules/file-readable'
import {refusal} from './load/parse'
import {lintCorpus, lintDocument, ruleIds, severityOf, source} from './rules/run'

export interface CheckOptions {
  configPath: string
  today: Day
  /** The ref to compare versions against (`--base`); read from git. */
  baseRef?: string
}

export interface CheckResult {
  /** The config file (when one was read) first, then every document, each with its messages. */
  files: VFile[]
  documentCount: number
  /** Each document's path and the front matter fields that passed the schema. */
  documents: Pick<Document, 'path' | 'meta'>[]
  /** Undefined when the config has problems; documents are then not checked. */
  config?: Config
}

export function checkRepository(root: string, options: CheckOptions): CheckResult {
  const loaded = loadConfig(root, options.configPath, ruleIds)
  const configFiles = loaded.file ? [loaded.file] : []
  const config = loaded.config
  if (!config) return {files: configFiles, documentCount: 0, documents: []}
  const {files, documentPaths} = listRepository(root)
  const base = options.baseRef === undefined ? undefined : readBase(root, documentsFolder, options.baseRef)
  // Parse, check and summarize one document at a time; only its summary outlives the loop.
  const checked: {summary: DocumentSummary; file: VFile; meta: Partial<DocumentMeta>; path: string}[] = []
  for (const {path, ...read} of readDocuments(root, documentPaths)) {
    const document = documentFrom(path, read)
    checked.push({summary: lintWithinStack(document, config, options.today, base), file: document.file, meta: document.meta, path})
  }
  lintCorpus(checked, createCorpus(documentsFolder, checked.map(({summary}) => summary), files), config)
  const documents = checked.map(({path, meta}) => ({path, meta}))
  const repositoryFiles = checkCodeowners(root, documents, config)
  return {files: [...configFiles, ...checked.map(({file}) => file), ...repositoryFiles], documentCount: checked.length, documents, config}
}

/**
 * The document's rules; a stack overflow in one (a tree the parse bounds let through, in a rule
 * that recurses) becomes an error on this document, and the other documents are still checked.
 */
function lintWithinStack(document: Document, config: Config, today: Day, base: Parameters<typeof lintDocument>[3]): DocumentSummary {
  try {
    return lintDocument(document, config, today, base)
  } catch (error) {
    const refused = refusal(error)
    if (!refused) throw error
    const message = document.file.message(refused.message, {place: {line: refused.line, column: refused.column}, ruleId: fileReadable.id, source})
    message.fatal = true
    return {path: document.path, ...(document.meta.id === undefined ? {} : {id: document.meta.id}), anchors: [], links: [], related: document.meta.related ?? []}
  }
}

/** A CODEOWNERS that `charter codeowners` wrote must still match the documents. */
function checkCodeowners(root: string, documents: Pick<Document, 'path' | 'meta'>[], config: Config): VFile[] {
  const severity = severityOf(codeowners, config)
  const path = join(root, codeownersPath)
  if (severity === 'off' || !existsSync(path)) return []
  const actual = readFileSync(path, 'utf8')
  if (!actual.startsWith(codeownersHeader[0]!)) return []
  const difference = firstDifference(planCodeowners(documents, config.github.handles).text, actual)
  if (!difference) return []
  const file = new VFile({path: codeownersPath, value: actual})
  const found = difference.actual === undefined ? 'the end of the file' : `\`${difference.actual}\``
  const wanted = difference.expected === undefined ? 'the end of the file' : `\`${difference.expected}\``
  const message = file.message(`Unexpected ${found}, expected ${wanted}: the documents' owners, approvers or github.handles changed; run \`charter codeowners\` and commit the file`, {
    place: {line: difference.line, column: 1},
    ruleId: codeowners.id,
    source
  })
  message.fatal = severity === 'error'
  return [file]
}
