// Types for bench/vendor-register.js, which the tests also use.
/** Writes `count` generated vendor files into `<dir>/vendors/`, current as of `today`, some with warnings unless `warnings: false`; returns their ids. */
export function writeVendors(dir: string, count: number, today?: string, options?: {warnings?: boolean}): string[]
