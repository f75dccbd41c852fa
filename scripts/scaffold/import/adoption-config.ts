// The config text with the adoption commit recorded (scaffold/adoption.ts, as `init` records it),
// its comments and layout kept: the commit the repository stood at before its documents became
// Charter's. One already recorded stays.
import {existsSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import {parseDocument} from 'yaml'
import {validateConfig} from '../../generated/validators.js'
import {recordAdoption} from '../adoption'

/**
 * The config text with `adoption: <commit>`, and the text it had (undefined when there was no
 * file); undefined when it records an adoption already.
 */
export function adoptionConfigText(root: string, configPath: string, commit: string): {configText: string; previous?: string} | undefined {
  const path = join(root, configPath)
  const previous = existsSync(path) ? readFileSync(path, 'utf8') : undefined
  const yaml = parseDocument(previous ?? '# Charter settings; every key is optional. See README.md, "Configuration".\n')
  if (!recordAdoption(yaml, commit)) return undefined
  // The config was loaded and validated before; this only proves the new key fits it.
  if (!validateConfig(structuredClone(yaml.toJS()))) return undefined
  const configText = yaml.toString({lineWidth: 0, flowCollectionPadding: false})
  return previous === undefined ? {configText} : {configText, previous}
}
