#!/usr/bin/env node
// Starts the compiled program, lib/charter.cjs (built by `npm ci` through the `prepare` script).
// It is loaded with V8's code cache when one was written at compile time, which saves
// compiling the bundle at every start; a missing or outdated cache is simply not used. Node 20
// has no `module.enableCompileCache()`, and a plain `require` starts measurably slower
// (`node bench/startup.js`, BENCHMARKS.md), so the cache is made here by hand.
import {existsSync, readFileSync, renameSync, writeFileSync} from 'node:fs'
import Module, {createRequire} from 'node:module'
import {dirname} from 'node:path'
import {fileURLToPath} from 'node:url'
import vm from 'node:vm'

const program = fileURLToPath(new URL('../lib/charter.cjs', import.meta.url))
if (!existsSync(program)) {
  process.stderr.write('charter: the program is not compiled yet; run `npm ci` (or `npm run compile`) in the repository first\n')
  process.exit(2)
}
const cache = `${program}.cache`
const script = new vm.Script(Module.wrap(readFileSync(program, 'utf8')), {
  filename: program,
  cachedData: existsSync(cache) ? readFileSync(cache) : undefined
})
const module = {exports: {}}
script.runInThisContext()(module.exports, createRequire(program), module, program, dirname(program))

if (process.env.CHARTER_WRITE_CODE_CACHE) {
  process.once('exit', () => {
    writeFileSync(`${cache}.tmp`, script.createCachedData())
    renameSync(`${cache}.tmp`, cache)
  })
}
