// "Did you mean …?" for misspelt keys, ids and values.

/** Up to `count` candidates close enough to `word` to be likely typos, closest first. */
export function closeMatches(word: string, candidates: Iterable<string>, count = 3): string[] {
  const limit = Math.max(2, Math.floor(word.length / 3))
  return [...candidates]
    .map((candidate) => ({candidate, distance: editDistance(word.toLowerCase(), candidate.toLowerCase()), prefix: commonPrefix(word, candidate)}))
    .filter(({distance, candidate}) => distance <= limit || candidate.includes(word) || word.includes(candidate))
    .sort((a, b) => a.distance - b.distance || b.prefix - a.prefix || (a.candidate < b.candidate ? -1 : 1))
    .slice(0, count)
    .map(({candidate}) => candidate)
}

/** The candidate closest to `word` by edit distance, if it is close enough to be a likely typo. */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined
  let bestDistance = Math.max(2, Math.floor(word.length / 3)) + 1
  let bestPrefix = -1
  for (const candidate of candidates) {
    const distance = editDistance(word.toLowerCase(), candidate.toLowerCase())
    // On a tie, the candidate that starts the same way is the likelier typo (A.8.35 → A.8.34, not A.5.35).
    const prefix = commonPrefix(word, candidate)
    if (distance < bestDistance || (distance === bestDistance && prefix > bestPrefix)) {
      best = candidate
      bestDistance = distance
      bestPrefix = prefix
    }
  }
  return best
}

/** "; did you mean `x`?" or nothing. */
export function didYouMean(word: string, candidates: Iterable<string>): string {
  const match = closest(word, candidates)
  return match === undefined ? '' : `; did you mean \`${match}\`?`
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({length: b.length + 1}, (_, index) => index)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1)
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution)
    }
    previous = current
  }
  return previous[b.length]!
}

function commonPrefix(a: string, b: string): number {
  let length = 0
  while (length < a.length && a[length] === b[length]) length++
  return length
}
