// Run once per test run (vitest.config.ts `globalSetup`): a folder the test files share for what
// is built once per run (test/fixtures/library-bundle.ts), removed when the run ends.
import {mkdtempSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import type {TestProject} from 'vitest/node'

declare module 'vitest' {
  export interface ProvidedContext {
    sharedFolder: string
  }
}

export default function setup(project: TestProject): () => void {
  const folder = mkdtempSync(join(tmpdir(), 'charter-test-shared-'))
  project.provide('sharedFolder', folder)
  return () => rmSync(folder, {recursive: true, force: true})
}
