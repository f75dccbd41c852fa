/**
 * required-sections: each document has the H2 sections its kind requires, in order, each with content.
 *
 * The sections per kind come from `kinds:` in charter.config.yaml (a policy needs Purpose, Scope,
 * Policy, Roles and Responsibilities, Exceptions and Enforcement by default). Titles match
 * without regard to case. Other sections may sit between them. Reports a missing section, one
 * out of order, one at the wrong heading level, one given twice, and one with nothing in it.
 * When the sections all sit one or more levels off (every one a `###`, as in a site where the
 * page title is the `##`), that is one finding, at the first of them, with the one edit that
 * fixes them all. Without a valid `kind` the sections can't be known, and nothing is reported;
 * `frontmatter-schema` reports the kind. With `--base`, a document whose `kind` changed to one
 * that no longer requires sections it lacks is reported: a pull request could otherwise switch
 * the check off for a document by calling it an `overview`, which requires none.
 *
 * @example ok
 *   charter.config.yaml
 *     kinds: {policy: {sections: [Purpose, Scope]}}
 *   policies/alpha.md
 *     ---
 *     kind: policy
 *     ---
 *     ## Purpose
 *
 *     Why this exists.
 *
 *     ## Scope
 *
 *     Who it covers.
 *
 * @example not-ok out of order, at the wrong level, empty
 *   charter.config.yaml
 *     kinds: {policy: {sections: [Purpose, Scope, Exceptions]}}
 *   policies/alpha.md
 *     ---
 *     kind: policy
 *     ---
 *     ## Scope
 *
 *     Who it covers.
 *
 *     ### Purpose
 *
 *     Why this exists.
 *
 *     ## Exceptions
 *   → policies/alpha.md:8:1-8:12 error Unexpected level-3 heading for section `Purpose`, expected level 2: `## Purpose`
 *   → policies/alpha.md:8:1-8:12 error Unexpected section `## Purpose` after `## Scope`, expected the order Purpose, Scope, Exceptions; move it up
 *   → policies/alpha.md:12:1-12:14 error Unexpected empty section `## Exceptions`; write what it requires, or state that it does not apply and why
 *
 * @example not-ok a section missing
 *   charter.config.yaml
 *     kinds: {policy: {sections: [Purpose, Scope]}}
 *   policies/alpha.md
 *     ---
 *     kind: policy
 *     ---
 *     ## Scope
 *
 *     Who it covers.
 *   → policies/alpha.md:4:1-4:9 error Missing section `## Purpose`, required for kind `policy`; add it before `## Scope` (order: Purpose, Scope)
 *
 * @example not-ok a kind changed to drop sections the document lacks
 *   charter.config.yaml
 *     kinds: {policy: {sections: [Purpose, Scope]}}
 *   main:policies/alpha.md
 *     ---
 *     kind: policy
 *     ---
 *     ## Purpose
 *
 *     Why this exists.
 *
 *     ## Scope
 *
 *     Who it covers.
 *   policies/alpha.md
 *     ---
 *     kind: overview
 *     ---
 *     ## Purpose
 *
 *     Why this exists.
 *   → policies/alpha.md:2:7-2:15 error Unexpected kind `overview`: at main this document is a `policy`, and the change drops the required section `Scope`, which it no longer has; keep kind `policy`, or change the kind in a pull request that keeps the sections
 *
 * @example not-ok every section one level too deep
 *   charter.config.yaml
 *     kinds: {policy: {sections: [Purpose, Scope]}}
 *   policies/alpha.md
 *     ---
 *     kind: policy
 *     ---
 *     ### Purpose
 *
 *     Why this exists.
 *
 *     ### Scope
 *
 *     #### Staff
 *
 *     Who it covers.
 *   → policies/alpha.md:4:1-4:12 error Unexpected level-3 headings for every required section, expected level 2: the headings are one level too deep; raise every heading by one, `###` to `##` and each deeper heading alike (`charter import` does this)
 */
import type {Heading, RootContent} from 'mdast'
import {toString} from 'mdast-util-to-string'
import type {Document, Kind} from '../../model/document'
import type {DocumentRule, RuleContext} from '../rule'
import {baseDocumentOf, frontMatterSpan} from '../rule'

interface Section {
  heading: Heading
  title: string
  /** Index of the heading among the root's children. */
  index: number
}

const normalize = (title: string) => title.trim().replace(/\s+/g, ' ').toLowerCase()

const rule: DocumentRule = {
  scope: 'document',
  id: 'required-sections',
  summary: "Each document has its kind's required H2 sections, in order, none empty.",
  description:
    'Auditors look for the same sections in every document of a kind: what it is for, whom it covers, what it requires, who does what, how exceptions work and what happens on a breach. The sections per kind are set under `kinds:` in charter.config.yaml. Add a missing section as a `## ` heading in the configured order, move a misplaced one, and write at least a sentence in each (say plainly when something does not apply).',
  severity: 'error',
  check(document, context) {
    const kind = document.meta.kind
    if (kind === undefined) return
    const required = context.config.kinds[kind].sections
    const children = document.tree.children
    const headings: Section[] = []
    children.forEach((node, index) => {
      if (node.type === 'heading') headings.push({heading: node, title: toString(node), index})
    })
    const found = new Map<string, Section>()
    for (const section of headings) {
      const key = normalize(section.title)
      if (!required.some((title) => normalize(title) === key)) continue
      const earlier = found.get(key)
      if (earlier) {
        context.report(section.heading, `Unexpected second \`${section.title}\` section (the first is at line ${earlier.heading.position?.start.line}); merge the two`)
        continue
      }
      found.set(key, section)
      if (isEmpty(children, section)) {
        context.report(section.heading, `Unexpected empty section \`## ${section.title}\`; write what it requires, or state that it does not apply and why`)
      }
    }
    const sections = [...found.values()].sort((a, b) => a.index - b.index)
    const shift = levelShift(sections, headings)
    if (shift !== undefined) {
      context.report(sections[0]!.heading, shiftAdvice(shift, sections[0]!.heading.depth, sections.length, sections.length === required.length))
    } else {
      for (const {heading, title} of sections) {
        if (heading.depth !== 2) context.report(heading, `Unexpected level-${heading.depth} heading for section \`${title}\`, expected level 2: \`## ${title}\``)
      }
    }
    required.forEach((title, position) => {
      if (found.has(normalize(title))) return
      const next = required.slice(position + 1).map((later) => found.get(normalize(later))).find((section) => section !== undefined)
      const previous = required[position - 1]
      const where = next ? `before \`## ${next.title}\`` : previous ? `after \`## ${previous}\`` : 'after the front matter'
      context.report(
        next?.heading ?? children[children.length - 1],
        `Missing section \`## ${title}\`, required for kind \`${kind}\`; add it ${where} (order: ${required.join(', ')})`
      )
    })
    kindChange(document, context, headings)
    // Order: a section whose configured position is before one already seen is out of place.
    let latest: {rank: number; title: string} | undefined
    for (const section of sections) {
      const rank = required.findIndex((title) => normalize(title) === normalize(section.title))
      if (latest && rank < latest.rank) {
        context.report(section.heading, `Unexpected section \`## ${section.title}\` after \`## ${latest.title}\`, expected the order ${required.join(', ')}; move it up`)
      } else {
        latest = {rank, title: section.title}
      }
    }
  }
}

/** With `--base`: a new kind that drops required sections the document no longer has. */
function kindChange(document: Document, context: RuleContext, headings: readonly Section[]): void {
  const base = context.base
  const kind = document.meta.kind
  if (!base || kind === undefined) return
  const was = baseDocumentOf(base, document).before?.kind
  if (was === undefined || was === kind || !Object.hasOwn(context.config.kinds, was)) return
  const kept = new Set([...context.config.kinds[kind].sections, ...headings.map((section) => section.title)].map(normalize))
  const dropped = context.config.kinds[was as Kind].sections.filter((title) => !kept.has(normalize(title)))
  if (dropped.length === 0) return
  const list = dropped.map((title) => `\`${title}\``).join(', ')
  context.report(
    frontMatterSpan(document, ['kind']),
    `Unexpected kind \`${kind}\`: at ${base.ref} this document is a \`${was}\`, and the change drops the required section${dropped.length === 1 ? '' : 's'} ${list}, which it no longer has; keep kind \`${was}\`, or change the kind in a pull request that keeps the sections`
  )
}

/**
 * How many levels every heading is off, when the required sections found (two or more) all sit at
 * one level other than 2 and moving every heading by the same amount puts them at 2: no other
 * heading sits between them and level 2. Then one finding says so, where one per section would
 * hide the single edit that fixes them all. A level-1 title above deeper sections does not count.
 */
function levelShift(sections: readonly Section[], headings: readonly Section[]): number | undefined {
  const depth = sections[0]?.heading.depth
  if (sections.length < 2 || depth === undefined || depth === 2 || sections.some((section) => section.heading.depth !== depth)) return undefined
  if (depth > 2 && headings.some(({heading}) => heading.depth >= 2 && heading.depth < depth)) return undefined
  return depth - 2
}

const counts = ['one', 'two', 'three', 'four']

function shiftAdvice(shift: number, depth: number, count: number, all: boolean): string {
  const found = `Unexpected level-${depth} headings for ${all ? 'every required section' : `the ${count} required sections found`}, expected level 2`
  if (shift < 0) return `${found}: the headings are one level too shallow; make every heading one level deeper, \`#\` to \`##\` and each deeper heading alike`
  const by = counts[shift - 1]!
  const byImport = shift === 1 ? ' (`charter import` does this)' : ''
  return `${found}: the headings are ${by} level${shift === 1 ? '' : 's'} too deep; raise every heading by ${by}, \`${'#'.repeat(depth)}\` to \`##\` and each deeper heading alike${byImport}`
}

/** A section is empty when nothing but comments sits between its heading and the next heading of the same or a higher level. */
function isEmpty(children: RootContent[], section: Section): boolean {
  for (const node of children.slice(section.index + 1)) {
    if (node.type === 'heading' && node.depth <= section.heading.depth) return true
    if (node.type === 'html' && /^<!--[\s\S]*-->$/.test(node.value.trim())) continue
    return false
  }
  return true
}

export default rule
