import {defineConfig, type Plugin} from 'vitest/config'
import {editMapInPlace} from './tools/edit-map.js'
import {sharedHandlerContext} from './tools/shared-context.js'

/**
 * Packages load as the compiled program (esbuild) loads them. Vite adds the `development`
 * condition, which gives micromark and its 25 kin their development builds: assertions and debug
 * calls that parse 1.7 times slower than what ships.
 */
const shippedPackageBuilds: Plugin = {
  name: 'shipped-package-builds',
  configResolved(config) {
    const shipped = (conditions: string[]) => conditions.filter((condition) => condition !== 'development|production')
    // Imports in test/ and scripts/ resolve through Vite's environments; imports inside
    // node_modules through Node, given the ssr conditions as its --conditions.
    for (const environment of Object.values(config.environments)) environment.resolve.conditions = shipped(environment.resolve.conditions)
    config.ssr.resolve!.conditions = shipped(config.ssr.resolve!.conditions ?? [])
  }
}

export default defineConfig({
  // The tests parse with the parser lib/charter.cjs ships: the same patches from tools/, applied
  // by Vite to the packages it inlines (`server.deps.inline` below); test/parse.test.ts proves it.
  plugins: [sharedHandlerContext.vite, editMapInPlace.vite, shippedPackageBuilds],
  test: {
    include: ['test/**/*.test.ts'],
    // Generous: a timeout only has to catch a hang. A machine loaded ten times over (load 16–25 on
    // two cores) took over 180 s for the library's build with PDFs, which bundle.test.ts's setup
    // and pdf.test.ts wait for; no test asserts its duration.
    testTimeout: 600_000,
    hookTimeout: 900_000,
    // Processes, not threads: in-process runs of charter change the working folder, which a thread can't.
    pool: 'forks',
    // Vitest leaves one core idle by default; the tests wait on git, Chromium and child programs
    // often enough that every core pays.
    maxWorkers: 2,
    // One process per worker for many files: starting one per file and loading the toolkit in
    // each cost half the suite's time. test/setup.ts cleans up after each file; the in-process
    // runner restores the folder, environment and streams after each run.
    isolate: false,
    setupFiles: ['test/setup.ts'],
    // A folder for what several files share, built once per run.
    globalSetup: ['test/global-setup.ts'],
    server: {
      deps: {
        inline: [
          // GitHub's workflow parser imports its JSON schema without an import attribute, which
          // Node refuses; letting Vite load it handles the JSON.
          /@actions\/workflow-parser/,
          /@actions\/expressions/,
          // The Markdown parser, from remark-parse down to the patched files: a package Node
          // loads itself would load the unpatched ones.
          /[\\/]node_modules[\\/](?:remark-parse|mdast-util-from-markdown|micromark[^\\/]*)[\\/]/
        ]
      }
    },
    // `npm run coverage`: line coverage of the toolkit's source, with a floor.
    coverage: {
      provider: 'v8',
      include: ['scripts/**/*.ts'],
      exclude: ['scripts/generated/**'],
      reporter: ['text-summary', 'text'],
      thresholds: {lines: 85}
    }
  }
})
