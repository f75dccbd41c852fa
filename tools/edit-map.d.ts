// Types for tools/edit-map.js (plain JavaScript, as tools/compile.js runs without a TypeScript step).
import type {SourcePatch} from './patch.js'
export function keepPrefixInPlace(source: string): string | undefined
export const editMapInPlace: SourcePatch
