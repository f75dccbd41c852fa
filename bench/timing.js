// What the check benches share: GNU time and the compiled charter present, one timed run (wall
// seconds from the clock, CPU from GNU time's user + system), and the median of a list.
import {spawnSync} from 'node:child_process'
import {existsSync, readFileSync} from 'node:fs'
import {join} from 'node:path'

const gnuTime = '/usr/bin/time'

/** Exits with a fix when GNU time or the compiled charter under `root` is missing. */
export function requireTimingTools(root) {
  if (!existsSync(gnuTime)) {
    console.error('bench: needs GNU time for CPU time; install it with `apt-get install -y time`')
    process.exit(2)
  }
  if (!existsSync(join(root, 'lib/check.cjs'))) {
    console.error('bench: charter is not compiled; run `npm ci` first')
    process.exit(2)
  }
}

/** Runs `command` under GNU time, writing its figures to `report`; throws with the output when it fails. */
export function timedRun(command, {cwd, env, report}) {
  const started = process.hrtime.bigint()
  const result = spawnSync(gnuTime, ['-f', '%U %S', '-o', report, ...command], {cwd, env, encoding: 'utf8'})
  const seconds = Number(process.hrtime.bigint() - started) / 1e9
  if (result.status !== 0) throw new Error(`charter check failed in ${cwd} (exit ${result.status}):\n${result.stdout}${result.stderr}`)
  const [user, system] = readFileSync(report, 'utf8').trim().split('\n').at(-1).split(' ').map(Number)
  return {seconds, cpu: user + system, stdout: result.stdout}
}

/** The middle value, or the mean of the two middle ones. */
export function median(numbers) {
  const sorted = [...numbers].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}
