// Types for tools/shared-context.js (plain JavaScript, as tools/compile.js runs without a TypeScript step).
import type {SourcePatch} from './patch.js'
export function shareHandlerContext(source: string): string | undefined
export const sharedHandlerContext: SourcePatch
