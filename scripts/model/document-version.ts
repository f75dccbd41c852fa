// Document versions, MAJOR.MINOR.PATCH: compared and raised in one place, for the version-bump
// rule and for `charter review --bump`. Not the semver package: it refuses a part past 2^53,
// which a hostile base branch can hold, and the gate must still compare such a version exactly
// (test/adversarial/gate.test.ts); BigInt parts do.

export type VersionPart = 'patch' | 'minor' | 'major'

function parts(version: string): [bigint, bigint, bigint] {
  const [major = 0n, minor = 0n, patch = 0n] = version.split('.').map((part) => BigInt(part))
  return [major, minor, patch]
}

/** Negative when `a` is lower than `b`, zero when equal, positive when higher. */
export function compareVersions(a: string, b: string): number {
  const [x, y] = [parts(a), parts(b)]
  for (let index = 0; index < 3; index++) if (x[index] !== y[index]) return x[index]! < y[index]! ? -1 : 1
  return 0
}

/** The next version for a change of the given size: `2.1.3` → `2.1.4`, `2.2.0` or `3.0.0`. */
export function raiseVersion(version: string, part: VersionPart): string {
  const [major, minor, patch] = parts(version)
  if (part === 'major') return `${major + 1n}.0.0`
  if (part === 'minor') return `${major}.${minor + 1n}.0`
  return `${major}.${minor}.${patch + 1n}`
}
