// Hostile text for the terminal, and faults around a run: escape sequences in commit subjects,
// author names, front matter and file names; a reader that goes away; a full or read-only disk;
// two edits at once. Each case names the attack or fault above it.
import {spawn, spawnSync} from 'node:child_process'
import {chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'
import {policy} from '../fixtures/documents'
import {makeKey, rosterYaml} from '../fixtures/signing'
import {binaryInvocation, charter, charterBin, makeRepo, runGit} from '../helpers'

const today = ['--today', '2026-06-01']
// review refuses a --date after today: today is the tests' own, not the machine's.
const clock = {today: '2026-06-15'}

function committed(files: Record<string, string>, subject = 'Add a policy', env: Record<string, string> = {}): string {
  const root = makeRepo(files)
  runGit(root, ['init', '-q', '-b', 'main'])
  runGit(root, ['add', '-A'])
  runGit(root, ['commit', '-q', '-m', subject], env)
  return root
}

describe('escape sequences aimed at the terminal', () => {
  // A commit subject that sets the window title and clears the screen when `history` prints it.
  it('a commit subject with OSC and CSI sequences reaches history as one line without them', async () => {
    const root = committed({'policies/alpha.md': policy('alpha')}, 'Fix typo\x1b]0;pwned\x07\x1b[2J')
    const run = await charter(['history', 'alpha'], root)
    expect(run.status).toBe(0)
    expect(run.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/)
    // The summary is the one the pages publish: each control character a space.
    expect(run.stdout).toContain('Fix typo ]0;pwned [2J')
    // The JSON keeps the subject as git has it, escaped by JSON.
    const [alpha] = JSON.parse((await charter(['history', 'alpha', '--format', 'json'], root)).stdout)
    expect(alpha.revisions[0].subject).toBe('Fix typo\x1b]0;pwned\x07\x1b[2J')
  })

  // An author name carrying an escape sequence that hides the rest of the line (SGR 8, conceal).
  it('an author name with an escape sequence is shown escaped by history', async () => {
    const root = committed({'policies/alpha.md': policy('alpha')}, 'Add a policy', {GIT_AUTHOR_NAME: 'Mallory\x1b[8m hidden'})
    const run = await charter(['history', 'alpha'], root)
    expect(run.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/)
    expect(run.stdout).toContain('Mallory\\u001b[8m hidden')
  })

  // The 8-bit CSI (U+009B) slips past filters that look only for ESC.
  it('a C1 control in a subject is escaped in history --format json, and reads back the same', async () => {
    const root = committed({'policies/alpha.md': policy('alpha')}, 'Subject \u009b2J here')
    const run = await charter(['history', 'alpha', '--format', 'json'], root)
    expect(run.status).toBe(0)
    expect(run.stdout).not.toContain('\u009b')
    expect(JSON.parse(run.stdout)[0].revisions[0].subject).toBe('Subject \u009b2J here')
  })

  // A front matter value that echoes into check's message, with a screen-clearing sequence.
  it('a front matter value with an escape sequence is shown escaped by check', async () => {
    const root = makeRepo({'policies/alpha.md': policy('alpha', {kind: '"\x1b[2Jpolicy"'})})
    const run = await charter(['check', ...today], root)
    expect(run.status).toBe(1)
    expect(run.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/)
    expect(run.stdout).toContain('Unexpected `kind` value `\\u001b[2Jpolicy`, expected one of `policy`, `standard`, `procedure`, `plan`')
  })

  // A right-to-left override that makes a line read differently from what it says.
  it('a bidirectional override in a title is escaped', async () => {
    const root = committed({'policies/alpha.md': policy('alpha', {title: '"Access \u202eyciloP"'})})
    const run = await charter(['history', 'alpha'], root)
    expect(run.stdout).toContain('Access \\u202eyciloP')
    expect(run.stdout).not.toContain('\u202e')
  })

  // A file name with an escape sequence, printed as the heading of check's findings.
  it('a file name with an escape sequence is shown escaped by check', async () => {
    const root = makeRepo({'policies/x\x1b[2J.md': policy('x')})
    const run = await charter(['check', ...today], root)
    expect(run.status).toBe(1)
    expect(run.stdout.split('\n')[0]).toBe('policies/x\\u001b[2J.md')
  })
})

describe('a reader that goes away', () => {
  // `charter history --format json | head -c 100`: the pipe closes while charter still writes.
  it('a closed pipe ends the output quietly, with no stack trace', async () => {
    const files: Record<string, string> = {}
    for (let index = 0; index < 150; index++) files[`policies/doc-${index}.md`] = policy(`doc-${index}`, {title: `"${'Long title '.repeat(15)}${index}"`})
    const root = committed(files)
    // The output is far larger than a pipe holds, so charter is still writing when head leaves.
    const run = spawnSync('bash', ['-c', `"${process.execPath}" "${charterBin}" history --format json | head -c 100 >/dev/null; echo "status \${PIPESTATUS[0]}"`], {cwd: root, encoding: 'utf8'})
    expect(run.stderr).toBe('')
    expect(run.stdout).toBe('status 0\n')
  })
})

describe('a full or read-only disk', () => {
  const mounts: string[] = []
  afterAll(async () => {
    for (const mount of mounts) spawnSync('umount', [mount])
  })

  /** A repository on a small tmpfs of its own (CI runs as root, as here). */
  function onTmpfs(size: string): string {
    const root = makeRepo({})
    const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', root], {encoding: 'utf8'})
    if (mounted.status !== 0) throw new Error(`mount failed (these cases need root): ${mounted.stderr}`)
    mounts.push(root)
    mkdirSync(join(root, 'policies'))
    writeFileSync(join(root, 'policies/alpha.md'), policy('alpha'))
    return root
  }

  // The disk fills while `review` writes its temporary file: one line of advice, the document
  // as it was, and no `.new` file left behind to mark later builds dirty.
  it('ENOSPC during review leaves the document and no temporary file', async () => {
    const root = onTmpfs('64k')
    // Fill every block that is left, then free one: the edit lock fits, the new document does not.
    let fillers = 0
    try {
      for (; ; fillers++) writeFileSync(join(root, `filler-${fillers}`), Buffer.alloc(4096))
    } catch (error) {
      expect((error as NodeJS.ErrnoException).code).toBe('ENOSPC')
    }
    rmSync(join(root, `filler-${fillers - 1}`))
    const before = readFileSync(join(root, 'policies/alpha.md'), 'utf8')
    const run = await charter(['review', 'alpha', '--date', '2026-06-01'], root, {}, clock)
    expect(run.stderr).toBe('charter: ENOSPC: no space left on the disk while writing policies/alpha.md; free some space, then run it again\n')
    expect(run.status).toBe(1)
    expect(readFileSync(join(root, 'policies/alpha.md'), 'utf8')).toBe(before)
    expect(readdirSync(join(root, 'policies'))).toEqual(['alpha.md'])
  })

  // A read-only checkout (a CI cache, a mounted volume): one line, nothing changed.
  it('EROFS during review gives one line of advice', async () => {
    const root = onTmpfs('1m')
    expect(spawnSync('mount', ['-o', 'remount,ro', root]).status).toBe(0)
    const run = await charter(['review', 'alpha', '--date', '2026-06-01'], root, {}, clock)
    expect(run.stderr).toBe('charter: EROFS: the file system is read-only while taking the edit lock .charter-edit.lock; run it in a writable clone\n')
    expect(run.status).toBe(1)
  })
})

describe('two edits at once', () => {
  /** Runs `charter review alpha --bump minor` three times at the same moment; resolves with every run. */
  function reviewsAtOnce(root: string): Promise<{status: number | null; stderr: string}[]> {
    const one = () =>
      new Promise<{status: number | null; stderr: string}>((resolve) => {
        const {argv, env} = binaryInvocation(['review', 'alpha', '--bump', 'minor', '--date', '2026-06-01'], clock)
        const child = spawn(process.execPath, argv, {cwd: root, env: {...process.env, ...env}, stdio: ['ignore', 'ignore', 'pipe']})
        let stderr = ''
        child.stderr.on('data', (chunk) => (stderr += chunk))
        child.on('close', (status) => resolve({status, stderr}))
      })
    return Promise.all([one(), one(), one()])
  }

  // Reviews of the same file at once: before, all exited 0 and bumps were lost. Now each
  // either lands or fails saying why, and the version counts exactly the ones that landed.
  it('concurrent reviews never lose an update', async () => {
    const root = committed({'policies/alpha.md': policy('alpha')})
    let landed = 0
    for (let round = 0; round < 6; round++) {
      for (const run of await reviewsAtOnce(root)) {
        if (run.status === 0) landed++
        else {
          expect(run.status).toBe(1)
          expect(run.stderr).toMatch(
            /^charter: (policies\/alpha\.md changed while charter was editing it \(another charter command, or an editor\); nothing was written, run the command again|another charter command \(pid (\d+|\?)\) is editing this repository; wait for it to finish and run this again)\n$/
          )
        }
      }
    }
    expect(landed).toBeGreaterThanOrEqual(6)
    expect(readFileSync(join(root, 'policies/alpha.md'), 'utf8')).toContain(`\nversion: 1.${landed}.0\n`)
    expect(existsSync(join(root, '.git/charter-edit.lock'))).toBe(false)
  })

  // A lock left by a process that was killed: the next edit takes it over rather than waiting forever.
  it('a lock left by a dead process is taken over', async () => {
    const root = committed({'policies/alpha.md': policy('alpha')})
    writeFileSync(join(root, '.git/charter-edit.lock'), '999999999\n')
    const run = await charter(['review', 'alpha', '--date', '2026-06-01'], root, {}, clock)
    expect(run.stderr).toBe('')
    expect(run.status).toBe(0)
    expect(existsSync(join(root, '.git/charter-edit.lock'))).toBe(false)
  })

  // A live process holds the lock: the edit is refused clearly, the file untouched.
  it('a lock held by a live process refuses the edit', async () => {
    const root = committed({'policies/alpha.md': policy('alpha')})
    writeFileSync(join(root, '.git/charter-edit.lock'), `${process.pid}\n`)
    const run = await charter(['review', 'alpha', '--date', '2026-06-01'], root, {}, clock)
    expect(run.stderr).toBe(`charter: another charter command (pid ${process.pid}) is editing this repository; wait for it to finish and run this again\n`)
    expect(run.status).toBe(1)
    expect(readFileSync(join(root, 'policies/alpha.md'), 'utf8')).toBe(policy('alpha'))
  })
})

describe('names too long for the file system', () => {
  // A 5,000-character title in `charter new` became a file name the file system refuses.
  it('charter new refuses a title over the schema limit before writing', async () => {
    const root = makeRepo({'policies/alpha.md': policy('alpha')})
    const run = await charter(['new', 'policy', 'Access '.repeat(800).trim()], root)
    expect(run.stderr).toBe("charter: new: Unexpected title of 5599 characters, expected at most 200 (the schema's limit); shorten it\n")
    expect(run.status).toBe(2)
    expect(readdirSync(join(root, 'policies'))).toEqual(['alpha.md'])
  })

  // A title within the limit whose id is still too long for a file name.
  it('charter new refuses an id over 80 characters and suggests one', async () => {
    const root = makeRepo({'policies/alpha.md': policy('alpha')})
    const run = await charter(['new', 'policy', 'Access '.repeat(25).trim()], root)
    expect(run.stderr).toBe('charter: new: Unexpected id of 174 characters from the title, expected at most 80; pass a shorter --id, e.g. `--id access-access-access-access-access`\n')
    expect(run.status).toBe(2)
  })
})

describe('temporary files outside the repository', () => {
  // `audit` verifies signatures with an allowed-signers file in a temporary folder; a CI job
  // cancelled meanwhile used to leave the folder, the roster's keys in it, behind.
  it('an interrupted audit removes its allowed-signers folder', async () => {
    const key = makeKey('bob@laptop')
    const root = committed({'people.yaml': rosterYaml([{name: 'Bob', emails: ['bob@example.test'], roles: ['CTO'], keys: [key]}]), 'policies/alpha.md': policy('alpha')}, 'Add a policy\n\nApproved-by: Bob <bob@example.test>')
    // A git that hangs when asked to verify signatures, so the signal lands while the folder exists.
    const bin = makeRepo({'git': `#!/bin/sh\ncase "$*" in *allowedSignersFile*) exec sleep 60;; esac\nexec ${spawnSync('sh', ['-c', 'command -v git'], {encoding: 'utf8'}).stdout.trim()} "$@"\n`})
    chmodSync(join(bin, 'git'), 0o755)
    const temporary = makeRepo({})
    const child = spawn(process.execPath, [charterBin, 'audit', '--today', '2026-06-01'], {cwd: root, env: {...process.env, PATH: `${bin}:${process.env.PATH}`, TMPDIR: temporary}, stdio: 'ignore'})
    const folders = () => readdirSync(temporary).filter((name) => name.startsWith('charter-signers-'))
    for (let waited = 0; folders().length === 0 && waited < 10_000; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50))
    expect(folders()).toHaveLength(1)
    const ended = new Promise<NodeJS.Signals | null>((resolve) => child.on('close', (_, signal) => resolve(signal)))
    child.kill('SIGTERM')
    expect(await ended).toBe('SIGTERM')
    expect(folders()).toEqual([])
  })
})

