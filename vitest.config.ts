import {defineConfig} from 'vitest/config'
import {editMapInPlace} from './tools/edit-map.js'
import {sharedHandlerContext} from './tools/shared-context.js'

export default defineConfig({
  // The tests parse with the parser lib/charter.cjs ships: the same patches from tools/, applied
  // by Vite to the packages it inlines (`server.deps.inline` below); test/parse.test.ts proves it.
  plugins: [
    sharedHandlerContext.vite,
    editMapInPlace.vite,
    {
      // Vitest resolves packages with the "development" condition, which picks the micromark
      // family's debug builds; esbuild bundles their published ones, so the tests load those too.
      name: 'published-builds',
      configEnvironment: {
        order: 'post',
        handler(_, config) {
          if (config.resolve?.conditions) config.resolve.conditions = config.resolve.conditions.filter((condition) => !condition.startsWith('development'))
        }
      }
    }
  ],
  test: {
    include: ['test/**/*.test.ts'],
    // Generous: a loaded machine may run a test several times slower; no test asserts its duration.
    testTimeout: 60_000,
    hookTimeout: 180_000,
    // Each test file in a process of its own: in-process runs of charter change the working folder.
    pool: 'forks',
    // Vitest leaves one core idle by default; the tests wait on git, Chromium and child programs
    // often enough that every core pays.
    maxWorkers: 2,
    // One process per worker for many files: starting one per file and loading the toolkit in
    // each cost half the suite's time. test/setup.ts cleans up after each file; the in-process
    // runner restores the folder, environment and streams after each run.
    isolate: false,
    setupFiles: ['test/setup.ts'],
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
