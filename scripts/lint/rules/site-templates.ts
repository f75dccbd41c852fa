/**
 * site-templates: a fork's own templates under templates/site/ are safe to build.
 *
 * Checked once per repository, when templates/site/ exists: each template the security page
 * uses must be a regular file under 1 MB (never a symbolic link, which could publish a file
 * from outside the repository), parse as Handlebars, and name only partials and helpers that
 * exist. Otherwise `check` would pass and the publish job fail after the merge. The first
 * problem is reported, as the build stops at it. A copy of a template Charter no longer reads
 * (`index.hbs`, whose register of documents is now `documents.hbs`) draws a warning, as the
 * build would leave it out without a word.
 *
 * @example ok the changelog page made shorter
 *   templates/site/changelog.hbs
 *     <h1>Changes</h1>
 *     {{#each changes}}<p>{{date}}: <a href="{{page}}">{{title}}</a> {{version}}</p>{{/each}}
 *
 * @example not-ok a partial that does not exist
 *   templates/site/changelog.hbs
 *     <h1>Changes</h1>
 *     {{#each changes}}{{> change-row}}{{/each}}
 *   → templates/site/changelog.hbs:2:1-2:1 error Unexpected template error: The partial change-row could not be found; fix the template, or delete it to use the one Charter ships
 */
import {templateProblem} from '../../model/handlebars-template'
import type {RepositoryRule} from '../rule'

const siteTemplates: RepositoryRule = {
  scope: 'repository',
  id: 'site-templates',
  summary: "A fork's templates/site/ files parse, are regular files, and name only known partials and helpers.",
  description:
    "`charter build` renders the security page from templates/site/, where a fork's own copy of a template wins over the shipped one. A template that does not parse, names a partial or helper that does not exist, or is a symbolic link would make the publish job fail after the pull request merged; `check` reports it first, at the template's line. Fix the template, or delete it to use the one Charter ships. A copy of `index.hbs`, which the site no longer reads (its register of documents is now `documents.hbs`), draws a warning.",
  severity: 'error',
  check({siteTemplates: site}, context) {
    if (!site) return
    for (const {path, successor} of site.retired ?? []) {
      context.report(path, {line: 1, column: 1}, `Unexpected ${path}: the site no longer reads it, as the page it drew is now templates/site/${successor} (and index.html is the overview, overview.hbs); rename your copy to ${successor}, or delete it`, 'warn')
    }
    for (const template of site.templates) {
      const problem = templateProblem(template, site.known)
      // The first problem stops the build, as it stops this check: the next may follow from it.
      if (problem) return context.report(template.path, {line: problem.line ?? 1, column: 1}, problem.reason)
    }
  }
}

export default siteTemplates
