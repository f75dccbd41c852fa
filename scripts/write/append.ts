// Appending to a file another program owns, such as GitHub's step summary: never atomic, since
// the file is shared, but a failure is reported in the user's words.
import {appendFileSync} from 'node:fs'
import {fileSystemFault} from '../model/errors'

/** Appends `text` to the file at `path`; `what` names the write in an error, e.g. "the summary". */
export function appendToFile(path: string, text: string, what: string): void {
  try {
    appendFileSync(path, text)
  } catch (error) {
    throw fileSystemFault(error, `while writing ${what} to ${path}`) ?? error
  }
}
