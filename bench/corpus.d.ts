// Types for bench/corpus.js, which the parse tests also read.
export function documentText(index: number, count: number): string
export function writeCorpus(root: string, count: number): string
