// The config text with the adoption commit recorded (scaffold/adoption.ts, as `init` records it),
// its comments and layout kept: the commit the repository stood at before its documents became
// Charter's. One already recorded stays.
import {recordAdoption} from '../adoption'
import {editConfigText} from '../config-text'

/**
 * The config text with `adoption: <commit>`, and the text it had (undefined when there was no
 * file); undefined when it records an adoption already.
 */
export function adoptionConfigText(root: string, configPath: string, commit: string): {configText: string; previous?: string} | undefined {
  let recorded = false
  const {before, after, unfit} = editConfigText(root, configPath, (yaml) => {
    recorded = recordAdoption(yaml, commit)
  })
  // The config was loaded and validated before; this only proves the new key fits it.
  if (!recorded || unfit !== undefined) return undefined
  return before === undefined ? {configText: after} : {configText: after, previous: before}
}
