/**
 * acknowledgement-ledger: every file in acknowledgements/ is `<login>.yaml` for a login on the
 * roster, readable YAML matching schemas/acknowledgement.schema.json; with --base, every entry
 * the pull request adds comes from a commit authored and signed by the person it names.
 *
 * An acknowledgement is evidence an auditor samples, so each file is read like a document (no
 * symbolic links, bounded, UTF-8) and each entry judged where it stands. An entry has no date:
 * its date is the commit date of the signed commit that added it, so a typed `date` is refused.
 * With `--base`, each commit of the pull request that adds entries is judged as an approval is:
 * its author must be the file's person (an email of theirs on the roster at the base) and its
 * signature must verify against one of their keys there. Someone else adding an entry for them,
 * an unsigned commit, or another key is an error at the entry; the person adds it themselves
 * with `charter acknowledge` and a signed commit. Without an acknowledgements folder nothing is
 * read, and no git process runs.
 *
 * @example ok
 *   acknowledgements/ann.yaml
 *     acknowledgements:
 *       - document: alpha
 *         version: 1.0.0
 *         commit: 4b825dc642cb6eb9a060e54bf8d69288fbee4904
 *
 * @example not-ok a date typed into the file
 *   acknowledgements/ann.yaml
 *     acknowledgements:
 *       - document: alpha
 *         version: 1.0.0
 *         commit: 4b825dc642cb6eb9a060e54bf8d69288fbee4904
 *         date: 2020-01-01
 *   → acknowledgements/ann.yaml:5:5-5:9 error Unexpected `date` in an acknowledgement: its date is the commit date of the signed commit that adds it, so a date typed here would be a claim no one can check; remove the line
 */
import type {RepositoryRule} from '../rule'

const rule: RepositoryRule = {
  scope: 'repository',
  id: 'acknowledgement-ledger',
  summary: "Acknowledgement files are valid, named after a roster login, and (with --base) added only by their person's own signed commits.",
  description:
    "Each person's acknowledgements are evidence an auditor samples, so `acknowledgements/<login>.yaml` must name a login on the roster (people.yaml) and match schemas/acknowledgement.schema.json: entries of `document`, `version` and the 40-character `commit` that was read, and no `date` (the date of an entry is the commit date of the signed commit that added it). With `--base`, every entry the pull request adds must come from a commit authored by that person (an email of theirs on the roster at the base) and signed with one of their keys there, verified as approvals are; any other is an error at the entry. The person adds it themselves: `charter acknowledge <id>`, then `git commit -S` and a pull request.",
  severity: 'error',
  check(repository, context) {
    const read = repository.acknowledgements
    if (!read) return
    if (read.ledger.folderProblem) context.report('acknowledgements', undefined, read.ledger.folderProblem)
    for (const file of read.ledger.files) {
      for (const problem of file.problems) context.report(file.path, problem, problem.reason)
      if (file.login !== undefined && read.logins && !read.logins.has(file.login)) {
        context.report(file.path, undefined, `Unexpected acknowledgements file for \`${file.login}\`: no one on the roster (people.yaml) has that login; rename the file to the person's \`login\` there, or add them to the roster`)
      }
    }
    for (const unproven of read.unproven ?? []) {
      const file = read.ledger.files.find((candidate) => candidate.path === unproven.path)
      const index = file?.entries.findIndex((entry) => entry.document === unproven.document && entry.version === unproven.version) ?? -1
      const start = index === -1 ? undefined : file!.offsets[index]!
      context.report(unproven.path, start === undefined ? undefined : {start, end: start + 1}, unproven.reason)
    }
  }
}

export default rule
