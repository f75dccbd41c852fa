// Which build of Charter is running: the compile (tools/compile.js) sets it to a hash of every
// source, schema, patch and locked dependency, so what one build cached is never read by another.
import packageJson from '../../package.json'

declare const CHARTER_PROGRAM_HASH: string | undefined

/** The compiled program's hash; run from source (the tests), the version with `-source`. */
export const programFingerprint: string = typeof CHARTER_PROGRAM_HASH === 'string' ? CHARTER_PROGRAM_HASH : `${packageJson.version}-source`
