// Every `--help` text reads as help should: it names every option the command takes, keeps its
// lines within 100 characters, never glues a name to its description, and breaks a paragraph
// only where its line is full. Run in-process, over every command the registry lists.
import {describe, expect, it} from 'vitest'
import {main} from '../scripts/cli/main'
import {registry} from '../scripts/cli/registry'
import {rules} from '../scripts/lint/rules/index'
import {parseDay} from '../scripts/model/dates'

async function charterInProcess(argv: string[]): Promise<{status: number; stdout: string; stderr: string}> {
  let stdout = ''
  let stderr = ''
  const output = (append: (text: string) => void) => ({write: append, writeColoured: append, isTTY: false})
  const status = await main(argv, {
    stdout: output((text) => (stdout += text)),
    stderr: output((text) => (stderr += text)),
    env: {},
    today: () => parseDay('2026-06-01')!
  })
  return {status, stdout, stderr}
}

// check's rule table keeps each rule's summary on its row (test/cli.test.ts asserts the rows),
// and the summaries are the rule modules' own.
const ruleRows = new Set(rules.map((rule) => `  ${rule.id.padEnd(30)} ${rule.severity.padEnd(6)} ${rule.summary}`))

function overLong(text: string): string[] {
  return text.split('\n').filter((line) => line.length > 100 && !ruleRows.has(line))
}

/** Lines of running text (not indented) that end well short of the width while their paragraph goes on. */
function brokenMidSentence(text: string): string[] {
  const lines = text.split('\n')
  const prose = (line: string | undefined) => line !== undefined && line !== '' && !line.startsWith(' ')
  return lines.filter((line, index) => prose(line) && prose(lines[index + 1]) && line.length < 60 && !/[:.]$/.test(line))
}

const commands = Object.entries(registry)

describe('charter --help', () => {
  it('lists every command with its summary, a gap between them', async () => {
    const help = await charterInProcess(['--help'])
    expect(help.status).toBe(0)
    for (const [name, entry] of commands) expect(help.stdout).toMatch(new RegExp(`^ {2}${name}\\s+${entry.summary.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'm'))
    expect(overLong(help.stdout)).toEqual([])
  })
})

describe.each(commands)('charter %s --help', (name, entry) => {
  it('exits 0 and names every option the command takes', async () => {
    const help = await charterInProcess([name, '--help'])
    expect(help.status).toBe(0)
    expect(help.stderr).toBe('')
    const {options} = (await entry.load()).default
    for (const option of Object.keys(options)) expect(help.stdout).toMatch(new RegExp(`^ +--${option}\\b`, 'm'))
    if (Object.keys(options).length > 0) expect(help.stdout).toMatch(/^ {2}-h, --help {2,}\S/m)
  })

  it('keeps lines within 100 characters, names apart from their descriptions, paragraphs unbroken', async () => {
    const {stdout} = await charterInProcess([name, '--help'])
    expect(overLong(stdout)).toEqual([])
    const optionLines = stdout.split('\n').filter((line) => /^ {2}(-\w, )?--[a-z]/.test(line))
    for (const line of optionLines) expect(line).toMatch(/^ {2}(-\w, )?--[a-z][a-z-]*( <[^>]+>)?( {2,}\S.*)?$/)
    expect(brokenMidSentence(stdout)).toEqual([])
  })
})
