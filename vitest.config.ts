import {defineConfig} from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 20_000,
    // Each test file in a process of its own: in-process runs of charter change the working folder.
    pool: 'forks',
    // GitHub's workflow parser imports its JSON schema without an import attribute, which
    // Node refuses; letting Vite load it handles the JSON.
    server: {deps: {inline: [/@actions\/workflow-parser/, /@actions\/expressions/]}}
  }
})
