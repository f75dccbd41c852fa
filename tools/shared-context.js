// An esbuild plugin for one speed fix in mdast-util-from-markdown, which remark-parse uses to turn
// micromark's events into a tree. For every event it calls a handler on a fresh copy of its
// context (`{...context, sliceSerialize}`): on 1,000 documents that copying is a third of building
// the trees and most of their garbage. The handlers read `this` only while they run and never
// assign to it, so one context whose `sliceSerialize` is set before each call is the same.
// `test/parse.test.ts` bundles with this plugin and checks the trees are unchanged.
import {readFile} from 'node:fs/promises'

const copiedContext =
  /handler\[events\[index\]\[1\]\.type\]\.call\(\{\s*\.\.\.context,\s*sliceSerialize: events\[index\]\[2\]\.sliceSerialize\s*\}, events\[index\]\[1\]\);/

const sharedContext =
  'context.sliceSerialize = events[index][2].sliceSerialize; handler[events[index][1].type].call(context, events[index][1]);'

/** The transformed source, or undefined when the code is not the expected one (say, after an upgrade). */
export function shareHandlerContext(source) {
  return copiedContext.test(source) ? source.replace(copiedContext, sharedContext) : undefined
}

export const sharedHandlerContext = {
  name: 'shared-handler-context',
  setup(build) {
    build.onLoad({filter: /[\\/]mdast-util-from-markdown[\\/]lib[\\/]index\.js$/}, async (args) => {
      const contents = shareHandlerContext(await readFile(args.path, 'utf8'))
      if (contents === undefined) {
        // Still correct, only slower; say so, so the bench regression has a cause.
        console.warn(`compile: ${args.path} has changed; the shared handler context is not applied (charter works, parses slower)`)
        return undefined
      }
      return {contents, loader: 'js'}
    })
  }
}
