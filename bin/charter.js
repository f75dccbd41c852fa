#!/usr/bin/env node
// Starts the compiled program in lib/ (built by `npm ci` through the `prepare` script).
import {existsSync} from 'node:fs'

const program = new URL('../lib/cli.js', import.meta.url)
if (!existsSync(program)) {
  process.stderr.write('charter: the program is not compiled yet; run `npm ci` (or `npm run compile`) in the repository first\n')
  process.exit(2)
}
await import(program.href)
