// Hostile input against the parser's bounds and the command line's faults: each case is one
// attack, asserting exit status and exact output. The parser's bounds and the disk faults run
// through the installed program.
import {spawnSync} from 'node:child_process'
import {mkdirSync, readdirSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {policy} from '../fixtures/documents'
import {charter, charterBin, charterBinary, makeRepo, runGit} from '../helpers'

const today = ['--today', '2026-06-01']

/**
 * The installed program: these bounds are the compiled parser's. A case that hangs fails by the
 * test's timeout, which is generous; no case asserts how long it takes.
 */
const bounded = (args: string[], cwd: string) => charterBinary(args, cwd)

/** `file:line:column rule message` for each finding of `check --format json`. */
function findings(stdout: string): string[] {
  const report = JSON.parse(stdout) as {findings: {file: string; line: number; column: number; rule: string; message: string}[]}
  return report.findings.map((finding) => `${finding.file}:${finding.line}:${finding.column} ${finding.rule} ${finding.message}`)
}

const withBody = (id: string, body: string) => `${policy(id)}\n${body}`
// policy() has 9 front matter lines and 6 sections of 3 lines each: the appended body starts at line 38.
const bodyLine = 38

describe('parsing is bounded in depth and time', () => {
  // 2.8 KB of `>` used to overflow the stack: "Maximum call stack size exceeded", no file, exit 2.
  it('block quotes nested 2,800 deep', async () => {
    const root = makeRepo({'policies/deep.md': withBody('deep', `${'>'.repeat(2800)} x\n`), 'policies/fine.md': policy('fine')})
    const run = await bounded(['check', ...today, '--format', 'json'], root)
    expect(run.stderr).toBe('')
    expect(run.status).toBe(1)
    expect(findings(run.stdout)).toEqual([`policies/deep.md:${bodyLine}:33 file-readable Unexpected block quotes nested 2800 deep at line ${bodyLine}, expected at most 32; flatten the quotes`])
  })

  // 6 KB of nested `- ` list markers on one line overflowed the stack the same way.
  it('lists nested 3,000 deep', async () => {
    const root = makeRepo({'policies/deep.md': withBody('deep', `${'- '.repeat(3000)}x\n`)})
    const run = await bounded(['check', ...today, '--format', 'json'], root)
    expect(run.status).toBe(1)
    expect(findings(run.stdout)).toEqual([`policies/deep.md:${bodyLine}:65 file-readable Unexpected lists nested 3000 deep at line ${bodyLine}, expected at most 32; flatten the list, or split it into sections with headings`])
  })

  // Lists nested by indentation, one level per line, 40 deep: under the prefix limit, caught in the tree.
  it('lists nested 40 deep by indentation', async () => {
    const nested = Array.from({length: 40}, (_, level) => `${'  '.repeat(level)}- item`).join('\n')
    const root = makeRepo({'policies/deep.md': withBody('deep', `${nested}\n`)})
    const run = await bounded(['check', ...today, '--format', 'json'], root)
    expect(run.status).toBe(1)
    expect(findings(run.stdout)).toEqual([`policies/deep.md:${bodyLine + 32}:65 file-readable Unexpected lists nested 40 deep at line ${bodyLine + 32}, expected at most 32; flatten the list, or split it into sections with headings`])
  })

  // A run of 80 asterisks on each side nests 40 strong spans: every later walk recurses that deep.
  it('emphasis nested 40 deep', async () => {
    const root = makeRepo({'policies/deep.md': withBody('deep', `${'*'.repeat(80)}x${'*'.repeat(80)}\n`)})
    const run = await bounded(['check', ...today, '--format', 'json'], root)
    expect(run.status).toBe(1)
    expect(findings(run.stdout)).toEqual([`policies/deep.md:${bodyLine}:65 file-readable Unexpected emphasis, strong, strikethrough or link spans nested 40 deep at line ${bodyLine}, expected at most 32; remove the extra markers`])
  })

  // 400 KB of nested `**_*` took over 60 s: micromark's emphasis matching is quadratic per paragraph.
  it('a 400 KB emphasis bomb', async () => {
    const root = makeRepo({'policies/bomb.md': withBody('bomb', `${'**_*'.repeat(50_000)}x${'*_**'.repeat(50_000)}\n`)})
    const run = await bounded(['check', ...today, '--format', 'json'], root)
    expect(run.status).toBe(1)
    expect(findings(run.stdout)).toEqual([
      `policies/bomb.md:${bodyLine}:1000 file-readable Unexpected more than 1,000 emphasis, strikethrough, bracket or code delimiters (\`*\`, \`_\`, \`~\`, \`[\`, \`]\`, backticks) in one paragraph at line ${bodyLine}, expected at most 1,000; split the paragraph, or escape literal characters as \`\\*\``
    ])
  })

  // 40 KB of lines continuing a quoted paragraph without `>` took 17 s: each scans the paragraph so far.
  it('15,000 lazy lines in a block quote', async () => {
    const root = makeRepo({'policies/lazy.md': withBody('lazy', `> quoted\n${'x\n'.repeat(15_000)}`)})
    const run = await bounded(['check', ...today, '--format', 'json'], root)
    expect(run.status).toBe(1)
    expect(findings(run.stdout)).toEqual([
      `policies/lazy.md:${bodyLine + 101}:1 file-readable Unexpected more than 100 lazy lines in one paragraph at line ${bodyLine + 101} (lines inside a block quote or list item without its \`>\` or indentation), expected at most 100; start each line of a quote with \`>\` and indent each line of a list item`
    ])
  })

  // 100 KB of short quotes separated by blank lines took 107 s: micromark copied every event at each closed quote.
  it('9,000 short block quotes', async () => {
    const root = makeRepo({'policies/quotes.md': withBody('quotes', '> a\n\n'.repeat(9_000))})
    const run = await bounded(['check', ...today, '--format', 'json'], root)
    expect(run.stderr).toBe('')
    expect(run.status).toBe(0)
    expect(findings(run.stdout)).toEqual([])
  })

  // One hostile document among several: it is refused, the others are still checked.
  // Backtick runs of growing length, none closed: each opening run is matched by scanning ahead.
  // 40 KB is 39,000 backticks, far past the bound of 1,000; the scans before it cost the length.
  it('40 KB of unclosed code-span backtick runs', async () => {
    const runs: string[] = []
    for (let length = 1; runs.join('').length < 40_000; length++) runs.push(`${'`'.repeat(length)} x `)
    const root = makeRepo({'policies/ticks.md': withBody('ticks', `${runs.join('')}\n`)})
    const run = await bounded(['check', ...today, '--format', 'json'], root)
    expect(run.status).toBe(1)
    expect(findings(run.stdout)).toEqual([
      `policies/ticks.md:${bodyLine}:206 file-readable Unexpected more than 1,000 emphasis, strikethrough, bracket or code delimiters (\`*\`, \`_\`, \`~\`, \`[\`, \`]\`, backticks) in one paragraph at line ${bodyLine}, expected at most 1,000; split the paragraph, or escape literal characters as \`\\*\``
    ])
  })

  // 25,000 unclosed `<!--`: each is scanned to the end of the document for its `-->`.
  it('a flood of unclosed HTML comments', async () => {
    const root = makeRepo({'policies/comments.md': withBody('comments', `${'<!--'.repeat(25_000)}\n`)})
    const run = await bounded(['check', ...today, '--format', 'json'], root)
    expect(run.status).toBe(1)
    expect(findings(run.stdout)).toEqual([
      `policies/comments.md:${bodyLine}:4001 file-readable Unexpected more than 1,000 HTML comments or \`<!\`/\`<?\` markup openers at line ${bodyLine}, expected at most 1,000; remove them, or write a literal \`<\` as \`&lt;\``
    ])
  })

  // 225,000 one-line list items in 900 KB: gigabytes of tree, and a message per block for some rules.
  it('a document of more than 20,000 lines', async () => {
    const root = makeRepo({'policies/long.md': withBody('long', '- x\n'.repeat(225_000))})
    const run = await bounded(['check', ...today, '--format', 'json'], root)
    expect(run.status).toBe(1)
    expect(findings(run.stdout)).toEqual(['policies/long.md:20001:1 file-readable Unexpected more than 20,000 lines at line 20,001, expected at most 20,000; split the document into smaller ones'])
  })

  // 100,000 `{{` on one line: the placeholder scan once rescanned the line from every one of them.
  it('a line of 100,000 unclosed template openers', async () => {
    const root = makeRepo({'policies/braces.md': withBody('braces', `${'{{'.repeat(100_000)}\n`)})
    const run = await bounded(['check', ...today, '--format', 'json'], root)
    expect(run.stderr).toBe('')
    expect(findings(run.stdout)).toEqual([])
    expect(run.status).toBe(0)
  })

  // One finding per line, thousands of times: the report, not the parse, then costs the memory.
  it('a rule lists its first 100 findings in a file, then how many more', async () => {
    const root = makeRepo({'policies/urls.md': withBody('urls', Array.from({length: 250}, (_, index) => `See https://example.com/${index} now.`).join('\n\n'))})
    const run = await bounded(['check', ...today, '--format', 'json'], root)
    expect(run.status).toBe(0)
    const found = findings(run.stdout)
    expect(found).toHaveLength(101)
    expect(found).toContain(`policies/urls.md:${bodyLine + 198}:5 no-bare-url Unexpected bare URL \`https://example.com/99\`, expected a link; write \`<https://example.com/99>\` or \`[text](https://example.com/99)\` so readers can follow it`)
    expect(found.filter((line) => !line.includes('https://example.com/'))).toEqual([
      `policies/urls.md:${bodyLine + 198}:5 no-bare-url Unexpected 150 more \`no-bare-url\` findings in this file, not listed after the first 100; fix those, then check again`
    ])
  })

  it('many documents, one bad', async () => {
    const root = makeRepo({
      'policies/alpha.md': policy('alpha'),
      'policies/bad.md': withBody('bad', `${'>'.repeat(100)}\n`),
      'policies/gamma.md': policy('gamma', {effective: '2024-01-15', last_reviewed: '2025-01-10'})
    })
    const run = await bounded(['check', ...today, '--format', 'json'], root)
    expect(run.status).toBe(1)
    expect(findings(run.stdout)).toEqual([
      `policies/bad.md:${bodyLine}:33 file-readable Unexpected block quotes nested 100 deep at line ${bodyLine}, expected at most 32; flatten the quotes`,
      'policies/gamma.md:11:16 review-due last_reviewed 2025-01-10 is 142 days past its 12-month review interval (due 2026-01-10); once reviewed, run `charter review gamma`'
    ])
  })
})

describe('the deepest document the bounds allow', () => {
  // Quotes, lists and spans each nested 32 deep, and mixed: it passes check, so build must render it
  // (HTML and PDF both walk the tree recursively).
  it('is checked and built', async () => {
    const lists = Array.from({length: 32}, (_, level) => `${'  '.repeat(level)}- item`).join('\n')
    const body = [`${'>'.repeat(32)} quoted`, lists, `${'*'.repeat(64)}x${'*'.repeat(64)}`, `${'> '.repeat(16)}${'- '.repeat(16)}${'_*'.repeat(16)}x${'*_'.repeat(16)}`].join('\n\n')
    const root = makeRepo({'policies/deepest.md': withBody('deepest', `${body}\n`)})
    runGit(root, ['init', '-q', '-b', 'main'])
    runGit(root, ['add', '-A'])
    // Committed after the review date, so the check build runs first passes.
    runGit(root, ['commit', '-q', '-m', 'Add the deepest document'], {GIT_COMMITTER_DATE: '2026-06-01T10:00:00Z'})
    const checked = await bounded(['check', ...today], root)
    expect(checked.stdout).toBe('1 document checked: no problems found\n')
    expect(checked.status).toBe(0)
    const built = await bounded(['build', '--out', 'dist'], root)
    expect(built.status).toBe(0)
    expect(built.stdout).toMatch(/^Built the public bundle \S+ in dist\/: 1 document, /)
    expect(built.stderr).not.toMatch(/RangeError|internal error/)
  })
})

// Disk faults, closed pipes, concurrent edits and escape sequences in history are in faults.test.ts.
describe('faults give one clear line and leave nothing behind', () => {
  // A full disk (here /dev/full) used to print "internal error … a bug in Charter".
  it('ENOSPC writing the summary', async () => {
    const root = makeRepo({'policies/alpha.md': policy('alpha')})
    const run = await charterBinary(['check', ...today, '--summary', '/dev/full'], root)
    expect(run.status).toBe(1)
    expect(run.stderr).toBe('charter: ENOSPC: no space left on the disk while writing the summary to /dev/full; free some space, then run it again\n')
  })

  // `charter check | head -c 10`: the reader closes the pipe; charter used to die with an EPIPE stack trace.
  it('a closed pipe', async () => {
    const documents: Record<string, string> = {}
    for (let index = 0; index < 300; index++) documents[`policies/p${index}.md`] = policy(`p${index}`, {last_reviewed: '2025-01-10'})
    const root = makeRepo(documents)
    const run = spawnSync('bash', ['-c', `"${process.execPath}" "${charterBin}" check --today 2026-06-01 --format json | head -c 10 >/dev/null; echo "status \${PIPESTATUS[0]}"`], {cwd: root, encoding: 'utf8'})
    expect(run.stderr).toBe('')
    // check's own status: every document is overdue.
    expect(run.stdout).toBe('status 1\n')
  })

  // A read-only file system (a CI cache mounted read-only) used to print "internal error … a bug in Charter".
  it('EROFS in charter new', async () => {
    const root = makeRepo({})
    const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', root], {encoding: 'utf8'})
    if (mounted.status !== 0) throw new Error(`mount failed (this case needs root, as CI runs): ${mounted.stderr}`)
    try {
      mkdirSync(join(root, 'policies'))
      writeFileSync(join(root, 'policies/alpha.md'), policy('alpha'))
      expect(spawnSync('mount', ['-o', 'remount,ro', root]).status).toBe(0)
      const run = await charterBinary(['new', 'policy', 'Password Policy'], root)
      expect(run.stderr).toBe('charter: EROFS: the file system is read-only while taking the edit lock .charter-edit.lock; run it in a writable clone\n')
      expect(run.status).toBe(1)
      expect(readdirSync(join(root, 'policies'))).toEqual(['alpha.md'])
    } finally {
      spawnSync('umount', [root])
    }
  })
})

describe('control characters are escaped in text output', () => {
  // Errors echo what was typed: a document id carrying a screen-clearing sequence and a C1 CSI.
  it('an error echoing an id', async () => {
    const root = makeRepo({'policies/alpha.md': policy('alpha')})
    const run = await charter(['review', 'x\u001b[2J\u009by'], root)
    expect(run.status).toBe(1)
    expect(run.stderr).toBe('charter: no document in policies/ has the id `x\\u001b[2J\\u009by`; the ids are the file names in policies/\n')
  })
})
