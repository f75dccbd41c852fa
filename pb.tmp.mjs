import {readFileSync, readdirSync} from 'node:fs'
import {fromMarkdown} from 'mdast-util-from-markdown'
import {frontmatter} from 'micromark-extension-frontmatter'
import {frontmatterFromMarkdown} from 'mdast-util-frontmatter'
import {gfmTable} from 'micromark-extension-gfm-table'
import {gfmTableFromMarkdown} from 'mdast-util-gfm-table'
import {isDeepStrictEqual} from 'node:util'
const dir='/tmp/gen/policies'
const texts=readdirSync(dir).map(f=>readFileSync(dir+'/'+f,'utf8'))
let current = ''
const delimiterLine = /[ \t>]*(?=[^\n]*-)(?=[^\n]*[|:])[|:\- \t]*\r?(?:\n|$)/y
function guarded() {
  const ext = gfmTable()
  const table = ext.flow[null][0] ?? ext.flow[null]
  const wrap = {...table, tokenize(effects, ok, nok) {
    const self = this
    let index = self.events.length - 1
    while (index > -1 && (self.events[index][1].type === 'lineEnding' || self.events[index][1].type === 'linePrefix')) index--
    const tail = index > -1 ? self.events[index][1].type : null
    if (tail !== 'tableHead' && tail !== 'tableRow') {
      const eol = current.indexOf('\n', self.now().offset)
      delimiterLine.lastIndex = eol + 1
      if (eol === -1 || !delimiterLine.test(current)) return nok
    }
    return table.tokenize.call(this, effects, ok, nok)
  }}
  return {flow: {null: [wrap]}}
}
const g = guarded()
console.log(Object.keys(gfmTable().flow), Array.isArray(gfmTable().flow[null]))
const variant=process.argv[2]
const run={
 table: s=>fromMarkdown(s,{extensions:[frontmatter(['yaml']),gfmTable()],mdastExtensions:[frontmatterFromMarkdown(['yaml']),gfmTableFromMarkdown()]}),
 guard: s=>{current=s;return fromMarkdown(s,{extensions:[frontmatter(['yaml']),g],mdastExtensions:[frontmatterFromMarkdown(['yaml']),gfmTableFromMarkdown()]})},
}
for (const pass of [1,2,3]) {
let t=performance.now()
for (const s of texts) run[variant](s)
console.log(variant, pass, (performance.now()-t).toFixed(0))
}
let same=0; for (const s of texts) if (isDeepStrictEqual(run.table(s), run.guard(s))) same++
console.log('same', same)
