// Runs a TypeScript tool script: esbuild bundles it into a temporary file, then Node runs it.
//   node tools/run.js tools/screenshots.ts
import {mkdirSync, mkdtempSync, rmSync} from 'node:fs'
import {join, resolve} from 'node:path'
import {fileURLToPath, pathToFileURL} from 'node:url'
import {build} from 'esbuild'

const entry = process.argv[2]
if (!entry) {
  console.error('usage: node tools/run.js <script.ts>')
  process.exit(2)
}
// Inside node_modules, so the bundle's imports of packages resolve.
const cache = fileURLToPath(new URL('../node_modules/.cache/charter-tools/', import.meta.url))
mkdirSync(cache, {recursive: true})
const dir = mkdtempSync(cache)
const outfile = join(dir, 'tool.mjs')
await build({
  entryPoints: [resolve(entry)],
  outfile,
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  logLevel: 'warning',
  // The tool's own location, for paths it resolves against the repository.
  define: {'import.meta.url': JSON.stringify(pathToFileURL(resolve(entry)).href)}
})
try {
  await import(pathToFileURL(outfile).href)
} finally {
  rmSync(dir, {recursive: true, force: true})
}
