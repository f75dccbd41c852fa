// The GitHub workflows a fork gets: valid for GitHub's own parser, every action pinned to a
// full commit SHA, least-privilege permissions, and every command they run exists here.
import {readdirSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import {convertWorkflowTemplate, NoOperationTraceWriter, parseWorkflow} from '@actions/workflow-parser'
import {describe, expect, it} from 'vitest'
import {parse} from 'yaml'
import {charter, projectRoot} from './helpers'

const folder = join(projectRoot, '.github/workflows')
const workflows = readdirSync(folder).filter((name) => name.endsWith('.yml')).sort()
const scripts = Object.keys(JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')).scripts)
const commands = [...(await charter(['--help'], projectRoot)).stdout.matchAll(/^ {2}([a-z]+) {2,}/gm)].map((match) => match[1]!)

interface Step {
  uses?: string
  run?: string
}
interface Workflow {
  permissions?: Record<string, string>
  jobs: Record<string, {permissions?: Record<string, string>; steps?: Step[]}>
}

/** The step that puts bin/ on PATH, as the README and the fork guide tell a user to, so `charter` runs bin/charter without npm. */
const putOnPath = ['echo', '"$GITHUB_WORKSPACE/bin"', '>>', '"$GITHUB_PATH"']

/** The programs a `run:` script starts: the first word of each command in each line. */
function programs(script: string): string[][] {
  return script
    .replace(/\$\([^)]*\)/g, 'X')
    .split('\n')
    .flatMap((line) => line.split(/&&|\|\||;|\|/))
    .map((command) => command.trim())
    .filter((command) => command !== '' && !/^(if|then|else|fi)\b/.test(command) && !command.startsWith('['))
    .map((command) => command.replace(/^(if|then|else)\s+/, '').split(/\s+/))
}

describe('GitHub workflows', () => {
  it('are the four a fork needs', async () => {
    expect(workflows).toEqual(['approval-audit.yml', 'policies.yml', 'publish.yml', 'review-reminders.yml'])
  })

  it.each(workflows)('%s parses with GitHub\'s workflow parser without an error', async (name) => {
    const content = readFileSync(join(folder, name), 'utf8')
    const result = parseWorkflow({name, content}, new NoOperationTraceWriter())
    expect(result.context.errors.getErrors().map((error) => error.message)).toEqual([])
    const template = await convertWorkflowTemplate(result.context, result.value!)
    expect(template.errors ?? []).toEqual([])
    expect(template.jobs.length).toBeGreaterThan(0)
  })

  it.each(workflows)('%s pins every action to a full commit SHA and grants least privilege', async (name) => {
    const workflow = parse(readFileSync(join(folder, name), 'utf8')) as Workflow
    expect(workflow.permissions).toBeDefined()
    // Nothing writes at the workflow level; a job asks for what it writes.
    expect(Object.values(workflow.permissions!).filter((level) => level === 'write').length).toBeLessThanOrEqual(name === 'policies.yml' || name === 'publish.yml' ? 0 : 1)
    for (const job of Object.values(workflow.jobs)) {
      for (const step of job.steps ?? []) {
        if (step.uses) expect(step.uses, name).toMatch(/^[a-z0-9-]+\/[a-z0-9-]+@[0-9a-f]{40}$/)
      }
    }
    const text = readFileSync(join(folder, name), 'utf8')
    for (const line of text.split('\n').filter((line) => /uses: /.test(line))) expect(line, name).toMatch(/ # v\d+\.\d+\.\d+$/)
  })

  it.each(workflows)('%s runs only commands and npm scripts that exist', async (name) => {
    const workflow = parse(readFileSync(join(folder, name), 'utf8')) as Workflow
    const runs = Object.values(workflow.jobs).flatMap((job) => (job.steps ?? []).flatMap((step) => (step.run ? [step.run] : [])))
    expect(runs.length).toBeGreaterThan(0)
    for (const words of runs.flatMap(programs)) {
      const [program, first, second] = words
      expect(['npm', 'charter', 'echo', 'gh', 'tar', 'cp'], words.join(' ')).toContain(program)
      if (program === 'echo') expect(words.join(' ')).toBe(putOnPath.join(' '))
      if (program === 'charter') {
        expect(commands, words.join(' ')).toContain(first)
        const help = await charter([first!, '--help'], projectRoot)
        for (const option of words.filter((word) => word.startsWith('--'))) expect(help.stdout, `${words.join(' ')}: ${option}`).toContain(option)
      }
      if (program === 'npm') expect(first === 'ci' || first === 'test' || (first === 'run' && scripts.includes(second!)), words.join(' ')).toBe(true)
    }
  })

  it.each(workflows)('%s puts bin/ on PATH after npm ci and before the first charter command of each job', async (name) => {
    const workflow = parse(readFileSync(join(folder, name), 'utf8')) as Workflow
    for (const [job, {steps = []}] of Object.entries(workflow.jobs)) {
      const scripts = steps.map((step) => step.run ?? '')
      const firstCharter = scripts.findIndex((script) => programs(script).some(([program]) => program === 'charter'))
      if (firstCharter === -1) continue
      const onPath = scripts.indexOf(putOnPath.join(' '))
      expect([job, onPath > scripts.indexOf('npm ci') && scripts.indexOf('npm ci') !== -1, onPath < firstCharter]).toEqual([job, true, true])
    }
  })
})
