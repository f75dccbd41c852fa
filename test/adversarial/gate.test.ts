// Hostile pull requests against the gate itself: lint comments that try to switch gate rules
// off, and config changes that try to weaken what the gate requires. Each case runs the
// compiled `charter check`, against `--base main` in a real git repository where the attack
// needs a base, and asserts the exit status and the exact annotations CI would show.
import {mkdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {policy as fixturePolicy, policyBody} from '../fixtures/documents'
import {charter, makeRepo, runGit} from '../helpers'

/** A valid policy `alpha` under the default config; `fields` replaces front matter lines. */
const policy = (fields: Record<string, string> = {}, body = `\n${policyBody}`): string => fixturePolicy('alpha', {title: 'Alpha', version: '1.2.0', ...fields}, body)

/** A repository whose `main` holds `base`; the work tree then gets `change` (null deletes a file). */
function pullRequest(base: Record<string, string>, change: Record<string, string | null>): string {
  const root = makeRepo(base)
  runGit(root, ['init', '-q', '-b', 'main'])
  runGit(root, ['add', '-A'])
  runGit(root, ['commit', '-q', '-m', 'Base'])
  for (const [path, content] of Object.entries(change)) {
    if (content === null) rmSync(join(root, path))
    else writeFileSync(join(root, path), content)
  }
  return root
}

function check(root: string, args: string[] = []) {
  return charter(['check', '--today', '2026-06-01', '--format', 'github', ...args], root)
}

const strictConfig = `review:
  warn_window: 60 days
  interval:
    policy: 6 months
kinds:
  policy:
    sections: [Purpose, Scope, Policy, Roles and Responsibilities, Exceptions, Enforcement, Records]
`

/** Output lines, each ended by a line break. */
const lines = (...texts: string[]) => texts.map((text) => `${text}\n`).join('')

describe('lint comments can switch off style rules only', () => {
  // The case: one bare disable after the front matter, with the version lowered, an
  // impossible review date and no sections, checked against the base as CI does.
  it('a bare disable after the front matter leaves every gate error in place', async () => {
    const root = pullRequest({'policies/alpha.md': policy()}, {'policies/alpha.md': policy({version: '0.0.1', last_reviewed: '2099-02-30'}, '<!-- lint disable -->\n\nNothing to see.\n')})
    const run = await check(root, ['--base', 'main'])
    expect(run).toEqual({
      status: 1,
      stdout: lines(
        '::error file=policies/alpha.md,line=5,col=10,endLine=5,endColumn=15,title=version-bump::Unexpected version 0.0.1, lower than 1.2.0 at main; versions only go up, so use 1.3.0 or higher',
        '::error file=policies/alpha.md,line=11,col=16,endLine=11,endColumn=26,title=frontmatter-schema::Unexpected `last_reviewed` value `2099-02-30`: not a real calendar date; use an existing date as YYYY-MM-DD',
        '::error file=policies/alpha.md,line=15,col=1,endLine=15,endColumn=16,title=required-sections::Missing section `## Enforcement`, required for kind `policy`; add it after `## Exceptions` (order: Purpose, Scope, Policy, Roles and Responsibilities, Exceptions, Enforcement)',
        '::error file=policies/alpha.md,line=15,col=1,endLine=15,endColumn=16,title=required-sections::Missing section `## Exceptions`, required for kind `policy`; add it after `## Roles and Responsibilities` (order: Purpose, Scope, Policy, Roles and Responsibilities, Exceptions, Enforcement)',
        '::error file=policies/alpha.md,line=15,col=1,endLine=15,endColumn=16,title=required-sections::Missing section `## Policy`, required for kind `policy`; add it after `## Scope` (order: Purpose, Scope, Policy, Roles and Responsibilities, Exceptions, Enforcement)',
        '::error file=policies/alpha.md,line=15,col=1,endLine=15,endColumn=16,title=required-sections::Missing section `## Purpose`, required for kind `policy`; add it after the front matter (order: Purpose, Scope, Policy, Roles and Responsibilities, Exceptions, Enforcement)',
        '::error file=policies/alpha.md,line=15,col=1,endLine=15,endColumn=16,title=required-sections::Missing section `## Roles and Responsibilities`, required for kind `policy`; add it after `## Policy` (order: Purpose, Scope, Policy, Roles and Responsibilities, Exceptions, Enforcement)',
        '::error file=policies/alpha.md,line=15,col=1,endLine=15,endColumn=16,title=required-sections::Missing section `## Scope`, required for kind `policy`; add it after `## Purpose` (order: Purpose, Scope, Policy, Roles and Responsibilities, Exceptions, Enforcement)',
        'charter: 1 document checked, 8 errors, 0 warnings'
      ),
      stderr: ''
    })
  })

  // Several gate rules named in one comment, including lint-comment itself.
  it('a comment naming several gate rules is an error for each, and their findings stay', async () => {
    const root = makeRepo({'policies/alpha.md': policy({last_reviewed: '2099-02-30'}, '<!-- lint disable frontmatter-schema review-due lint-comment required-sections -->\n\n## Purpose\n\nWhy.\n')})
    const run = await check(root)
    expect(run).toEqual({
      status: 1,
      stdout: lines(
        '::error file=policies/alpha.md,line=11,col=16,endLine=11,endColumn=26,title=frontmatter-schema::Unexpected `last_reviewed` value `2099-02-30`: not a real calendar date; use an existing date as YYYY-MM-DD',
        '::error file=policies/alpha.md,line=13,col=1,endLine=13,endColumn=83,title=lint-comment::Unexpected gate rule `frontmatter-schema` in lint comment: gate rules can\'t be switched off inline; fix the finding, or change its severity in charter.config.yaml where a reviewer sees it',
        '::error file=policies/alpha.md,line=13,col=1,endLine=13,endColumn=83,title=lint-comment::Unexpected gate rule `lint-comment` in lint comment: gate rules can\'t be switched off inline; fix the finding, or change its severity in charter.config.yaml where a reviewer sees it',
        '::error file=policies/alpha.md,line=13,col=1,endLine=13,endColumn=83,title=lint-comment::Unexpected gate rule `required-sections` in lint comment: gate rules can\'t be switched off inline; fix the finding, or change its severity in charter.config.yaml where a reviewer sees it',
        '::error file=policies/alpha.md,line=13,col=1,endLine=13,endColumn=83,title=lint-comment::Unexpected gate rule `review-due` in lint comment: gate rules can\'t be switched off inline; fix the finding, or change its severity in charter.config.yaml where a reviewer sees it',
        '::error file=policies/alpha.md,line=17,col=1,endLine=17,endColumn=5,title=required-sections::Missing section `## Enforcement`, required for kind `policy`; add it after `## Exceptions` (order: Purpose, Scope, Policy, Roles and Responsibilities, Exceptions, Enforcement)',
        '::error file=policies/alpha.md,line=17,col=1,endLine=17,endColumn=5,title=required-sections::Missing section `## Exceptions`, required for kind `policy`; add it after `## Roles and Responsibilities` (order: Purpose, Scope, Policy, Roles and Responsibilities, Exceptions, Enforcement)',
        '::error file=policies/alpha.md,line=17,col=1,endLine=17,endColumn=5,title=required-sections::Missing section `## Policy`, required for kind `policy`; add it after `## Scope` (order: Purpose, Scope, Policy, Roles and Responsibilities, Exceptions, Enforcement)',
        '::error file=policies/alpha.md,line=17,col=1,endLine=17,endColumn=5,title=required-sections::Missing section `## Roles and Responsibilities`, required for kind `policy`; add it after `## Policy` (order: Purpose, Scope, Policy, Roles and Responsibilities, Exceptions, Enforcement)',
        '::error file=policies/alpha.md,line=17,col=1,endLine=17,endColumn=5,title=required-sections::Missing section `## Scope`, required for kind `policy`; add it after `## Purpose` (order: Purpose, Scope, Policy, Roles and Responsibilities, Exceptions, Enforcement)',
        'charter: 1 document checked, 10 errors, 0 warnings'
      ),
      stderr: ''
    })
  })

  // `ignore` with a gate rule, in front of the one block that holds the whole body.
  it('an ignore before a block holding the whole body silences no gate rule', async () => {
    const body = '<!-- lint ignore -->\n> ## Purpose\n>\n> See [gone](gone.md) and {{ owner }}.\n'
    const root = makeRepo({'policies/alpha.md': policy({}, body)})
    const run = await check(root)
    expect(run).toEqual({
      status: 1,
      stdout: lines(
        '::error file=policies/alpha.md,line=14,col=1,endLine=16,endColumn=39,title=required-sections::Missing section `## Enforcement`, required for kind `policy`; add it after `## Exceptions` (order: Purpose, Scope, Policy, Roles and Responsibilities, Exceptions, Enforcement)',
        '::error file=policies/alpha.md,line=14,col=1,endLine=16,endColumn=39,title=required-sections::Missing section `## Exceptions`, required for kind `policy`; add it after `## Roles and Responsibilities` (order: Purpose, Scope, Policy, Roles and Responsibilities, Exceptions, Enforcement)',
        '::error file=policies/alpha.md,line=14,col=1,endLine=16,endColumn=39,title=required-sections::Missing section `## Policy`, required for kind `policy`; add it after `## Scope` (order: Purpose, Scope, Policy, Roles and Responsibilities, Exceptions, Enforcement)',
        '::error file=policies/alpha.md,line=14,col=1,endLine=16,endColumn=39,title=required-sections::Missing section `## Purpose`, required for kind `policy`; add it after the front matter (order: Purpose, Scope, Policy, Roles and Responsibilities, Exceptions, Enforcement)',
        '::error file=policies/alpha.md,line=14,col=1,endLine=16,endColumn=39,title=required-sections::Missing section `## Roles and Responsibilities`, required for kind `policy`; add it after `## Policy` (order: Purpose, Scope, Policy, Roles and Responsibilities, Exceptions, Enforcement)',
        '::error file=policies/alpha.md,line=14,col=1,endLine=16,endColumn=39,title=required-sections::Missing section `## Scope`, required for kind `policy`; add it after `## Purpose` (order: Purpose, Scope, Policy, Roles and Responsibilities, Exceptions, Enforcement)',
        '::error file=policies/alpha.md,line=16,col=7,endLine=16,endColumn=22,title=links::Unexpected link to `gone.md`: no such file in policies/',
        '::error file=policies/alpha.md,line=16,col=27,endLine=16,endColumn=38,title=no-placeholder::Unexpected unfilled template value `{{ owner }}`; replace it with the real value',
        'charter: 1 document checked, 8 errors, 0 warnings'
      ),
      stderr: ''
    })
  })

  // The verb in capitals, hoping a case-insensitive filter elsewhere honours it.
  it('LINT in capitals does nothing and says so', async () => {
    const root = makeRepo({'policies/alpha.md': policy({}, `<!-- LINT disable links -->\n\n${policyBody}\nSee [gone](gone.md).\n`)})
    const run = await check(root)
    expect(run).toEqual({
      status: 1,
      stdout: lines(
        '::error file=policies/alpha.md,line=13,col=1,endLine=13,endColumn=28,title=lint-comment::Unexpected `LINT` in lint comment, expected lowercase `lint`: only `<!-- lint … -->` takes effect',
        '::error file=policies/alpha.md,line=39,col=5,endLine=39,endColumn=20,title=links::Unexpected link to `gone.md`: no such file in policies/',
        'charter: 1 document checked, 2 errors, 0 warnings'
      ),
      stderr: ''
    })
  })

  // No spaces inside the comment: still a lint comment, still only for style rules.
  it('a comment without spaces silences style rules but no gate rule', async () => {
    const root = makeRepo({'policies/alpha.md': policy({}, `<!--lint disable-->\n\n${policyBody}\nSee [gone](gone.md) at https://example.com.\n`)})
    const run = await check(root)
    expect(run).toEqual({
      status: 1,
      stdout: lines(
        '::error file=policies/alpha.md,line=39,col=5,endLine=39,endColumn=20,title=links::Unexpected link to `gone.md`: no such file in policies/',
        'charter: 1 document checked, 1 error, 0 warnings'
      ),
      stderr: ''
    })
  })

  // The comment spread over several lines, so a reviewer skimming the diff takes it for prose.
  it('a disable spread over several lines silences no gate rule', async () => {
    const root = makeRepo({'policies/alpha.md': policy({}, `${policyBody}\n<!--\n  lint disable links\n-->\n\nSee [gone](gone.md).\n`)})
    const run = await check(root)
    expect(run).toEqual({
      status: 1,
      stdout: lines(
        '::error file=policies/alpha.md,line=37,col=1,endLine=39,endColumn=4,title=lint-comment::Unexpected gate rule `links` in lint comment: gate rules can\'t be switched off inline; fix the finding, or change its severity in charter.config.yaml where a reviewer sees it',
        '::error file=policies/alpha.md,line=41,col=5,endLine=41,endColumn=20,title=links::Unexpected link to `gone.md`: no such file in policies/',
        'charter: 1 document checked, 2 errors, 0 warnings'
      ),
      stderr: ''
    })
  })

  // The comment nested in a blockquote inside a list, away from the top level.
  it('a disable nested in a list and a quote silences no gate rule', async () => {
    const root = makeRepo({'policies/alpha.md': policy({}, `${policyBody}\n- Note:\n\n  > <!-- lint disable links -->\n\nSee [gone](gone.md).\n`)})
    const run = await check(root)
    expect(run).toEqual({
      status: 1,
      stdout: lines(
        '::error file=policies/alpha.md,line=39,col=5,endLine=39,endColumn=32,title=lint-comment::Unexpected gate rule `links` in lint comment: gate rules can\'t be switched off inline; fix the finding, or change its severity in charter.config.yaml where a reviewer sees it',
        '::error file=policies/alpha.md,line=41,col=5,endLine=41,endColumn=20,title=links::Unexpected link to `gone.md`: no such file in policies/',
        'charter: 1 document checked, 2 errors, 0 warnings'
      ),
      stderr: ''
    })
  })

  // The comment placed before the front matter, hoping to cover the front matter too.
  it('a disable above the front matter makes the front matter no front matter', async () => {
    const root = makeRepo({'policies/alpha.md': `<!-- lint disable -->\n${policy({last_reviewed: '2099-02-30'})}`})
    const run = await check(root)
    expect(run).toEqual({
      status: 1,
      stdout: lines(
        '::error file=policies/alpha.md,line=1,col=1,endLine=1,endColumn=1,title=frontmatter-schema::Missing front matter, expected the file to start with a `---` line, the YAML keys (`id`, `title`, `kind`, …) and a closing `---`',
        'charter: 1 document checked, 1 error, 0 warnings'
      ),
      stderr: ''
    })
  })

  // Another tool's syntax, which some readers assume Charter honours.
  it('a markdownlint-disable comment is reported and silences nothing', async () => {
    const root = makeRepo({'policies/alpha.md': policy({version: '1.0'}, `<!-- markdownlint-disable -->\n\n${policyBody}`)})
    const run = await check(root)
    expect(run).toEqual({
      status: 1,
      stdout: lines(
        '::error file=policies/alpha.md,line=5,col=10,endLine=5,endColumn=13,title=frontmatter-schema::Unexpected number `1` for `version`, expected text; quote it: `version: "1.0"`',
        '::error file=policies/alpha.md,line=13,col=1,endLine=13,endColumn=30,title=lint-comment::Unexpected `markdownlint-disable` comment: Charter does not read markdownlint comments; use `<!-- lint disable <rule-id> -->` for a style rule, and fix what a gate rule reports',
        'charter: 1 document checked, 2 errors, 0 warnings'
      ),
      stderr: ''
    })
  })

  // An inline comment inside a paragraph, and an enable of a gate rule to look harmless.
  it('an inline disable in a paragraph silences no gate rule', async () => {
    const root = makeRepo({'policies/alpha.md': policy({}, `${policyBody}\nOwner: <!-- lint disable no-placeholder --> {{ owner }}.\n`)})
    const run = await check(root)
    expect(run).toEqual({
      status: 1,
      stdout: lines(
        '::error file=policies/alpha.md,line=37,col=8,endLine=37,endColumn=44,title=lint-comment::Unexpected gate rule `no-placeholder` in lint comment: gate rules can\'t be switched off inline; fix the finding, or change its severity in charter.config.yaml where a reviewer sees it',
        '::error file=policies/alpha.md,line=37,col=45,endLine=37,endColumn=56,title=no-placeholder::Unexpected unfilled template value `{{ owner }}`; replace it with the real value',
        'charter: 1 document checked, 2 errors, 0 warnings'
      ),
      stderr: ''
    })
  })
})

describe('a pull request cannot weaken the gate in config', () => {
  // `rules: {links: off}` added in the pull request, to land a broken link.
  it('a gate rule set off in the pull request is an error', async () => {
    const root = pullRequest({'policies/alpha.md': policy()}, {'policies/alpha.md': policy({version: '1.3.0'}, `\n${policyBody}\nSee [gone](gone.md).\n`), 'charter.config.yaml': 'rules:\n  links: off\norganization:\n  security_contact: security@acme.test\n'})
    const run = await check(root, ['--base', 'main'])
    expect(run).toEqual({
      status: 1,
      stdout: lines(
        '::error file=charter.config.yaml,line=2,col=10,endLine=2,endColumn=13,title=config-weakened::Unexpected `off` for gate rule `links`, expected `error` as at main; a pull request may not weaken the gate; restore it, or weaken it in a pull request of its own that an approver accepts',
        'charter: 1 document checked, 1 error, 0 warnings'
      ),
      stderr: ''
    })
  })

  // Switching config-weakened itself off in the same change.
  it('config-weakened set off by the pull request still reports', async () => {
    const root = pullRequest({'policies/alpha.md': policy()}, {'charter.config.yaml': 'rules:\n  config-weakened: off\n  review-due: warn\norganization:\n  security_contact: security@acme.test\n'})
    const run = await check(root, ['--base', 'main'])
    expect(run).toEqual({
      status: 1,
      stdout: lines(
        '::error file=charter.config.yaml,line=2,col=20,endLine=2,endColumn=23,title=config-weakened::Unexpected `off` for gate rule `config-weakened`, expected `error` as at main; a pull request may not weaken the gate; restore it, or weaken it in a pull request of its own that an approver accepts',
        '::error file=charter.config.yaml,line=3,col=15,endLine=3,endColumn=19,title=config-weakened::Unexpected `warn` for gate rule `review-due`, expected `error` as at main; a pull request may not weaken the gate; restore it, or weaken it in a pull request of its own that an approver accepts',
        'charter: 1 document checked, 2 errors, 0 warnings'
      ),
      stderr: ''
    })
  })

  // Deleting a stricter config, so that weaker defaults apply.
  it('a deleted config is compared with the base like any edit', async () => {
    const root = pullRequest({'policies/alpha.md': policy({}, `\n${policyBody}\n## Records\n\nKept.\n`), 'charter.config.yaml': strictConfig}, {'charter.config.yaml': null})
    const run = await check(root, ['--base', 'main'])
    expect(run).toEqual({
      status: 1,
      stdout: lines(
        '::error file=charter.config.yaml,line=1,col=1,endLine=1,endColumn=1,title=config-weakened::Unexpected `review.warn_window` `30 days` (the default), shorter than `60 days` at main: reviews would be announced later; a pull request may not weaken the gate; restore it, or weaken it in a pull request of its own that an approver accepts',
        '::error file=charter.config.yaml,line=1,col=1,endLine=1,endColumn=1,title=config-weakened::Unexpected removal of required section `Records` from kind `policy` (the default list), required at main; a pull request may not weaken the gate; restore it, or weaken it in a pull request of its own that an approver accepts',
        '::error file=charter.config.yaml,line=1,col=1,endLine=1,endColumn=1,title=config-weakened::Unexpected review interval `12 months` (the default) for kind `policy`, longer than `6 months` at main; a pull request may not weaken the gate; restore it, or weaken it in a pull request of its own that an approver accepts',
        'charter: 1 document checked, 3 errors, 0 warnings'
      ),
      stderr: ''
    })
  })

  // A new, weaker config file in the pull request, selected with --config.
  it('--config naming a file new in the pull request is compared with the base config', async () => {
    const root = pullRequest({'policies/alpha.md': policy(), 'charter.config.yaml': 'rules: {}\n'}, {'lenient.yaml': 'kinds:\n  policy:\n    sections: [Purpose]\nrules:\n  required-sections: warn\norganization:\n  security_contact: security@acme.test\n'})
    const run = await check(root, ['--base', 'main', '--config', 'lenient.yaml'])
    expect(run).toEqual({
      status: 1,
      stdout: lines(
        '::error file=lenient.yaml,line=3,col=15,endLine=3,endColumn=24,title=config-weakened::Unexpected removal of required sections `Scope`, `Policy`, `Roles and Responsibilities`, `Exceptions`, `Enforcement` from kind `policy`, required at main; a pull request may not weaken the gate; restore it, or weaken it in a pull request of its own that an approver accepts',
        '::error file=lenient.yaml,line=5,col=22,endLine=5,endColumn=26,title=config-weakened::Unexpected `warn` for gate rule `required-sections`, expected `error` as at main; a pull request may not weaken the gate; restore it, or weaken it in a pull request of its own that an approver accepts',
        'charter: 1 document checked, 2 errors, 0 warnings'
      ),
      stderr: ''
    })
  })

  // An anchor and alias, so one edit lengthens several intervals out of sight.
  it('intervals lengthened through a YAML alias are each reported', async () => {
    const config = 'review:\n  interval:\n    policy: &long 400 days\n    standard: *long\norganization:\n  security_contact: security@acme.test\n'
    const root = pullRequest({'policies/alpha.md': policy()}, {'charter.config.yaml': config})
    const run = await check(root, ['--base', 'main'])
    expect(run).toEqual({
      status: 1,
      stdout: lines(
        '::error file=charter.config.yaml,line=3,col=19,endLine=3,endColumn=27,title=config-weakened::Unexpected review interval `400 days` for kind `policy`, longer than `12 months` at main; a pull request may not weaken the gate; restore it, or weaken it in a pull request of its own that an approver accepts',
        '::error file=charter.config.yaml,line=4,col=15,endLine=4,endColumn=20,title=config-weakened::Unexpected review interval `400 days` for kind `standard`, longer than `12 months` at main; a pull request may not weaken the gate; restore it, or weaken it in a pull request of its own that an approver accepts',
        'charter: 1 document checked, 2 errors, 0 warnings'
      ),
      stderr: ''
    })
  })

  // A `<<` merge key that would pull a shorter section list in from an anchor. (This held
  // before config-weakened existed, as Charter reads YAML without merge keys; kept as a guard.)
  it('a YAML merge key is not read as a merge', async () => {
    const config = 'kinds:\n  standard: &short\n    sections: [Purpose]\n  policy:\n    <<: *short\n'
    const root = pullRequest({'policies/alpha.md': policy()}, {'charter.config.yaml': config})
    const run = await check(root, ['--base', 'main'])
    expect(run).toEqual({
      status: 1,
      stdout: lines(
        '::error file=charter.config.yaml,line=4,col=3,endLine=4,endColumn=9,title=config-schema::Missing required key `sections` in `kinds.policy`; add it, e.g. `sections: [Purpose, Scope]`',
        '::error file=charter.config.yaml,line=5,col=5,endLine=5,endColumn=7,title=config-schema::Unexpected key `<<` in `kinds.policy`, expected one of `sections`',
        'charter: 0 documents checked, 2 errors, 0 warnings'
      ),
      stderr: ''
    })
  })

  // A base config that does not load is no licence: the defaults stand for it.
  it('a broken base config is taken as the defaults', async () => {
    const root = pullRequest({'policies/alpha.md': policy(), 'charter.config.yaml': 'rules: [\n'}, {'charter.config.yaml': 'review:\n  interval:\n    policy: 2 years\norganization:\n  security_contact: security@acme.test\n'})
    const run = await check(root, ['--base', 'main'])
    expect(run).toEqual({
      status: 1,
      stdout: lines(
        '::error file=charter.config.yaml,line=3,col=13,endLine=3,endColumn=20,title=config-weakened::Unexpected review interval `2 years` for kind `policy`, longer than `12 months` at main; a pull request may not weaken the gate; restore it, or weaken it in a pull request of its own that an approver accepts',
        'charter: 1 document checked, 1 error, 0 warnings'
      ),
      stderr: ''
    })
  })

  // The gate checks whatever folder the config names: pointed at a folder holding one harmless
  // note, every broken policy in policies/ would pass unseen.
  it('`documents` pointed at another folder is an error, and the documents left behind are named by it', async () => {
    const root = pullRequest({'policies/alpha.md': policy()}, {'policies/alpha.md': policy({last_reviewed: '2020-01-01'}, '\nNothing.\n'), 'charter.config.yaml': '# Where the documents live.\ndocuments: notes\norganization:\n  security_contact: security@acme.test\n'})
    mkdirSync(join(root, 'notes'))
    writeFileSync(join(root, 'notes/readme.md'), fixturePolicy('readme', {title: 'Readme'}))
    const run = await check(root, ['--base', 'main'])
    expect(run).toEqual({
      status: 1,
      stdout: lines(
        '::error file=charter.config.yaml,line=2,col=12,endLine=2,endColumn=17,title=config-weakened::Unexpected `documents` value `notes`, expected `policies` as at main: the gate would check the documents in another folder; a pull request may not weaken the gate; restore it, or weaken it in a pull request of its own that an approver accepts',
        'charter: 1 document checked, 1 error, 0 warnings'
      ),
      stderr: ''
    })
  })

  // Removing the key is changing it back to the default: compared like any edit.
  it('`documents` removed from a config that set it is compared with the default', async () => {
    const root = pullRequest({'docs/security/alpha.md': policy(), 'policies/.keep': '', 'charter.config.yaml': 'documents: docs/security\n'}, {'charter.config.yaml': '# Every default.\n', 'policies/alpha.md': policy()})
    const run = await check(root, ['--base', 'main'])
    expect(run.stdout).toBe(
      lines(
        '::error file=charter.config.yaml,line=1,col=1,endLine=1,endColumn=1,title=config-weakened::Unexpected `documents` value `policies` (the default), expected `docs/security` as at main: the gate would check the documents in another folder; a pull request may not weaken the gate; restore it, or weaken it in a pull request of its own that an approver accepts',
        'charter: 1 document checked, 1 error, 0 warnings'
      )
    )
    expect(run.status).toBe(1)
  })
})

describe('a pull request cannot switch the section check off through the kind of a document', () => {
  // `overview` requires no sections; calling a policy one, and cutting its sections, would pass.
  it('a policy turned into an overview without its sections is an error, with the version bumped', async () => {
    const cut = `\n## Purpose\n\nText for purpose.\n`
    const root = pullRequest({'policies/alpha.md': policy()}, {'policies/alpha.md': policy({kind: 'overview', version: '1.3.0'}, cut)})
    expect((await check(root, ['--base', 'main'])).stdout).toBe(
      lines(
        '::error file=policies/alpha.md,line=4,col=7,endLine=4,endColumn=15,title=required-sections::Unexpected kind `overview`: at main this document is a `policy`, and the change drops the required sections `Scope`, `Policy`, `Roles and Responsibilities`, `Exceptions`, `Enforcement`, which it no longer has; keep kind `policy`, or change the kind in a pull request that keeps the sections',
        'charter: 1 document checked, 1 error, 0 warnings'
      )
    )
  })

  it('a policy turned into an overview that keeps its sections passes', async () => {
    const root = pullRequest({'policies/alpha.md': policy()}, {'policies/alpha.md': policy({kind: 'overview'})})
    expect((await check(root, ['--base', 'main'])).stdout).toBe(lines('charter: 1 document checked, 0 errors, 0 warnings'))
  })
})

describe('the help says which rules a comment may switch off', () => {
  // A reader who trusts `--help` must not be told that a comment can switch any rule off.
  it('check --help lists the style rules apart from the gate rules', async () => {
    const run = await charter(['check', '--help'], makeRepo({}))
    expect(run.status).toBe(0)
    const style = run.stdout.slice(run.stdout.indexOf('Style rules'), run.stdout.indexOf('Exit status'))
    expect(style.match(/^ {2}[a-z-]+/gm)).toEqual(['  heading-increment', '  no-multiple-toplevel-headings', '  no-bare-url', '  unordered-list-marker-style', '  ordered-list-marker-style'])
    const gate = run.stdout.slice(run.stdout.indexOf('Gate rules'), run.stdout.indexOf('Style rules'))
    expect(gate).toContain('  config-weakened                error  With --base: the config does not weaken the gate (severities, sections, review intervals, documents folder, adoption, authors shown, vendor tiers, acknowledgements).\n')
    expect(gate).toContain('  review-due                     error  ')
  })
})

describe('versions that defeat the comparison', () => {
  // Components past 2^53 round as numbers, so 1.9007199254740992.0 compared equal to the base's
  // 1.9007199254740993.0 and a lowered version passed. The schema caps each part at six digits,
  // and the comparison is exact either way.
  it('a lowered version with components past 2^53 is refused', async () => {
    const root = pullRequest({'policies/alpha.md': policy({version: '1.9007199254740993.0'})}, {'policies/alpha.md': policy({version: '1.9007199254740992.0'})})
    expect(await check(root, ['--base', 'main'])).toEqual({
      status: 1,
      stdout: lines(
        '::error file=policies/alpha.md,line=5,col=10,endLine=5,endColumn=30,title=frontmatter-schema::Unexpected `version` value `1.9007199254740992.0`, expected MAJOR.MINOR.PATCH with at most six digits in each, e.g. `1.0.0`',
        'charter: 1 document checked, 1 error, 0 warnings'
      ),
      stderr: ''
    })
  })
  // A base that already holds such a version (from before the cap): the comparison and the
  // advice are exact, so the next version it names really is higher.
  it('a base version past 2^53 is compared exactly', async () => {
    const root = pullRequest({'policies/alpha.md': policy({version: '1.9007199254740993.0'})}, {'policies/alpha.md': policy({version: '1.5.0'})})
    expect((await check(root, ['--base', 'main'])).stdout).toBe(
      lines(
        '::error file=policies/alpha.md,line=5,col=10,endLine=5,endColumn=15,title=version-bump::Unexpected version 1.5.0, lower than 1.9007199254740993.0 at main; versions only go up, so use 1.9007199254740994.0 or higher',
        'charter: 1 document checked, 1 error, 0 warnings'
      )
    )
  })
  // The document moves to a new name and id, so the base has no document with its id, and its
  // version drops as if it were new. git's rename detection ties it to what it was.
  it('a document renamed to a new id is still compared with what it was', async () => {
    const root = pullRequest({'policies/alpha.md': policy()}, {'policies/alpha.md': null, 'policies/beta.md': fixturePolicy('beta', {title: 'Alpha', version: '0.1.0'}, `\n${policyBody}\nOne more line.\n`)})
    runGit(root, ['add', '-A'])
    expect((await check(root, ['--base', 'main'])).stdout).toBe(
      lines(
        '::error file=policies/beta.md,line=5,col=10,endLine=5,endColumn=15,title=version-bump::Unexpected version 0.1.0, lower than 1.2.0 at main (as policies/alpha.md); versions only go up, so use 1.3.0 or higher',
        'charter: 1 document checked, 1 error, 0 warnings'
      )
    )
  })
})

describe('CODEOWNERS lines a file name could write', () => {
  // A vendor file in a folder whose name holds a line break and `*`: written as is, CODEOWNERS would
  // gain a line `* @attacker` after the gate's lines and hand every file not named later to them.
  it('a path with a line break, a tab or `*` gets no line of its own, is named, and the gate still covers it', async () => {
    const root = makeRepo({
      'charter.config.yaml': 'github:\n  handles:\n    Head of Security: "@sec-lead"\n    CTO: "@cto"\n',
      'policies/alpha.md': policy(),
      'vendors/x\n*\t@attacker\n/acme.yaml': 'id: acme\nname: Acme\nowner: Head of Security\nstatus: evaluating\nservices: Mail\ndata: [none]\n',
      'vendors/[a]*/mail.yaml': 'id: mail\nname: Mail\nowner: Head of Security\nstatus: evaluating\nservices: Mail\ndata: [none]\n'
    })
    const run = await charter(['codeowners'], root)
    expect(run.stdout).toBe(
      [
        'Wrote .github/CODEOWNERS: 1 document with required reviewers; the gate reviewed by @sec-lead, @cto.',
        "No line of their own for these files, whose names CODEOWNERS would misread (only the gate's reviewers cover them); rename them to letters, digits, `.`, `-`, `_` and `/`:",
        '  vendors/[a]*/mail.yaml',
        '  "vendors/x\\n*\\t@attacker\\n/acme.yaml"',
        ''
      ].join('\n')
    )
    expect(run.status).toBe(1)
    const text = readFileSync(join(root, '.github/CODEOWNERS'), 'utf8')
    expect(text).not.toContain('@attacker')
    expect(text.split('\n').filter((line) => line.startsWith('/vendors/'))).toEqual(['/vendors/ @sec-lead @cto'])
  })
})
