// The compiled program (lib/charter.cjs, and lib/check.cjs): `charter` with the process's own streams, environment
// and clock. Everything else is in main.ts, which the tests run in-process with their own.
import {isatty} from 'node:tty'
import {setFlagsFromString} from 'node:v8'
import {systemToday} from '../model/dates'
import {escapedOutput, guardOutput} from '../report/printable'
import {main} from './main'

// Before anything is printed: a closed pipe ends output quietly.
guardOutput(process.stdout)
guardOutput(process.stderr)

// A check's heap holds little that lives (one document's tree, then its summary), and a build's
// little beyond the site's pages (each PDF is written as it is made), so a full collection may
// come after 20% growth instead of V8's usual up to 4×: at 10,000 documents a check's peak memory
// falls by about a tenth, and a 500-document build's, with the PDF threads' capped heaps, from
// 636 to 378 MB (BENCHMARKS.md). V8 reads this at every full collection, in every thread.
// Not while compiling writes the code cache: V8 stamps the cache with the flags in force when
// it is made, and refuses it at every later start whose flags differ (the flag is set only after
// the program has loaded).
if ((process.argv[2] === 'check' || process.argv[2] === 'build') && !process.env.CHARTER_WRITE_CODE_CACHE) setFlagsFromString('--heap-growing-percent=20')

// process.stdin makes its stream when first read, which only `init` in a terminal needs.
const interactive = isatty(1) && isatty(0)
main(process.argv.slice(2), {
  stdout: escapedOutput(process.stdout),
  stderr: escapedOutput(process.stderr),
  env: process.env,
  today: () => systemToday(),
  ...(interactive ? {terminal: {output: process.stdout, get input() {return process.stdin}}} : {})
}).then((status) => {
  process.exitCode = status
})
