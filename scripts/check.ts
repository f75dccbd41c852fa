// The check itself, without a command line: config, documents, rules. Returns the files with
// their messages; the command decides how to print them and which exit status they mean.
import type {VFile} from 'vfile'
import type {Day} from './dates'
import {loadConfig, type Config} from './load/config'
import {loadCorpus} from './load/corpus'
import {lintCorpus, ruleIds} from './rules/run'

export interface CheckResult {
  /** The config file (when one was read) first, then every document, each with its messages. */
  files: VFile[]
  documentCount: number
  /** Undefined when the config has problems; documents are then not checked. */
  config?: Config
}

export function checkRepository(root: string, options: {configPath: string; today: Day}): CheckResult {
  const loaded = loadConfig(root, options.configPath, ruleIds)
  const configFiles = loaded.file ? [loaded.file] : []
  if (!loaded.config) return {files: configFiles, documentCount: 0}
  const corpus = loadCorpus(root)
  lintCorpus(corpus, loaded.config, options.today)
  return {files: [...configFiles, ...corpus.documents.map((document) => document.file)], documentCount: corpus.documents.length, config: loaded.config}
}
