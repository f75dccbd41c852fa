// A patch for one speed fix in mdast-util-from-markdown, which remark-parse uses to turn
// micromark's events into a tree. For every event it calls a handler on a fresh copy of its
// context (`{...context, sliceSerialize}`): on 1,000 documents that copying is a third of building
// the trees and most of their garbage. The handlers read `this` only while they run and never
// assign to it, so one context whose `sliceSerialize` is set before each call is the same.
// `test/parse.test.ts` bundles with this patch and checks the trees are unchanged.
import {sourcePatch} from './patch.js'

const copiedContext =
  /handler\[events\[index\]\[1\]\.type\]\.call\(\{\s*\.\.\.context,\s*sliceSerialize: events\[index\]\[2\]\.sliceSerialize\s*\}, events\[index\]\[1\]\);/

const sharedContext =
  'context.sliceSerialize = events[index][2].sliceSerialize; handler[events[index][1].type].call(context, events[index][1]);'

/** The transformed source, or undefined when the code is not the expected one (say, after an upgrade). */
export function shareHandlerContext(source) {
  return copiedContext.test(source) ? source.replace(copiedContext, sharedContext) : undefined
}

export const sharedHandlerContext = sourcePatch({
  name: 'shared-handler-context',
  tool: 'tools/shared-context.js',
  packageName: 'mdast-util-from-markdown',
  file: 'lib/index.js',
  apply: shareHandlerContext
})
