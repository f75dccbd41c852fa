// Adopts a remark-lint rule as a Charter rule: same check, our id, severity and fix hint. It
// runs on the document's whole tree, as in remark-lint, with the option its meta's `options`
// schema gives as `default`.
import type {Root} from 'mdast'
import type {VFile} from 'vfile'
import type {DocumentRule, RuleMeta} from './rule'

type LintPlugin = (config: unknown) => ((tree: Root, file: VFile, next: () => void) => void) | undefined

export function fromRemarkLint(meta: RuleMeta & {hint: string}, plugin: unknown): DocumentRule {
  const transformer = (plugin as LintPlugin)([1, meta.options?.default])!
  const {hint, ...ruleMeta} = meta
  return {
    ...ruleMeta,
    scope: 'document',
    check(document, context) {
      const messages = document.file.messages
      const before = messages.length
      // The rules make a message (an Error) for the first list or heading of every document, as
      // the cause of later ones; its stack trace is never shown and costs more than the rule.
      const stackTraceLimit = Error.stackTraceLimit
      Error.stackTraceLimit = 0
      try {
        transformer(document.tree, document.file, () => {})
      } finally {
        Error.stackTraceLimit = stackTraceLimit
      }
      for (const message of messages.splice(before)) {
        // Upstream messages spell "expected" as "exected"; readers should not see that.
        context.report(message.place ?? undefined, `${message.reason.replace('exected', 'expected')}; ${hint}`)
      }
    }
  }
}
