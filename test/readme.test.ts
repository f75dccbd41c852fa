// README.md's generated sections equal what the schemas and rule modules say, and every
// command the README shows exists. `npm run docs` rewrites the sections after a change.
import {readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {expect, it} from 'vitest'
import {regenerate} from '../tools/readme'
import {projectRoot} from './helpers'

const readmePath = join(projectRoot, 'README.md')

it('README.md matches the schemas and the rule list', () => {
  const readme = readFileSync(readmePath, 'utf8')
  const current = regenerate(readme)
  if (process.env.UPDATE_README) writeFileSync(readmePath, current)
  else expect(readme).toBe(current)
})

it('README.md names only npm scripts that exist', () => {
  const readme = readFileSync(readmePath, 'utf8')
  const scripts = Object.keys(JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')).scripts)
  const named = [...readme.matchAll(/npm run ([a-z:-]+)/g)].map((match) => match[1])
  expect(named.length).toBeGreaterThan(0)
  for (const name of named) expect(scripts).toContain(name)
})
