// `charter verify`: recompute a bundle's hashes against its manifest.
import {resolve} from 'node:path'
import {verifyBundle} from '../bundle/manifest-check'
import {plural} from '../model/dates'
import {UsageError, type Command} from './command'

export const usage = `Usage: charter verify <dir>

Recomputes the SHA-256 of every file in a bundle built by \`charter build\` and compares it
with the bundle's manifest.json. Names every file that changed, is missing, or is not in the
manifest. Auditors can run it on the bundle they were given.

Exit status: 0 when every file matches, 1 otherwise, 2 on a usage error.
`

const command: Command = {
  usage,
  options: {},
  async run(_values, positionals, io) {
    if (positionals.length !== 1) throw new UsageError('verify: name the bundle folder, e.g. `charter verify dist`')
    const result = verifyBundle(resolve(positionals[0]!))
    if (result.problems.length > 0) {
      io.stdout.write(`${positionals[0]}: ${plural(result.problems.length, 'problem')}\n${result.problems.map((problem) => `  ${problem}`).join('\n')}\n`)
      return 1
    }
    io.stdout.write(`${positionals[0]}: all ${plural(result.checked, 'file')} match manifest.json (bundle ${result.bundle}, commit ${result.commit})\n`)
    return 0
  }
}

export default command
