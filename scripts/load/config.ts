// Loads charter.config.yaml, validated against schemas/config.schema.json with its defaults filled in.
import {existsSync} from 'node:fs'
import {resolve} from 'node:path'
import {isMap, isPair, isScalar, type Document} from 'yaml'
import {VFile} from 'vfile'
import {validateConfig} from '../generated/validators.js'
import {configFileName, configSchemaId, type Config} from '../model/config-shape'
import {didYouMean} from '../model/suggest'
import {readDocumentFile} from './files'
import {positionAt} from './parse'
import {notAMapping, parseYaml, schemaProblems, type Problem} from './yaml'

export {configFileName, type Config, type RuleSetting, type Soc2Category} from '../model/config-shape'

export interface LoadedConfig {
  /** Undefined when the file has problems; they are messages on `file`. */
  config?: Config
  /** The config file with its messages, when one was read. */
  file?: VFile
}


function defaultConfig(): Config {
  const config = {}
  validateConfig(config)
  return config as Config
}

/** The config as read, before anything is reported: `check` reports the problems through its `config-schema` rule. */
export interface ConfigRead {
  /** Undefined when there are problems. */
  config?: Config
  /** The file's text ('' when it could not be read); undefined when there is no file. */
  text?: string
  /** The text as YAML, for positions; undefined when there is no text. */
  yaml?: Document.Parsed
  /** Offsets into `text`. */
  problems: Problem[]
}

/**
 * Reads the config at `path` (relative to `root`), and reports its problems on the file. A
 * missing default file means all defaults; `knownRules` lets an unknown rule id in `rules:` be
 * reported with a suggestion.
 */
export function loadConfig(root: string, path: string, knownRules: readonly string[]): LoadedConfig {
  const read = readConfig(root, path, knownRules)
  if (read.text === undefined) return {config: read.config!}
  const file = new VFile({path, value: read.text})
  for (const problem of read.problems) {
    const message = file.message(problem.reason, {place: positionAt(file, problem.start, problem.end), ruleId: configSchemaId, source: 'charter'})
    message.fatal = true
  }
  return read.config ? {config: read.config, file} : {file}
}

/** The config at `path` with its problems, as `loadConfig` reads it. */
export function readConfig(root: string, path: string, knownRules: readonly string[]): ConfigRead {
  if (path === configFileName && !existsSync(resolve(root, path))) return {config: defaultConfig(), problems: []}
  const read = readDocumentFile(root, path)
  if (!('text' in read)) return {text: '', problems: [{start: 0, end: 0, reason: read.problem}]}
  const parsed = parseYaml(read.text)
  // A file of comments only is a valid config: every default applies.
  const value = parsed.problems.length === 0 && parsed.value == null ? {} : parsed.value
  const problems = [...parsed.problems]
  if (problems.length === 0 && value !== parsed.value) {
    validateConfig(value)
  } else if (problems.length === 0) {
    const shape = notAMapping(parsed, 'config')
    if (shape) problems.push(shape)
    else {
      if (!validateConfig(value)) problems.push(...schemaProblems(parsed, validateConfig.errors ?? [], {start: 0, end: 0, reason: ''}))
      problems.push(...unknownRules(parsed.yaml.get('rules', true), knownRules))
    }
  }
  const found = {text: read.text, yaml: parsed.yaml, problems}
  return problems.length > 0 ? found : {...found, config: value as Config}
}

function unknownRules(rules: unknown, knownRules: readonly string[]): Problem[] {
  if (!isMap(rules)) return []
  return rules.items.flatMap((pair) => {
    if (!isPair(pair) || !isScalar(pair.key) || !pair.key.range) return []
    const id = String(pair.key.value)
    if (knownRules.includes(id)) return []
    return [{start: pair.key.range[0], end: pair.key.range[1], reason: `Unexpected rule \`${id}\` in \`rules\`, expected a rule id listed by \`charter check --help\`${didYouMean(id, knownRules)}`}]
  })
}
