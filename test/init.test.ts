// charter init on a fork of this repository, and the seed library it renders.
import {spawnSync} from 'node:child_process'
import {cpSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {policy} from './fixtures/documents'
import {charter, charterBin, makeRepo, projectRoot} from './helpers'

/** A fork: the shipped templates, config and rendered policies, nothing else. */
function fork(): string {
  const root = makeRepo({})
  for (const path of ['templates', 'policies', 'charter.config.yaml']) cpSync(join(projectRoot, path), join(root, path), {recursive: true})
  return root
}

function snapshot(root: string): Record<string, string> {
  const files: Record<string, string> = {'charter.config.yaml': readFileSync(join(root, 'charter.config.yaml'), 'utf8')}
  for (const name of readdirSync(join(root, 'policies'), {recursive: true, encoding: 'utf8'}).sort()) {
    if (statSync(join(root, 'policies', name)).isFile()) files[`policies/${name}`] = readFileSync(join(root, 'policies', name), 'utf8')
  }
  return files
}

/** A repository with policies of its own, one `<topic>/index.md` per topic as a static site keeps them, and Charter's config. */
function ownPolicies(topics: readonly string[], extra: Record<string, string> = {}): string {
  const root = makeRepo(Object.fromEntries([...topics.map((topic) => [`policies/${topic}/index.md`, policy(topic)] as const), ...Object.entries(extra)]))
  cpSync(join(projectRoot, 'charter.config.yaml'), join(root, 'charter.config.yaml'))
  return root
}

const topics = ['access', 'assets', 'backup', 'change', 'crypto', 'data', 'hr', 'incident', 'logging', 'network', 'physical', 'vendors']

const seedCount = readdirSync(join(projectRoot, 'templates/policies')).filter((name) => name.endsWith('.md.hbs')).length
const acme = ['--name', 'Acme Inc', '--short-name', 'Acme', '--security-contact', 'security@acme.test', '--role', 'security_lead=CISO', '--role', 'engineering_lead=VP Engineering', '--date', '2026-06-01']
const globex = ['--name', 'Globex Corporation', '--short-name', 'Globex', '--security-contact', 'https://globex.test/security', '--role', 'executive=Managing Director', '--date', '2026-06-01']

describe('charter init', () => {
  it('renders the seed library for two organizations; each passes check and names only itself', async () => {
    const acmeRoot = fork()
    const globexRoot = fork()
    const acmeRun = await charter(['init', ...acme], acmeRoot)
    expect(acmeRun.stderr).toBe('')
    expect(acmeRun.stdout.split('\n')[0]).toBe(`Seed library for Acme Inc in policies/: 0 created, ${seedCount} updated, 0 unchanged.`)
    expect((await charter(['init', ...globex], globexRoot)).status).toBe(0)
    for (const [root, own, others] of [
      [acmeRoot, 'Acme Inc', ['Globex', 'Example Corp', 'Head of Security']],
      [globexRoot, 'Globex Corporation', ['Acme', 'Example Corp', 'example.com']]
    ] as const) {
      const check = await charter(['check', '--today', '2026-06-01'], root)
      expect(check.stdout).toBe(`${seedCount} documents checked: no problems found\n`)
      const texts = Object.entries(snapshot(root)).filter(([path]) => path.startsWith('policies/'))
      expect(texts).toHaveLength(seedCount)
      for (const [path, text] of texts) {
        expect(text, path).toContain('version: 1.0.0\n')
        expect(text, path).toContain('effective: 2026-06-01\nlast_reviewed: 2026-06-01\n')
        for (const other of others) expect(text.includes(other), `${path} mentions ${other}`).toBe(false)
      }
      expect(texts.some(([, text]) => text.includes(own))).toBe(true)
    }
    const config = readFileSync(join(acmeRoot, 'charter.config.yaml'), 'utf8')
    expect(config).toContain('organization:\n  name: Acme Inc\n  short_name: Acme\n  security_contact: security@acme.test\n')
    expect(config).toContain('  security_lead: CISO\n  engineering_lead: VP Engineering\n')
    // Comments in the config survive.
    expect(config).toContain('# Warn this long before a review falls due.\n')
    // The overview's seed follows the new name; the reports issued to Example Corp do not.
    expect(config).toContain('trust:\n  statement: Acme Inc keeps its security policies in writing, each approved by named people and reviewed every year. This page sums up what they require of us.\n  practices:\n    - title: Encryption\n')
    expect(config).not.toContain('certifications:')
    expect(acmeRun.stdout).toContain("Removed 2 certifications under trust: in charter.config.yaml, issued to Example Corp; list Acme Inc's own reports there.\n")
  })

  it('sets the statement from --statement, and keeps one written by hand when run again', async () => {
    const root = fork()
    const run = await charter(['init', ...acme, '--statement', '  Security is "our" job: all of it.  '], root)
    expect(run.status).toBe(0)
    expect(readFileSync(join(root, 'charter.config.yaml'), 'utf8')).toContain('trust:\n  statement: \'Security is "our" job: all of it.\'\n')
    const again = await charter(['init', '--name', 'Acme Group', '--date', '2026-06-01'], root)
    expect(again.status).toBe(0)
    expect(readFileSync(join(root, 'charter.config.yaml'), 'utf8')).toContain('trust:\n  statement: \'Security is "our" job: all of it.\'\n')
  })

  it('leaves the rendered library covering every SOC 2 criterion in scope', async () => {
    const root = fork()
    await charter(['init', ...acme], root)
    const run = await charter(['coverage', '--framework', 'soc2', '--fail-on-gaps'], root)
    expect(run.stdout.split('\n')[0]).toBe('SOC 2 Trust Services Criteria (2017): 38 in scope, 38 covered, 0 gaps')
    expect(run.status).toBe(0)
  })

  it('changes nothing when run again with the same answers, even on a later day', async () => {
    const root = fork()
    await charter(['init', ...acme], root)
    const before = snapshot(root)
    const again = await charter(['init', ...acme.slice(0, -2), '--date', '2026-07-15'], root)
    expect(again.stdout).toBe(`Seed library for Acme Inc in policies/: 0 created, 0 updated, ${seedCount} unchanged.\ncharter.config.yaml already had these values.\nNothing changed.\n`)
    expect(snapshot(root)).toEqual(before)
  })

  it('keeps the config values when run without a terminal and without options', async () => {
    const root = fork()
    const before = snapshot(root)
    const run = await charter(['init'], root)
    expect(run.stdout.split('\n')[0]).toBe(`Seed library for Example Corp in policies/: 0 created, 0 updated, ${seedCount} unchanged.`)
    expect(snapshot(root)).toEqual(before)
  })

  it('refuses to overwrite an edited seed document, writing nothing; --force replaces it', async () => {
    const root = fork()
    const edited = `${readFileSync(join(root, 'policies/access-control.md'), 'utf8')}\n## Local Addendum\n\nOur own rule.\n`
    writeFileSync(join(root, 'policies/access-control.md'), edited)
    writeFileSync(join(root, 'policies/our-own.md'), 'not a seed document\n')
    const before = snapshot(root)
    const run = await charter(['init', ...acme], root)
    expect(run.status).toBe(1)
    expect(run.stderr).toBe(
      'charter: init would overwrite 1 document that differs from the seed:\n  policies/access-control.md\nNothing was written. Pass --force to replace them with the seed, or leave them as they are and set only the values in charter.config.yaml with `charter init --config-only`.\n'
    )
    expect(snapshot(root)).toEqual(before)
    const forced = await charter(['init', ...acme, '--force'], root)
    expect(forced.status).toBe(0)
    expect(readFileSync(join(root, 'policies/access-control.md'), 'utf8')).not.toContain('Local Addendum')
    expect(readFileSync(join(root, 'policies/our-own.md'), 'utf8')).toBe('not a seed document\n')
  })

  it('asks for the values in a terminal', async () => {
    const root = fork()
    const answers = ['Initech LLC', 'Initech', 'security@initech.test', 'Security Director', '', '', '', '', '', 'We guard what customers entrust to us.'].join('\n')
    const command = `${process.execPath} ${charterBin} init --root ${root} --date 2026-06-01`
    const result = spawnSync('script', ['-qec', command, '/dev/null'], {input: `${answers}\n`, encoding: 'utf8', env: {...process.env, NO_COLOR: '1'}})
    expect(result.status).toBe(0)
    expect(result.stdout).toContain('Organization name [Example Corp]: ')
    expect(result.stdout).toContain('  security_lead [Head of Security]: ')
    // The statement offered is the seed's, for the name just given.
    expect(result.stdout).toContain('Statement [Initech LLC keeps its security policies in writing, each approved by named people and reviewed every year. This page sums up what they require of us.]: ')
    const config = readFileSync(join(root, 'charter.config.yaml'), 'utf8')
    expect(config).toContain('  name: Initech LLC\n  short_name: Initech\n  security_contact: security@initech.test\n')
    expect(config).toContain('  security_lead: Security Director\n  engineering_lead: CTO\n')
    expect(config).toContain('trust:\n  statement: We guard what customers entrust to us.\n')
    expect(readFileSync(join(root, 'policies/access-control.md'), 'utf8')).toContain('owner: Security Director\n')
  })

  it.each([
    ['owner: {{yaml roles.ciso}}', 'templates/policies/access-control.md.hbs:6:8: `{{yaml …}}` was given a value that does not exist; check the name against the values charter passes (README, "Templates")'],
    ['{{organization.nmae}}', 'templates/policies/access-control.md.hbs:6:3: unknown template value `nmae`; use one of the values charter passes (README, "Templates")']
  ])('names the template, line and column of a value that does not exist (%s), writing nothing', async (line, message) => {
    const root = fork()
    const template = join(root, 'templates/policies/access-control.md.hbs')
    const lines = readFileSync(template, 'utf8').split('\n')
    lines[5] = line
    writeFileSync(template, lines.join('\n'))
    const before = snapshot(root)
    const run = await charter(['init', ...acme], root)
    expect(run.stderr).toBe(`charter: ${message}\n`)
    expect(run.status).toBe(1)
    expect(snapshot(root)).toEqual(before)
  })

  it.each([
    [['init', '--role', 'ciso'], 'charter: init: --role expects key=title, e.g. --role security_lead=CISO; got `ciso`'],
    [['init', '--name', ' '], 'charter: init: name must not be empty'],
    [['init', 'Acme'], 'charter: init: unexpected argument `Acme`; values are given as options, see `charter init --help`']
  ])('refuses %j with exit 2 and writes nothing', async (args, message) => {
    const root = fork()
    const before = snapshot(root)
    const run = await charter(args, root)
    expect(run.stderr).toBe(`${message}\n`)
    expect(run.status).toBe(2)
    expect(snapshot(root)).toEqual(before)
  })
})

describe('charter init on a repository with policies of its own', () => {
  const advice = 'Nothing was written. To set the organization, contacts and roles in charter.config.yaml and leave policies/ as it is, run `charter init --config-only`; to convert policies kept in another folder or site, run `charter import <dir>`.'

  it('lists them and adds no seed document beside them, even with --force', async () => {
    const root = ownPolicies(topics)
    const before = snapshot(root)
    for (const args of [acme, [...acme, '--force']]) {
      const run = await charter(['init', ...args], root)
      expect(run.stderr).toBe(
        [
          `charter: init: policies/ holds 12 documents of your own and none rendered from the seed library; init would add ${seedCount} seed documents beside them:`,
          ...topics.slice(0, 10).map((topic) => `  policies/${topic}/index.md`),
          '  … and 2 more',
          advice,
          ''
        ].join('\n')
      )
      expect(run.status).toBe(1)
      expect(run.stdout).toBe('')
      expect(snapshot(root)).toEqual(before)
    }
  })

  // Ids that happen to be seed ids are documents of the repository's own too, not seed documents to overwrite.
  it('counts a document at the path of a seed document among them when it is not the seed', async () => {
    const root = ownPolicies(['incident'], {'policies/access-control.md': policy('access-control'), 'policies/backup.md': policy('backup')})
    const run = await charter(['init', ...acme], root)
    expect(run.stderr).toBe(
      [
        `charter: init: policies/ holds 3 documents of your own and none rendered from the seed library; init would add ${seedCount - 1} seed documents beside them:`,
        '  policies/access-control.md',
        '  policies/backup.md',
        '  policies/incident/index.md',
        advice,
        ''
      ].join('\n')
    )
    expect(run.status).toBe(1)
  })

  it('sets the values with --config-only, leaving the documents as they are; again, changes nothing', async () => {
    const root = ownPolicies(topics)
    const before = snapshot(root)
    const run = await charter(['init', '--config-only', ...acme.slice(0, -2)], root)
    expect(run.stderr).toBe('')
    expect(run.stdout).toBe(
      [
        'Wrote the organization and role values to charter.config.yaml; policies/ was left as it is.',
        "Removed the seed's practices and FAQ under trust: in charter.config.yaml: they describe the seed library, which policies/ does not hold; write your own there.",
        "Removed 2 certifications under trust: in charter.config.yaml, issued to Example Corp; list Acme Inc's own reports there.",
        'Next: run `charter check`, then commit.',
        ''
      ].join('\n')
    )
    expect(run.status).toBe(0)
    const after = snapshot(root)
    expect(after['charter.config.yaml']).toContain('organization:\n  name: Acme Inc\n  short_name: Acme\n  security_contact: security@acme.test\n')
    expect(after['charter.config.yaml']).toContain('  security_lead: CISO\n  engineering_lead: VP Engineering\n')
    expect(after['charter.config.yaml']).toContain('trust:\n  statement: Acme Inc keeps its security policies in writing, each approved by named people and reviewed every year. This page sums up what they require of us.\n\n')
    expect(after['charter.config.yaml']).not.toMatch(/practices:|faq:|certifications:/)
    expect({...after, 'charter.config.yaml': ''}).toEqual({...before, 'charter.config.yaml': ''})
    expect(existsSync(join(root, 'policies/access-control.md'))).toBe(false)
    const again = await charter(['init', '--config-only', ...acme.slice(0, -2)], root)
    expect(again.stdout).toBe('charter.config.yaml already had these values.\nNothing changed.\n')
    expect(snapshot(root)).toEqual(after)
  })

  // Values not given keep the defaults, as in a fork: written out, so the file shows what to change.
  it('writes a config with --config-only where there was none', async () => {
    const root = makeRepo({'policies/incident/index.md': policy('incident')})
    const run = await charter(['init', '--config-only', '--name', 'Acme Inc'], root)
    expect(run.status).toBe(0)
    expect(readFileSync(join(root, 'charter.config.yaml'), 'utf8')).toBe(
      '# Charter settings; every key is optional. See README.md, "Configuration".\n\norganization:\n  name: Acme Inc\n  short_name: Example\n  security_contact: security@example.com\nroles:\n  security_lead: Head of Security\n  engineering_lead: CTO\n  executive: CEO\n  people_lead: Head of People\n  it_lead: IT Manager\n  legal_lead: Legal Counsel\ntrust:\n  statement: Acme Inc keeps its security policies in writing, each approved by named people and reviewed every year. This page sums up what they require of us.\n'
    )
  })

  it.each([
    [['--config-only', '--force'], 'charter: init: --force is about the seed documents, and --config-only writes none; leave out one of the two'],
    [['--config-only', '--date', '2026-06-01'], 'charter: init: --date is about the seed documents, and --config-only writes none; leave out one of the two']
  ])('refuses %j with exit 2 and writes nothing', async (args, message) => {
    const root = ownPolicies(['incident'])
    const before = snapshot(root)
    const run = await charter(['init', ...args], root)
    expect(run.stderr).toBe(`${message}\n`)
    expect(run.status).toBe(2)
    expect(snapshot(root)).toEqual(before)
  })
})
