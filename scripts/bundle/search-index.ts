// The search index: Pagefind reads the finished pages and gives back its index and its browser
// code, written into site/pagefind/ so a reader's browser searches with no server and no other host.
import {UserError} from '../model/errors'
import type {StagedBundle} from './staging'

/** Where the index sits in the bundle; the search page's script imports pagefind.js from there. */
export const searchFolder = 'site/pagefind'

/** Pagefind's own search boxes go unused: the search page has its own small script (search.js). */
const unusedFile = /^pagefind-(?:ui|modular-ui|component-ui|highlight)\./

/** What the index leaves out of a page: the contents list and the heading links repeat the headings. */
const excludeSelectors = ['.toc', '.heading-anchor']

/**
 * Indexes `pages` (bundle paths under site/, already written) and writes the index beside them.
 * Pages go in, and files come out, in path order: Pagefind names its files by their content and
 * returns them in no fixed order, so sorting keeps the bundle byte for byte the same.
 */
export async function writeSearchIndex(bundle: StagedBundle, pages: readonly string[]): Promise<void> {
  const pagefind = await import('pagefind')
  try {
    const created = await pagefind.createIndex({rootSelector: 'main', excludeSelectors}).catch((error: unknown) => {
      throw missingProgram(error)
    })
    const {index} = created
    if (!index) throw new Error(`pagefind: ${created.errors.join('; ')}`)
    for (const path of [...pages].sort()) {
      const added = await index.addHTMLFile({url: path.slice('site/'.length), content: bundle.read(path).toString('utf8')})
      if (added.errors.length > 0) throw new Error(`pagefind, indexing ${path}: ${added.errors.join('; ')}`)
    }
    const {files, errors} = await index.getFiles()
    if (errors.length > 0) throw new Error(`pagefind: ${errors.join('; ')}`)
    for (const file of [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
      if (!unusedFile.test(file.path)) bundle.write(`${searchFolder}/${file.path}`, Buffer.from(file.content))
    }
  } finally {
    // Pagefind's program runs in the folder it was started in, which a later build in this
    // process may not share (or which may be gone): each build starts its own.
    await pagefind.close()
  }
}

/** Pagefind's program comes in a package per platform, an optional dependency npm may have skipped. */
function missingProgram(error: unknown): Error {
  const message = error instanceof Error ? error.message : String(error)
  if (!/Failed to install/.test(message)) return error instanceof Error ? error : new Error(message)
  // Named as Pagefind looks for it: npm's configured architecture wins over the machine's.
  const platform = `${process.platform === 'win32' ? 'windows' : process.platform}-${process.env.npm_config_arch || process.arch}`
  return new UserError(
    `the search index needs Pagefind's program for ${platform} (npm package @pagefind/${platform}), which is not installed; run \`npm ci\` without --omit=optional, or set PAGEFIND_BINARY_PATH to a pagefind binary`
  )
}
