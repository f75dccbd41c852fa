// Types for tools/patch.js (plain JavaScript, as tools/compile.js runs without a TypeScript step).
import type {Plugin} from 'esbuild'
import type {Plugin as VitePlugin} from 'vitest/config'

export interface SourcePatch {
  packageName: string
  /** The exact version package.json pins, which the patch was written for. */
  version: string
  /** The patched source; throws the message a person sees when `source` (of the installed `found` version) does not match. */
  transform(source: string, found: string): string
  esbuild: Plugin
  vite: VitePlugin
}

export function sourcePatch(patch: {name: string; tool: string; packageName: string; file: string; apply(source: string): string | undefined}): SourcePatch
