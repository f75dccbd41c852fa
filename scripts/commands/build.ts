// `charter build`: the versioned bundle of the security page, the PDFs and the manifest.
import {existsSync, readdirSync} from 'node:fs'
import {join, relative, resolve} from 'node:path'
import {buildBundle, combinedPdfName, type Audience} from '../bundle/build'
import {plural} from '../dates'
import {UsageError, type Command} from './command'
import {choiceOption, CommandFailure, requireConfig, rootHelp, rootOf, rootOptions} from './shared'

export const usage = `Usage: charter build [options]

Builds the versioned bundle from the current commit:
  site/           the security page: an index, one page per document, control coverage and
                  a changelog (plain HTML and CSS: no JavaScript, nothing from another host)
  pdf/            ${combinedPdfName} with a cover and contents, and one PDF per document
  manifest.json   the bundle version, the commit, the build date, and every file's SHA-256

The bundle version is the tag on HEAD, or <YYYY.MM.DD>+<short sha> from the commit date, with
-dirty when policies/, templates/ or the config have uncommitted changes (the pages then say
so). Dates come from
the commit, so the same commit gives the same bytes. The bundle is built in a temporary folder
and renamed into place: a failed build leaves the previous one untouched.

Options:
  --audience <name>    public (default): only documents with classification: public;
                       internal: every document
  --out <dir>          Where to write the bundle (default: dist)
  --no-pdf             Build the site and manifest only
${rootHelp}
  -h, --help           Show this help
`

const command: Command = {
  summary: 'Build the security page, PDFs and manifest',
  usage,
  options: {audience: {type: 'string'}, out: {type: 'string'}, 'no-pdf': {type: 'boolean'}, ...rootOptions},
  async run(values, positionals) {
    if (positionals.length > 0) throw new UsageError(`build: unexpected argument \`${positionals[0]}\` (see \`charter build --help\`)`)
    const audience = choiceOption<Audience>(values, 'audience', ['public', 'internal'], 'build')
    const root = rootOf(values)
    const config = requireConfig(root, values)
    const out = resolve(root, (values.out as string | undefined) ?? 'dist')
    // relative() is '' for the repository itself and has no '..' for a folder containing it.
    if (!relative(out, root).startsWith('..')) {
      throw new UsageError(`build: --out must not be the repository or a folder that contains it (${out})`)
    }
    if (existsSync(out) && readdirSync(out).length > 0 && !existsSync(join(out, 'manifest.json'))) {
      throw new CommandFailure(`${relative(process.cwd(), out) || out} exists and is not a bundle built by charter; choose another --out, or empty it`)
    }
    const report = await buildBundle({root, out, audience, pdf: !values['no-pdf'], config})
    const where = relative(process.cwd(), out) || out
    const {pdf: pdfSeconds, pdfStartup} = report.timings
    const pdf =
      report.pdfPages === undefined
        ? ''
        : `, PDF ${pdfSeconds.toFixed(2)} s for ${plural(report.pdfPages.all, 'page')}: ${(report.pdfPages.all / Math.max(pdfSeconds - pdfStartup, 0.001)).toFixed(0)} pages/s after ${pdfStartup.toFixed(2)} s start-up; ${plural(report.pdfPages.combined, 'page')} in ${combinedPdfName}`
    process.stdout.write(
      `Built the ${audience} bundle ${report.version} in ${where}/: ${plural(report.documents, 'document')}, ${plural(report.files, 'file')} and manifest.json (HTML ${report.timings.html.toFixed(2)} s${pdf}).\nCheck it with \`charter verify ${where}\`.\n`
    )
    return 0
  }
}

export default command
