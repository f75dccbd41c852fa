// The check itself, without a command line: config, documents, rules. Returns the files with
// their messages; the command decides how to print them and which exit status they mean.
import {existsSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import {VFile} from 'vfile'
import type {Document as YamlDocument} from 'yaml'
import {validateConfig} from '../generated/validators.js'
import type {Day} from '../model/dates'
import {codeownersPath} from '../model/codeowners-text'
import {createCorpus, type Document, type DocumentMeta, type DocumentSummary} from '../model/document'
import {codeownersInputs, planCodeowners} from '../forge/owners-file'
import {readBase, type Base} from '../history/base'
import {configFileName, readConfig, type Config} from '../load/config'
import {loadRoster, rosterFileName} from '../load/people'
import {attachmentFacts, documentFrom, listRepository} from '../load/corpus'
import {fileFacts, readDocumentFile, repositoryPath} from '../load/files'
import {positionAt} from '../load/parse'
import {notAMapping, parseYaml} from '../load/yaml'
import {logoProblem} from '../model/published-file'
import {readVendorRegister, type VendorRegister} from '../load/vendor-register'
import {readAcknowledgementLedger} from '../load/acknowledgements'
import type {UnprovenAcknowledgement} from '../model/acknowledgement'
import publishedFiles from './rules/published-files'
import {readSiteTemplates} from '../render/site'
import fileReadable from './rules/file-readable'
import {refusal} from '../load/parse'
import type {RepositoryRead} from './rule'
import type {DocumentCache} from '../load/check-cache'
import {contextKey, documentKey, fromCache, toCache} from './cached-document'
import {keptOf, lintCorpus, lintDocument, lintRepository, ruleIds, severityOf, source} from './run'

export interface CheckOptions {
  configPath: string
  today: Day
  /** The ref to compare versions and the config against (`--base`); read from git. */
  baseRef?: string
  /** Each document's own findings and summary from an earlier run, reused when nothing that decides them changed. */
  cache?: DocumentCache
  /** With `--base`: the entries the pull request added that its commits do not prove (history/acknowledgement-evidence.ts). */
  unprovenAcknowledgements?: readonly UnprovenAcknowledgement[]
}

export interface CheckResult {
  /** The config file (when one was read) first, then every document, each with its messages. */
  files: VFile[]
  documentCount: number
  /** How many vendor files the vendor rules read; undefined when the repository keeps no register or no rule read it. */
  vendorCount?: number
  /** Each document's path and the front matter fields that passed the schema. */
  documents: Pick<Document, 'path' | 'meta'>[]
  /** Undefined when the config has problems; documents are then not checked. */
  config?: Config
  /** The vendor register as the check read it (read on asking when no rule did), so a build reads it once. */
  vendors?: () => VendorRegister
}

export function checkRepository(root: string, options: CheckOptions): CheckResult {
  const loaded = readConfig(root, options.configPath, ruleIds)
  // The roster's problems are reported like the config's; documents are still checked.
  const roster = loadRoster(root, loaded.config && Object.keys(loaded.config.acknowledgements.groups))
  // The files the repository rules report on, by path, with the text positions count in.
  const files = new Map<string, VFile>()
  if (loaded.text !== undefined) files.set(options.configPath, new VFile({path: options.configPath, value: loaded.text}))
  if (roster.text !== undefined) files.set(rosterFileName, new VFile({path: rosterFileName, value: roster.text}))
  const settingsProblems = [
    {path: options.configPath, problems: loaded.problems},
    {path: rosterFileName, problems: roster.problems}
  ]
  const config = loaded.config
  if (!config) {
    lintRepository({configPath: options.configPath, settingsProblems, today: options.today}, files)
    return {files: repositoryFiles(files, options.configPath, []), documentCount: 0, documents: []}
  }
  const configFile = files.get(options.configPath)
  if (configFile && loaded.yaml) checkLogo(root, configFile, loaded.yaml, config)
  const folder = config.documents
  const base = options.baseRef === undefined ? undefined : readBase(root, folder, options.baseRef, baseConfigPaths(root, options.configPath))
  const {files: paths, documentPaths} = listRepository(root, folder)
  // Parse, check and summarize one document at a time; only its summary outlives the loop.
  const checked: {summary: DocumentSummary; file: VFile; meta: Partial<DocumentMeta>; path: string}[] = []
  const cacheContext = options.cache && contextKey(config, options.today, base)
  for (const path of documentPaths) {
    const read = readDocumentFile(root, path)
    const key = cacheContext !== undefined && 'text' in read ? documentKey(cacheContext, path, read.text) : undefined
    const cached = key === undefined ? undefined : options.cache!.get(key)
    if (cached && 'text' in read) {
      checked.push({...fromCache(path, read.text, cached), path})
      continue
    }
    const document = documentFrom(path, {read})
    const kept = keptOf(document, lintWithinStack(document, config, options.today, base))
    if (key !== undefined) options.cache!.set(key, toCache(kept))
    checked.push({...kept, path})
  }
  lintCorpus(checked, createCorpus(folder, checked.map(({summary}) => summary), paths, attachmentFacts(root, paths)), config)
  const documents = checked.map(({path, meta}) => ({path, meta}))
  const read = {configPath: options.configPath, config, settingsProblems, documents, today: options.today, ...(loaded.yaml ? {configYaml: loaded.yaml} : {}), ...(base ? {base: {ref: base.ref, config: baseConfig(base)}} : {})}
  const register: {vendors?: VendorRegister} = {}
  const people = {logins: roster.roster && new Set(roster.roster.people.flatMap((person) => (person.login ? [person.login] : []))), unproven: options.unprovenAcknowledgements}
  const repository = withFilesRead(root, read, documents, files, register, roster.roster?.configApprovers, people)
  lintRepository(repository, files)
  const vendorCount = register.vendors && register.vendors.files.length > 0 ? register.vendors.files.length : undefined
  return {
    files: repositoryFiles(files, options.configPath, checked.map(({file}) => file)),
    documentCount: checked.length,
    ...(vendorCount === undefined ? {} : {vendorCount}),
    documents,
    config,
    vendors: () => repository.vendors ?? readVendorRegister(root, config)
  }
}

/**
 * `read` and the files beside the documents that the repository rules judge, each read when a
 * rule first asks; `register` gets the vendor register once read, for the summary's count.
 */
function withFilesRead(
  root: string,
  read: RepositoryRead & {config: Config},
  documents: Pick<Document, 'path' | 'meta'>[],
  files: Map<string, VFile>,
  register: {vendors?: VendorRegister},
  configApprovers?: readonly string[],
  people: {logins?: ReadonlySet<string>; unproven?: readonly UnprovenAcknowledgement[]} = {}
): RepositoryRead {
  let codeowners: RepositoryRead['codeowners'] | null = null
  let siteTemplates: RepositoryRead['siteTemplates'] | null = null
  let vendors: RepositoryRead['vendors'] | null = null
  let acknowledgements: RepositoryRead['acknowledgements'] | null = null
  const repository: RepositoryRead = {
    ...read,
    get codeowners() {
      if (codeowners === null) {
        const path = join(root, codeownersPath)
        const text = existsSync(path) ? readFileSync(path, 'utf8') : undefined
        if (text !== undefined) files.set(codeownersPath, new VFile({path: codeownersPath, value: text}))
        codeowners = text === undefined ? undefined : {text, planned: planCodeowners(codeownersInputs(root, read.configPath, read.config, documents, repository.vendors ?? {folder: read.config.vendors.folder, files: []}, configApprovers)).text}
      }
      return codeowners
    },
    get siteTemplates() {
      // Charter's own templates are trusted; only a fork's folder of its own is checked.
      if (siteTemplates === null) siteTemplates = existsSync(join(root, 'templates/site')) ? readSiteTemplates(root) : undefined
      return siteTemplates
    },
    get vendors() {
      if (vendors === null) {
        vendors = readVendorRegister(root, read.config)
        // Positions count in each file's text; a file is reported only when a rule finds something.
        for (const file of vendors.files) files.set(file.path, new VFile({path: file.path, value: file.text ?? ''}))
        register.vendors = vendors
      }
      return vendors
    },
    get acknowledgements() {
      if (acknowledgements === null) {
        const ledger = readAcknowledgementLedger(root)
        for (const file of ledger.files) files.set(file.path, new VFile({path: file.path, value: file.text ?? ''}))
        acknowledgements = {ledger, ...(people.logins ? {logins: people.logins} : {}), ...(people.unproven ? {unproven: people.unproven} : {})}
      }
      return acknowledgements
    }
  }
  return repository
}

/**
 * The files in the order they are reported: the config file (whenever one was read), the
 * roster, each document, then any other file a repository rule found something in.
 */
function repositoryFiles(files: Map<string, VFile>, configPath: string, documentFiles: VFile[]): VFile[] {
  const config = files.get(configPath)
  const others = [...files.values()].filter((file) => file !== config && file.messages.length > 0)
  const roster = others.filter((file) => file.path === rosterFileName)
  return [...(config ? [config] : []), ...roster, ...documentFiles, ...others.filter((file) => file.path !== rosterFileName)]
}

/** Where the base's config may be: the `--config` file as a path in the repository, then the default. */
function baseConfigPaths(root: string, configPath: string): string[] {
  const path = repositoryPath(root, configPath)
  return path !== undefined && path !== configFileName ? [path, configFileName] : [configFileName]
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

/** `branding.logo` is published on every page: published-files judges it, at its value in the config. */
function checkLogo(root: string, file: VFile, yaml: YamlDocument.Parsed, config: Config): void {
  const logo = config.branding.logo
  const severity = severityOf(publishedFiles, config)
  if (logo === undefined || severity === 'off') return
  const problem = logoProblem(logo, fileFacts(root, logo))
  if (!problem) return
  const node = yaml.getIn(['branding', 'logo'], true) as {range?: [number, number, number]} | undefined
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
