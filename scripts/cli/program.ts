// The compiled program, lib/charter.cjs: `charter` with the process's own streams, environment
// and clock. Everything else is in main.ts, which the tests run in-process with their own.
import {systemToday} from '../model/dates'
import {escapedOutput, guardOutput} from '../report/printable'
import {main} from './main'

// Before anything is printed: a closed pipe ends output quietly.
guardOutput(process.stdout)
guardOutput(process.stderr)

const interactive = process.stdin.isTTY && process.stdout.isTTY
main(process.argv.slice(2), {
  stdout: escapedOutput(process.stdout),
  stderr: escapedOutput(process.stderr),
  env: process.env,
  today: () => systemToday(),
  ...(interactive ? {terminal: {input: process.stdin, output: process.stdout}} : {})
}).then((status) => {
  process.exitCode = status
})
