// Adopts a remark-lint rule as a Charter rule: same check, our id, severity and fix hint. It
// runs on the document's whole tree, as in remark-lint, with the option its meta's `options`
// schema gives as `default`; or, when its meta names the node types the rule reads, on a tree
// of just those (test/remark-lint.test.ts proves the findings the same on every sample).
import type {Nodes, Root, RootContent} from 'mdast'
import type {VFile} from 'vfile'
import type {Document} from '../model/document'
import type {DocumentRule, RuleMeta} from './rule'

type LintPlugin = (config: unknown) => ((tree: Root, file: VFile, next: () => void) => void) | undefined

export interface AdoptedRuleMeta extends RuleMeta {
  /** Said after the upstream message: what to do. */
  hint: string
  /**
   * The node types the upstream rule looks at, when it looks at few: it then walks a tree of
   * those alone (each upstream walk costs about a microsecond a node), not the whole one.
   */
  reads?: readonly Nodes['type'][]
}

export function fromRemarkLint(meta: AdoptedRuleMeta, plugin: unknown): DocumentRule {
  const transformer = (plugin as LintPlugin)([1, meta.options?.default])!
  const {hint, reads, ...ruleMeta} = meta
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
        transformer(reads ? treeOf(document, reads) : document.tree, document.file, () => {})
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

const treesKey = Symbol('trees')

/**
 * The document's tree cut down to the nodes of `types`, in document order: a kept node keeps
 * only its kept descendants, and the others' kept descendants take their place. Made once per
 * document and list of types.
 */
function treeOf(document: Pick<Document, 'tree'>, types: readonly Nodes['type'][]): Root {
  const tree = document.tree as Root & {[treesKey]?: Map<string, Root>}
  let trees = tree[treesKey]
  if (!trees) Object.defineProperty(tree, treesKey, {value: (trees = new Map())})
  const key = types.join(' ')
  let cut = trees.get(key)
  if (!cut) {
    const wanted = new Set<string>(types)
    const walk = (node: Nodes): RootContent[] => {
      const kept = 'children' in node ? (node.children as Nodes[]).flatMap(walk) : []
      return wanted.has(node.type) ? [{...node, ...('children' in node ? {children: kept} : {})} as RootContent] : kept
    }
    trees.set(key, (cut = {...tree, children: walk(tree)}))
  }
  return cut
}
