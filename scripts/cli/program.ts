// The compiled program (lib/charter.cjs, and lib/check.cjs): `charter` with the process's own streams, environment
// and clock. Everything else is in main.ts, which the tests run in-process with their own.
import {isatty} from 'node:tty'
import {systemToday} from '../model/dates'
import {escapedOutput, guardOutput} from '../report/printable'
import {main} from './main'

// Before anything is printed: a closed pipe ends output quietly.
guardOutput(process.stdout)
guardOutput(process.stderr)

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
