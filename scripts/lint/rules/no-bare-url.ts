/**
 * no-bare-url: web addresses are written as links, not as bare text.
 *
 * Charter reads GFM without its autolink literals (trying them at every word would make the
 * parse about 40% slower), so `https://status.example.com` typed into a sentence stays plain
 * text on the security page and in the PDF: nobody can follow it. Angle brackets or a Markdown
 * link make it a link everywhere.
 *
 * @example ok
 *   policies/alpha.md
 *     See <https://status.example.com> or [the status page](https://status.example.com).
 *
 * @example not-ok
 *   policies/alpha.md
 *     See https://status.example.com.
 *   → policies/alpha.md:1:5-1:31 warning Unexpected bare URL `https://status.example.com`, expected a link; write `<https://status.example.com>` or `[text](https://status.example.com)` so readers can follow it
 */
import type {Nodes} from 'mdast'
import {nodesOf, type NodeIndex} from '../../model/document'
import {positionAt} from '../../model/position'
import type {DocumentRule} from '../rule'

// A text node worth scanning holds `://` or `www.`; most hold neither.
const mayHoldUrl = /:\/\/|www\./i
const address = /\b(?:https?:\/\/|www\.)[^\s<>]+/gi

/** The address without the sentence's punctuation after it; a `)` stays when it closes one in the address. */
function withoutTrailing(raw: string): string {
  let url = raw
  for (;;) {
    const last = url[url.length - 1]
    const unbalanced = last === ')' && url.split(')').length > url.split('(').length
    if (last === undefined || (!".,;:!?'\"]*_".includes(last) && !unbalanced)) return url
    url = url.slice(0, -1)
  }
}

const rule: DocumentRule = {
  scope: 'document',
  id: 'no-bare-url',
  summary: 'Web addresses are links (`<https://…>` or `[text](https://…)`), not bare text.',
  description:
    'A bare `https://…` or `www.…` in a sentence is not a link on the security page or in the PDF, so readers cannot follow it (Charter does not parse GFM autolink literals, which would slow every check). Wrap the address in angle brackets, `<https://status.example.com>`, or write a link with its own text, `[status page](https://status.example.com)`.',
  severity: 'warn',
  kind: 'style',
  check(document, context) {
    const nodes = nodesOf(document)
    for (const node of nodes.all('text')) {
      if (!mayHoldUrl.test(node.value) || insideLink(nodes, node)) continue
      const start = node.position?.start.offset
      const end = node.position?.end.offset
      if (start === undefined || end === undefined) continue
      // Matched in the source, not the node's value, so escapes and entities keep positions right.
      for (const match of document.text.slice(start, end).matchAll(address)) {
        const url = withoutTrailing(match[0])
        if (/^(?:https?:\/\/|www\.)$/i.test(url)) continue
        const target = /^www\./i.test(url) ? `https://${url}` : url
        const from = start + match.index
        context.report(
          positionAt(document.file, from, from + url.length),
          `Unexpected bare URL \`${url}\`, expected a link; write \`<${target}>\` or \`[text](${target})\` so readers can follow it`
        )
      }
    }
  }
}

/** Text inside a link is already followable (its own URL is the link's business). */
function insideLink(nodes: NodeIndex, node: Nodes): boolean {
  for (let parent = nodes.parentOf(node); parent; parent = nodes.parentOf(parent)) {
    if (parent.type === 'link' || parent.type === 'linkReference') return true
  }
  return false
}

export default rule
