// `charter codeowners`: write .github/CODEOWNERS so each document needs its owner's and
// approvers' review on GitHub.
import {codeownersInputs, planCodeowners} from '../forge/owners-file'
import {loadRoster} from '../load/people'
import {readVendorRegister} from '../load/vendor-register'
import {codeownersPath} from '../model/codeowners-text'
import {ownersFileDifference, writeOwnersFile} from '../forge/owners-file-sync'
import {ownersFileChecked, ownersFileWritten} from '../report/owners-file-report'
import type {Command} from './command'
import {configFileName} from '../load/config'
import {CommandFailure, loadDocuments, requireConfig, rootHelp, rootOf, rootOptions} from './options'

export const usage = `Usage: charter codeowners [options]

Writes ${codeownersPath} so that a pull request changing a document needs a review from the
GitHub users or teams of the document's owner and approver roles, taken from github.handles in
charter.config.yaml (for example \`CTO: "@jane-doe"\`, \`Head of Security: "@example/security"\`).
A vendor file needs its owner's review. The gate needs a review from the roles that approve
config changes (config_approvers in people.yaml, else every document owner and approver): the
config, the roster, .github/ (the workflows, this file), the toolkit's own code, and any document
or vendor the file does not name yet. Turn on "Require review from Code Owners" in branch
protection to make it binding.

Every file with a role that has no handle is listed; the file still names the roles that
have one. \`charter check\` reports the file once it no longer matches the documents.

Options:
  --check              Write nothing; exit 1 when the file is missing or differs
${rootHelp}
  -h, --help           Show this help

Exit status: 0 when every role has a handle, every file has a name CODEOWNERS reads safely and
(with --check) the file matches; 1 otherwise.
`

const command: Command = {
  usage,
  options: {check: {type: 'boolean'}, ...rootOptions},
  async run(values, _positionals, io) {
    const root = rootOf(values)
    const config = requireConfig(root, values)
    if (Object.keys(config.github.handles).length === 0) {
      throw new CommandFailure('github.handles in charter.config.yaml is empty; map each owner and approver role to a GitHub user or team, e.g.\n  github:\n    handles:\n      CTO: "@jane-doe"\n      Head of Security: "@example-corp/security"')
    }
    const documents = loadDocuments(root, config).filter((document) => document.meta.status !== 'retired')
    const register = readVendorRegister(root, config)
    const configPath = (values.config as string | undefined) ?? configFileName
    const plan = planCodeowners(codeownersInputs(root, configPath, config, documents, register, loadRoster(root).roster?.configApprovers))
    const status = plan.unmapped.length > 0 || plan.unsafe.length > 0 ? 1 : 0
    if (values.check) {
      const difference = ownersFileDifference(root, plan)
      io.stdout.write(ownersFileChecked(plan, difference))
      return difference ? 1 : status
    }
    writeOwnersFile(root, plan)
    io.stdout.write(ownersFileWritten(plan))
    return status
  }
}

export default command
