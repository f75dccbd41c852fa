// `charter build`: the versioned bundle of the security page, the PDFs and the manifest.
import {relative, resolve} from 'node:path'
import {gitHubFromEnvironment} from '../forge/github-client'
import {BuildRefused, buildBundle, combinedPdfName, documentFolder, type Audience} from '../bundle/assemble'
import {plural} from '../model/dates'
import {configFileName} from '../load/config'
import {MissingFolderError} from '../load/corpus'
import {prettyReport} from '../report/pretty'
import {UsageError, type Command} from './command'
import {choiceOption, CommandFailure, requireConfig, rootHelp, rootOf, rootOptions} from './options'

export const usage = `Usage: charter build [options]

Builds the versioned bundle from the current commit:
  site/           the security page: an overview from trust: in the config (index.html), the
                  register of documents, control coverage, the subprocessor list from the
                  vendor register (subprocessors.html), a changelog (with its Atom feed,
                  changelog.xml, which also announces each change to the subprocessor list)
                  and search, one page per document in site/${documentFolder}/,
                  and linked attachments in site/files/ (plain HTML and CSS under a
                  Content-Security-Policy: no script runs, nothing comes from another host)
  site/pagefind/  the search index (Pagefind), used only by site/search.html, the one page
                  allowed to run script: the site's own search.js, in the reader's browser
  pdf/            ${combinedPdfName} with a cover and contents, and one PDF per document
                  in pdf/${documentFolder}/
  .well-known/security.txt
                  where to report a vulnerability (RFC 9116): organization.security_contact,
                  valid from the commit date for security_txt.expires (at most a year)
  manifest.json   the bundle version, the commit, the build date, and every file's SHA-256

A change's summary is its Change: commit trailer, else (with --github) its pull request's
title, else its commit subject. The public edition names authors and approvers only with
publish.show_authors: true in the config, and shows their roles from people.yaml otherwise.

It first runs the same check as \`charter check\` (reviews measured on the commit date) and
refuses to build when it finds an error, printing the findings.

The bundle version is the tag on HEAD, or <YYYY.MM.DD>+<short sha> from the commit date, with
-dirty when the documents folder, templates/ or the config have uncommitted changes (the pages
then say so). Dates come from the commit, so the same commit gives the same bytes. The bundle is
built in a temporary folder and renamed into place: a failed or interrupted build leaves the
previous one untouched. An existing --out folder is replaced only when its manifest.json,
written by charter, lists every file in it.

Options:
  --audience <name>    public (default): only documents with classification: public;
                       internal: every document, and the vendor register as a page and a
                       PDF section
  --out <dir>          Where to write the bundle (default: dist)
  --no-pdf             Build the site and manifest only
  --allow-errors       Build even when the check finds errors; every page, the PDF cover and
                       every PDF footer then say the bundle is unofficial
  --github             Add approvals from the merged pull requests' reviews on GitHub to the
                       revision tables and the changelog, and use a pull request's title as
                       the summary of a change without a Change: trailer (GITHUB_TOKEN;
                       repository from GITHUB_REPOSITORY or github.repository in the config)
${rootHelp}
  -h, --help           Show this help
`

const command: Command = {
  usage,
  options: {audience: {type: 'string'}, out: {type: 'string'}, 'no-pdf': {type: 'boolean'}, 'allow-errors': {type: 'boolean'}, github: {type: 'boolean'}, ...rootOptions},
  async run(values, positionals, io) {
    if (positionals.length > 0) throw new UsageError(`build: unexpected argument \`${positionals[0]}\` (see \`charter build --help\`)`)
    const audience = choiceOption<Audience>(values, 'audience', ['public', 'internal'], 'build')
    const root = rootOf(values)
    const config = requireConfig(root, values)
    const out = resolve(root, (values.out as string | undefined) ?? 'dist')
    // relative() is '' for the repository itself and has no '..' for a folder containing it.
    if (!relative(out, root).startsWith('..')) {
      throw new UsageError(`build: --out must not be the repository or a folder that contains it (${out})`)
    }
    const allowErrors = Boolean(values['allow-errors'])
    const connect = () => gitHubFromEnvironment(root, config.github.repository, '--github needs a token in GITHUB_TOKEN that can read pull requests', io)
    let report
    try {
      // CHARTER_PDF_THREADS sets how many threads lay out the PDFs (one per core unless set): the bench compares one with two.
      const threads = Number(io.env.CHARTER_PDF_THREADS)
      const pdfThreads = Number.isInteger(threads) && threads > 0 ? {pdfThreads: threads} : {}
      report = await buildBundle({root, out, audience, pdf: !values['no-pdf'], config, configPath: (values.config as string | undefined) ?? configFileName, allowErrors, ...(values.github ? {connect} : {}), ...pdfThreads})
    } catch (error) {
      if (error instanceof MissingFolderError) throw new UsageError(`build: ${error.message}`)
      if (!(error instanceof BuildRefused)) throw error
      throw new CommandFailure(
        `${prettyReport(error.files, error.documentCount, false)}charter: build refused: \`charter check\` finds ${plural(error.errors, 'error')}; fix ${error.errors === 1 ? 'it' : 'them'} and build again, or pass --allow-errors for a bundle marked unofficial`
      )
    }
    if (report.unavailable) {
      io.stderr.write(`charter: GitHub was unavailable (${report.unavailable.reason}); pull request approvals and titles are missing for ${plural(report.unavailable.missing, 'change')}, shown as "not assessed"\n`)
    }
    if (report.errors > 0) io.stderr.write(`charter: built despite ${plural(report.errors, 'check error')} (--allow-errors): every page and PDF says the bundle is unofficial\n`)
    const where = relative(process.cwd(), out) || out
    const {pdf: pdfSeconds, pdfStartup} = report.timings
    const pdf =
      report.pdfPages === undefined
        ? ''
        : `, PDF ${pdfSeconds.toFixed(2)} s for ${plural(report.pdfPages.all, 'page')}: ${(report.pdfPages.all / Math.max(pdfSeconds - pdfStartup, 0.001)).toFixed(0)} pages/s after ${pdfStartup.toFixed(2)} s start-up; ${plural(report.pdfPages.combined, 'page')} in ${combinedPdfName}`
    io.stdout.write(
      `Built the ${audience} bundle ${report.version} in ${where}/: ${plural(report.documents, 'document')}, ${plural(report.files, 'file')} and manifest.json (HTML ${report.timings.html.toFixed(2)} s${pdf}).\nCheck it with \`charter verify ${where}\`.\n`
    )
    return 0
  }
}

export default command
