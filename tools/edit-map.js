// A patch for one quadratic cost in micromark: `EditMap.consume` copies every event before its
// first edit out of the array and back in. micromark's document tokenizer consumes an edit map
// each time a block quote or list closes, with the edits near the end, so a document of many
// short quotes or lists cost time in the square of its length (100 KB of `> a` and blank lines:
// 107 s). Leaving the events before the first edit in place gives the same array.
// `test/parse.test.ts` bundles with this patch and checks the trees are unchanged.
import {sourcePatch} from './patch.js'

const copiedPrefix = /\n(\s*)vecs\.push\(events\.slice\(\)\);\s*events\.length = 0;\n/

/** The transformed source, or undefined when the code is not the expected one (say, after an upgrade). */
export function keepPrefixInPlace(source) {
  return copiedPrefix.test(source) ? source.replace(copiedPrefix, '\n$1// The events before the first edit stay where they are.\n') : undefined
}

export const editMapInPlace = sourcePatch({
  name: 'edit-map-in-place',
  tool: 'tools/edit-map.js',
  packageName: 'micromark-util-edit-map',
  file: 'index.js',
  apply: keepPrefixInPlace
})
