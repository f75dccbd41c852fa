// The check itself, without a command line: config, documents, rules. Returns the files with
// their messages; the command decides how to print them and which exit status they mean.
import type {VFile} from 'vfile'
import type {Day} from './dates'
import {createCorpus} from './document'
import {loadConfig, type Config} from './load/config'
import {documentsFolder, listRepository, loadDocument} from './load/corpus'
import {readBase} from './history/base'
import {lintCorpus, lintDocument, ruleIds} from './rules/run'

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
  /** Undefined when the config has problems; documents are then not checked. */
  config?: Config
}

export function checkRepository(root: string, options: CheckOptions): CheckResult {
  const loaded = loadConfig(root, options.configPath, ruleIds)
  const configFiles = loaded.file ? [loaded.file] : []
  const config = loaded.config
  if (!config) return {files: configFiles, documentCount: 0}
  const {files, documentPaths} = listRepository(root)
  const base = options.baseRef === undefined ? undefined : readBase(root, documentsFolder, options.baseRef)
  // Parse, check and summarize one document at a time; only its summary outlives the loop.
  const checked = documentPaths.map((path) => {
    const document = loadDocument(root, path)
    return {summary: lintDocument(document, config, options.today, base), file: document.file}
  })
  lintCorpus(checked, createCorpus(documentsFolder, checked.map(({summary}) => summary), files), config)
  return {files: [...configFiles, ...checked.map(({file}) => file)], documentCount: checked.length, config}
}
