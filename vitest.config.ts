import {defineConfig} from 'vitest/config'

export default defineConfig({
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
    // GitHub's workflow parser imports its JSON schema without an import attribute, which
    // Node refuses; letting Vite load it handles the JSON.
    server: {deps: {inline: [/@actions\/workflow-parser/, /@actions\/expressions/]}},
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
