// How a user runs Charter, said one way everywhere: `charter <command>`, with the repository's
// bin/ on PATH so that `charter` is bin/charter, never through npx, whose package resolution
// costs about a second at every call (bench/startup.js).
import {spawnSync} from 'node:child_process'
import {readdirSync, readFileSync} from 'node:fs'
import {delimiter, join, relative} from 'node:path'
import {describe, expect, it} from 'vitest'
import {charter, charterBin, projectRoot} from './helpers'

const putOnPath = 'export PATH="$PWD/bin:$PATH"'

/** Every file whose text a user reads or runs: the docs, the workflows, the source of every message and help text, the templates. */
function textsUsersRead(): string[] {
  const under = (folder: string) =>
    readdirSync(join(projectRoot, folder), {recursive: true, withFileTypes: true})
      .filter((entry) => entry.isFile() && /\.(md|ts|yml|yaml|hbs|js|txt)$/.test(entry.name))
      .map((entry) => relative(projectRoot, join(entry.parentPath, entry.name)))
  return ['README.md', 'SECURITY.md', 'tools/readme.ts', ...under('docs'), ...under('.github'), ...under('scripts'), ...under('templates')].filter(
    (path) => !path.startsWith('scripts/generated/')
  )
}

/** Running Charter any way but `charter`: through npm or yarn, or by the path of its program. */
const otherWay = /\b(?:npx|npm exec|yarn|pnpm(?: exec)?) charter\b|\bnode (?:\.\/)?bin\/charter|(?:^|[\s`'"(])\.?\/?bin\/charter(?:\.js)? +[a-z-]/m

function run(command: string, args: string[], cwd: string) {
  const result = spawnSync(command, args, {cwd, env: {...process.env, PATH: `${join(projectRoot, 'bin')}${delimiter}${process.env.PATH}`}, encoding: 'utf8'})
  return {status: result.status, stdout: result.stdout, stderr: result.stderr}
}

describe('running charter', () => {
  it('is written `charter <command>` in every doc, workflow, message and template', () => {
    const files = textsUsersRead()
    expect(files).toContain('.github/workflows/policies.yml')
    expect(files).toContain('scripts/forge/reminders.ts')
    const elsewhere = files.flatMap((path) =>
      readFileSync(join(projectRoot, path), 'utf8')
        .split('\n')
        .flatMap((line, index) => (otherWay.test(line) ? [`${path}:${index + 1}: ${line.trim()}`] : []))
    )
    expect(elsewhere).toEqual([])
  })

  it('is set up by the README and the fork guide with the same line', () => {
    for (const path of ['README.md', 'docs/fork-guide.md']) expect(readFileSync(join(projectRoot, path), 'utf8'), path).toContain(putOnPath)
  })

  it('finds no other way in a text that has one', () => {
    for (const line of ['npx charter check', '`node bin/charter.js check`', 'run ./bin/charter review x', 'npm exec charter due']) expect(otherWay.test(line), line).toBe(true)
    for (const line of ['charter check', 'the installed `bin/charter.js` end to end', 'node bench/startup.js']) expect(otherWay.test(line), line).toBe(false)
  })

  it('with bin/ on PATH runs bin/charter.js, from any folder, with its output and exit status', () => {
    const elsewhere = join(projectRoot, 'test/fixtures')
    for (const args of [['--version'], ['check', '--help'], ['--help'], ['nonsense']]) {
      const direct = run(process.execPath, [charterBin, ...args], elsewhere)
      expect(run('charter', args, elsewhere), args.join(' ')).toEqual(direct)
    }
    expect(run('charter', ['--version'], elsewhere)).toEqual({status: 0, stdout: `${JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')).version}\n`, stderr: ''})
    expect(run('charter', ['nonsense'], elsewhere).status).toBe(2)
  })

  // bin/charter.js starts lib/help.cjs, lib/check.cjs or lib/charter.cjs by the first argument;
  // each must answer as the whole program does (main, in this process).
  it.each([[[]], [['--help']], [['help']], [['-v']], [['--version']], [['nonsense']], [['check', '--help']], [['check', '--nonsense']], [['due', '--help']], [['codeowners', '--help']]])(
    'answers %j from the program the launcher picks as the whole program does',
    async (args) => {
      const elsewhere = join(projectRoot, 'test/fixtures')
      const started = run(process.execPath, [charterBin, ...args], elsewhere)
      expect(started).toEqual(await charter(args, elsewhere))
    }
  )

  // V8 refuses a code cache made under other flags than the start's: a flag set while compiling
  // warmed the cache (as check's heap setting once was) would leave every start without it.
  it.each(['help.cjs', 'check.cjs', 'charter.cjs'])('starts lib/%s with the code cache compiling wrote', (name) => {
    const program = join(projectRoot, 'lib', name)
    const probe = `const vm = require('node:vm'); const {wrap} = require('node:module'); const {readFileSync} = require('node:fs');
      const script = new vm.Script(wrap(readFileSync(process.argv[1], 'utf8')), {filename: process.argv[1], cachedData: readFileSync(process.argv[1] + '.cache')});
      process.stdout.write(String(script.cachedDataRejected))`
    expect(run(process.execPath, ['-e', probe, program], projectRoot)).toEqual({status: 0, stdout: 'false', stderr: ''})
  })
})
