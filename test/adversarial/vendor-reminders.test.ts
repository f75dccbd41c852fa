// Hostile vendor files in `charter due`, `charter remind` and `charter coverage`: a name that mentions a team, carries
// control characters or Markdown, an issue body forged to look like a vendor's reminder, a register
// that is a symbolic link. The bar: names reach issues and terminals as inert text, nobody is
// pinged, no issue is taken over, nothing outside the repository is read.
import {symlinkSync} from 'node:fs'
import {join} from 'node:path'
import {afterEach, beforeEach, describe, expect, it} from 'vitest'
import {policy} from '../fixtures/documents'
import {startFakeGitHub, type FakeGitHub} from '../fixtures/github-server'
import {charter, charterAsync, makeRepo} from '../helpers'

const hostile = (name: string) => `id: evil
name: ${JSON.stringify(name)}
owner: CTO
status: active
services: Anything
data: [none]
last_reviewed: 2023-05-01
`

let github: FakeGitHub
beforeEach(async () => {
  github = await startFakeGitHub({repository: 'example/policies', pulls: [], reviews: {}})
})
afterEach(() => github.close())
const env = () => ({GITHUB_TOKEN: 'test-token', GITHUB_API_URL: github.url, GITHUB_REPOSITORY: 'example/policies'})

describe('hostile vendor files in due and remind', () => {
  it('a name that @mentions a team, holds a line break and Markdown: the issue shows it as text, mentioning nobody', async () => {
    const root = makeRepo({'policies/alpha.md': policy('alpha'), 'vendors/evil.yaml': hostile('@example/everyone\n## <img src=x onerror=alert(1)>\u0007')})
    const run = await charterAsync(['remind', '--today', '2026-06-01'], root, env())
    expect(run.status).toBe(0)
    const issue = github.issues.find((entry) => entry.body.includes('vendor-review-reminder evil'))!
    expect(issue.title).toBe('Vendor review due: @example/everyone ## <img src=x onerror=alert(1)>  (evil)')
    expect(issue.body.split('\n')[1]).toBe('The review of vendor **@\u200bexample/everyone \\#\\# \\<img src=x onerror=alert(1)\\> ** (`vendors/evil.yaml`) is due on **2026-05-01** (31 days overdue).')
  })

  it('control characters in a name reach the terminal escaped', async () => {
    const root = makeRepo({'policies/alpha.md': policy('alpha'), 'vendors/evil.yaml': hostile('Evil\u001b]0;pwned\u0007').replace('owner: CTO', 'owner: "CTO\\u001b[2J"')})
    const run = await charter(['due', '--today', '2026-06-01', '--format', 'markdown'], root)
    expect(run.stdout).toContain('| vendor review | [Evil\\u001b\\]0;pwned\\u0007](vendors/evil.yaml) | CTO\\u001b\\[2J | 2026-05-01 | **31 days overdue** |')
  })

  it('an issue forged with a vendor marker is closed as no longer due, never rewritten into a reminder of its choosing', async () => {
    github.issues.push({number: 5, title: 'Unrelated', body: '<!-- charter:vendor-assurance-reminder ghost -->', state: 'open', labels: [], assignees: [], comments: []})
    const root = makeRepo({'policies/alpha.md': policy('alpha'), 'vendors/evil.yaml': hostile('Evil')})
    const run = await charterAsync(['remind', '--today', '2026-06-01'], root, env())
    expect(run.stdout).toBe('Review reminders in example/policies (due within 30d): 1 opened, 0 updated, 1 closed, 0 unchanged.\n  open   Vendor review due: Evil (evil)\n  close  #5 (vendor assurance ghost no longer due)\n')
  })

  it('a vendors folder that is a symbolic link is refused, its target unread', async () => {
    const outside = makeRepo({'evil.yaml': hostile('Outside')})
    const root = makeRepo({'policies/alpha.md': policy('alpha')})
    symlinkSync(outside, join(root, 'vendors'))
    const run = await charter(['due', '--today', '2026-06-01'], root)
    expect(run).toEqual({status: 1, stdout: '', stderr: 'charter: due: Unexpected symbolic link at `vendors`, expected the vendors folder itself inside the repository; replace the link with the folder\n'})
  })

  it('coverage judges a vendors folder that is a symbolic link as not current, reading nothing through it', async () => {
    const outside = makeRepo({'evil.yaml': hostile('Outside').replace('2023-05-01', '2026-05-01')})
    const root = makeRepo({'policies/alpha.md': policy('alpha', {controls: '{soc2: [CC9.2]}'})})
    symlinkSync(outside, join(root, 'vendors'))
    const run = await charter(['coverage', '--today', '2026-06-01', '--framework', 'soc2'], root)
    expect(run.stdout).toContain('\n  CC9.2  Vendor and business partner risk managed                                alpha\n')
    expect(run.stdout).toContain('\nVendor register: not current, so not counted for CC9.2: Unexpected symbolic link at `vendors`, expected the vendors folder itself inside the repository; replace the link with the folder\n')
  })

  it('a huge register still lists every due vendor', async () => {
    const files: Record<string, string> = {'policies/alpha.md': policy('alpha')}
    for (let index = 0; index < 500; index++) files[`vendors/v${index}.yaml`] = hostile(`Vendor ${index}`).replace('id: evil', `id: v${index}`)
    const run = await charter(['due', '--today', '2026-06-01', '--format', 'json'], makeRepo(files))
    expect(JSON.parse(run.stdout).reviews).toHaveLength(500)
  })
})
