#!/usr/bin/env node
// Starts the compiled program (built by `npm ci` through the `prepare` script): lib/check.cjs for
// `charter check`, lib/help.cjs for the main help and the version, which hold nothing else, and
// lib/charter.cjs for the rest.
// It is loaded with V8's code cache when one was written at compile time, which saves
// compiling the bundle at every start; a missing or outdated cache is simply not used. Node 20
// has no `module.enableCompileCache()`, and a plain `require` starts measurably slower
// (`node bench/startup.js`, BENCHMARKS.md), so the cache is made here by hand. CommonJS
// (bin/package.json), since Node's ES module loader costs a start more CPU than the check it runs.
'use strict'
const {existsSync, readFileSync, renameSync, writeFileSync} = require('node:fs')
const Module = require('node:module')
const {dirname, join} = require('node:path')
const vm = require('node:vm')

// The first arguments lib/help.cjs answers as lib/charter.cjs would (cli/main.ts).
const helpAnswers = new Set([undefined, '-h', '--help', 'help', '-v', '--version'])
const first = process.argv[2]
const program = join(__dirname, '..', 'lib', first === 'check' ? 'check.cjs' : helpAnswers.has(first) ? 'help.cjs' : 'charter.cjs')
if (!existsSync(program)) {
  process.stderr.write('charter: the program is not compiled yet; run `npm ci` (or `npm run compile`) in the repository first\n')
  process.exit(2)
}
const cache = `${program}.cache`
const script = new vm.Script(Module.wrap(readFileSync(program, 'utf8')), {
  filename: program,
  cachedData: existsSync(cache) ? readFileSync(cache) : undefined
})
const module_ = {exports: {}}
script.runInThisContext()(module_.exports, Module.createRequire(program), module_, program, dirname(program))

if (process.env.CHARTER_WRITE_CODE_CACHE) {
  process.once('exit', () => {
    writeFileSync(`${cache}.tmp`, script.createCachedData())
    renameSync(`${cache}.tmp`, cache)
  })
}
