// The check itself, without a command line: config, documents, rules. Returns the files with
// their messages; the command decides how to print them and which exit status they mean.
import {existsSync, readFileSync} from 'node:fs'
import {isAbsolute, join, relative, resolve, sep} from 'node:path'
import {VFile} from 'vfile'
import {validateConfig} from '../generated/validators.js'
import type {Day} from '../model/dates'
import {createCorpus, type Document, type DocumentMeta, type DocumentSummary} from '../model/document'
import {codeownersHeader, codeownersPath, firstDifference, planCodeowners} from '../forge/owners-file'
import {readBase, type Base} from '../history/base'
import {configFileName, loadConfig, type Config} from '../load/config'
import {loadRoster} from '../load/people'
import {attachmentFacts, documentFrom, documentsFolder, listRepository} from '../load/corpus'
import {fileFacts} from '../load/files'
import {positionAt} from '../load/parse'
import {readDocuments} from '../load/reader'
import {notAMapping, parseYaml, yamlDocument} from '../load/yaml'
import {logoProblem} from '../model/published-file'
import publishedFiles from './rules/published-files'
import codeowners from './rules/codeowners-current'
import siteTemplates from './rules/site-templates'
import {siteRenderer} from '../render/site'
import {UserError} from '../model/errors'
import configWeakened, {configWeakenings} from './rules/config-weakened'
import {ruleDocs} from './rules/index'
import fileReadable from './rules/file-readable'
import {refusal} from '../load/parse'
import {lintCorpus, lintDocument, ruleIds, severityOf, source} from './run'

export interface CheckOptions {
  configPath: string
  today: Day
  /** The ref to compare versions and the config against (`--base`); read from git. */
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
  // The roster's problems are reported like the config's; documents are still checked.
  const roster = loadRoster(root).file
  const rosterFiles = roster && roster.messages.length > 0 ? [roster] : []
  const config = loaded.config
  if (!config) return {files: [...(loaded.file ? [loaded.file] : []), ...rosterFiles], documentCount: 0, documents: []}
  if (loaded.file) checkLogo(root, loaded.file, config)
  const base = options.baseRef === undefined ? undefined : readBase(root, documentsFolder, options.baseRef, baseConfigPaths(root, options.configPath))
  const configFile = base ? checkConfigAgainstBase(loaded.file, options.configPath, config, base) : loaded.file
  const configFiles = [...(configFile ? [configFile] : []), ...rosterFiles]
  const {files, documentPaths} = listRepository(root)
  // Parse, check and summarize one document at a time; only its summary outlives the loop.
  const checked: {summary: DocumentSummary; file: VFile; meta: Partial<DocumentMeta>; path: string}[] = []
  for (const {path, ...read} of readDocuments(root, documentPaths)) {
    const document = documentFrom(path, read)
    checked.push({summary: lintWithinStack(document, config, options.today, base), file: document.file, meta: document.meta, path})
  }
  lintCorpus(checked, createCorpus(documentsFolder, checked.map(({summary}) => summary), files, attachmentFacts(root, files)), config)
  const documents = checked.map(({path, meta}) => ({path, meta}))
  const repositoryFiles = [...checkCodeowners(root, documents, config), ...checkSiteTemplates(root, config)]
  return {files: [...configFiles, ...checked.map(({file}) => file), ...repositoryFiles], documentCount: checked.length, documents, config}
}

/** Where the base's config may be: the `--config` file as a path in the repository, then the default. */
function baseConfigPaths(root: string, configPath: string): string[] {
  const path = relative(root, resolve(root, configPath)).split(sep).join('/')
  const inside = path !== '' && !path.startsWith('../') && path !== '..' && !isAbsolute(path)
  return inside && path !== configFileName ? [path, configFileName] : [configFileName]
}

/**
 * The config at the base, with every default filled in. No config there, or one that does not
 * load, means the defaults: the gate the base had is then taken to be the default one.
 */
function baseConfig(base: Base): Config {
  const parsed = base.config ? parseYaml(base.config.text) : undefined
  const value = parsed && parsed.problems.length === 0 && !notAMapping(parsed, 'config') ? parsed.value : {}
  return validateConfig(value) ? (value as Config) : baseConfig({...base, config: undefined})
}

/** Adds a `config-weakened` message for each way the config weakens the base's gate. */
function checkConfigAgainstBase(loadedFile: VFile | undefined, path: string, config: Config, base: Base): VFile | undefined {
  const before = baseConfig(base)
  // The base's own setting decides: a pull request can't switch this rule off with itself.
  const severity = severityOf(configWeakened, before)
  if (severity === 'off') return loadedFile
  const yaml = loadedFile ? yamlDocument(String(loadedFile.value)) : undefined
  const problems = configWeakenings(before, config, yaml, ruleDocs, base.ref)
  if (problems.length === 0) return loadedFile
  const file = loadedFile ?? new VFile({path, value: ''})
  for (const problem of problems) {
    const message = file.message(problem.reason, {place: positionAt(file, problem.start, problem.end), ruleId: configWeakened.id, source})
    message.fatal = severity === 'error'
  }
  return file
}

/** `branding.logo` is published on every page: published-files judges it, at its value in the config. */
function checkLogo(root: string, file: VFile, config: Config): void {
  const logo = config.branding.logo
  const severity = severityOf(publishedFiles, config)
  if (logo === undefined || severity === 'off') return
  const problem = logoProblem(logo, fileFacts(root, logo))
  if (!problem) return
  const node = yamlDocument(String(file.value)).getIn(['branding', 'logo'], true) as {range?: [number, number, number]} | undefined
  const message = file.message(problem, {place: node?.range ? positionAt(file, node.range[0], node.range[1]) : undefined, ruleId: publishedFiles.id, source})
  message.fatal = severity === 'error'
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

/** A fork's own site templates must build: read, parsed and checked as the build does. */
function checkSiteTemplates(root: string, config: Config): VFile[] {
  const severity = severityOf(siteTemplates, config)
  if (severity === 'off' || !existsSync(join(root, 'templates/site'))) return []
  try {
    siteRenderer(root)
    return []
  } catch (error) {
    if (!(error instanceof UserError)) throw error
    const [, path = 'templates/site', line, reason = error.message] = /^(.+?)(?::(\d+):1)?: (Unexpected .*)$/s.exec(error.message) ?? []
    const file = new VFile({path})
    const message = file.message(reason, {place: {line: Number(line ?? 1), column: 1}, ruleId: siteTemplates.id, source})
    message.fatal = severity === 'error'
    return [file]
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
