// What several commands share: the --root/--config/--today options, a config that must be
// valid, the repository's documents with their front matter, and its vendor register.
import {existsSync, statSync} from 'node:fs'
import {resolve} from 'node:path'
import type {VFile} from 'vfile'
import {reporter} from 'vfile-reporter'
import {parseDay, parseDuration, type Day, type Duration} from '../model/dates'
import type {Document} from '../model/document'
import {configFileName, loadConfig, type Config} from '../load/config'
import {listRepository, loadDocument, MissingFolderError} from '../load/corpus'
import {readVendorRegister, type VendorFile} from '../load/vendor-register'
import {ruleIds} from '../lint/run'
import {closeMatches} from '../model/suggest'
import {UsageError, UserError} from '../model/errors'
import type {Command, Io, OptionValues as Values} from './command'

export const rootOptions: Command['options'] = {
  root: {type: 'string'},
  config: {type: 'string'}
}

export const rootHelp = `  --root <dir>         The repository root (default: the current directory)
  --config <file>      The config file, relative to the root (default: ${configFileName});
                       its \`documents\` key names the documents folder (default: policies)`

/** A command that cannot go on; printed as given, exit status 1. */
export class CommandFailure extends UserError {}


export function rootOf(values: Values): string {
  const root = resolve((values.root as string | undefined) ?? '.')
  if (!existsSync(root) || !statSync(root).isDirectory()) throw new UsageError(`--root ${root} is not a folder`)
  return root
}

/** An option that takes one of a few words, e.g. `--format json`; the first word is the default. */
export function choiceOption<T extends string>(values: Values, name: string, choices: readonly T[], command: string): T {
  const given = values[name] as string | undefined
  if (given === undefined) return choices[0]!
  if (!(choices as readonly string[]).includes(given)) throw new UsageError(`${command}: unknown --${name} \`${given}\`, expected one of ${choices.join(', ')}`)
  return given as T
}

/** `--<flag> YYYY-MM-DD`, or today (the system's local date, in the real program). */
export function dateOption(values: Values, name: string, command: string, io: Pick<Io, 'today'>): Day {
  const text = values[name] as string | undefined
  if (text === undefined) return io.today()
  const day = parseDay(text)
  if (day === undefined) throw new UsageError(`${command}: --${name} expects a real date as YYYY-MM-DD, got \`${text}\``)
  return day
}

/** A period option (`--within`): `60d`, `8w`, `3m`, `1y`, or the long form `60 days`. */
export function parsePeriod(text: string): Duration | undefined {
  const short = /^([1-9]\d{0,3})([dwmy])$/.exec(text.trim())
  if (short) return {count: Number(short[1]), unit: ({d: 'day', w: 'week', m: 'month', y: 'year'} as const)[short[2] as 'd' | 'w' | 'm' | 'y']}
  return parseDuration(text.trim())
}

export function requireConfig(root: string, values: Values): Config {
  const loaded = loadConfig(root, (values.config as string | undefined) ?? configFileName, ruleIds)
  if (loaded.config) return loaded.config
  throw new CommandFailure(`${formatMessages([loaded.file!])}charter: fix ${loaded.file!.path} first; \`charter check\` reports the same problems`)
}

function formatMessages(files: VFile[]): string {
  return `${reporter(files, {quiet: true, color: false})}\n`
}

/** Every document in the documents folder with its front matter (the Markdown is not parsed, no rule runs). */
export function loadDocuments(root: string, config: Pick<Config, 'documents'>): Document[] {
  try {
    return listRepository(root, config.documents).documentPaths.map((path) => loadDocument(root, path, {body: false}))
  } catch (error) {
    if (error instanceof MissingFolderError) throw new UsageError(error.message)
    throw error
  }
}

/**
 * The same, for a command that starts git first: the folder is listed now (so a missing one is
 * reported before anything starts), and the returned loader gives way between documents, so the
 * output of git processes already running is read while the documents are.
 */
export function loadDocumentsAlongside(root: string, config: Pick<Config, 'documents'>): () => Promise<Document[]> {
  let paths: string[]
  try {
    paths = listRepository(root, config.documents).documentPaths
  } catch (error) {
    if (error instanceof MissingFolderError) throw new UsageError(error.message)
    throw error
  }
  return async () => {
    const documents: Document[] = []
    for (const path of paths) {
      documents.push(loadDocument(root, path, {body: false}))
      await new Promise((resolve) => setImmediate(resolve))
    }
    return documents
  }
}

export function byId(documents: readonly Document[]): Map<string, Document> {
  const found = new Map<string, Document>()
  for (const document of documents) if (document.meta.id !== undefined && !found.has(document.meta.id)) found.set(document.meta.id, document)
  return found
}

/** The document with `id` (or, when its front matter cannot be read, named `<id>.md`), or an error naming close ids. */
export function findDocument(id: string, documents: readonly Document[], config: Pick<Config, 'documents'>): Document {
  const ids = byId(documents)
  const found = ids.get(id) ?? documents.find((document) => document.path.endsWith(`/${id}.md`))
  if (found) return found
  const close = closeMatches(id, ids.keys())
  const hint = close.length > 0 ? `; did you mean ${close.map((match) => `\`${match}\``).join(', ')}?` : `; the ids are the file names in ${config.documents}/`
  throw new CommandFailure(`no document in ${config.documents}/ has the id \`${id}\`${hint}`)
}

/**
 * The vendor register's files, refused when the folder or a file has problems: a listing, an
 * edit or a reminder must not skip a vendor silently. Empty when the repository keeps none.
 */
export function loadVendors(root: string, config: Pick<Config, 'vendors'>, command: string): VendorFile[] {
  const found = readVendorRegister(root, config)
  if (found.folderProblem) throw new CommandFailure(`${command}: ${found.folderProblem}`)
  const broken = found.files.filter((file) => file.problems.length > 0)
  if (broken.length > 0) throw new CommandFailure(`${command}: ${broken.map((file) => file.path).join(', ')} ${broken.length === 1 ? 'has problems' : 'have problems'}; fix them first (\`charter check\` shows where)`)
  return found.files
}
