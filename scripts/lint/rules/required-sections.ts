/**
 * required-sections: each document has the H2 sections its kind requires, in order, each with content.
 *
 * The sections per kind come from `kinds:` in charter.config.yaml (a policy needs Purpose, Scope,
 * Policy, Roles and Responsibilities, Exceptions and Enforcement by default). Titles match
 * without regard to case. Other sections may sit between them. Reports a missing section, one
 * out of order, one at the wrong heading level, one given twice, and one with nothing in it.
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
 */
import type {Heading, RootContent} from 'mdast'
import {toString} from 'mdast-util-to-string'
import type {DocumentRule} from '../rule'

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
      if (section.heading.depth !== 2) {
        context.report(section.heading, `Unexpected level-${section.heading.depth} heading for section \`${section.title}\`, expected level 2: \`## ${section.title}\``)
      }
      if (isEmpty(children, section)) {
        context.report(section.heading, `Unexpected empty section \`## ${section.title}\`; write what it requires, or state that it does not apply and why`)
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
    // Order: a section whose configured position is before one already seen is out of place.
    let latest: {rank: number; title: string} | undefined
    for (const section of [...found.values()].sort((a, b) => a.index - b.index)) {
      const rank = required.findIndex((title) => normalize(title) === normalize(section.title))
      if (latest && rank < latest.rank) {
        context.report(section.heading, `Unexpected section \`## ${section.title}\` after \`## ${latest.title}\`, expected the order ${required.join(', ')}; move it up`)
      } else {
        latest = {rank, title: section.title}
      }
    }
  }
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
