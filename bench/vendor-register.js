// A generated vendor register for the benches: `count` vendor files across every tier and status,
// with SOC 2 reports, ISO certificates, questionnaires, CUECs, findings, contracts and offboarding,
// the same files for the same count and day. Current as of `today`, with a few reviews and findings
// inside the warn window, so a check reports warnings and no error, as a register kept up to date
// would; or, with `warnings: false`, none.
import {mkdirSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'

/** A small seeded generator (mulberry32): the same sequence on every run and every Node. */
function seeded(seed) {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let mixed = Math.imul(state ^ (state >>> 15), 1 | state)
    mixed = (mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed)) ^ mixed
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296
  }
}

const prefixes = ['Nimbus', 'Ledger', 'Quill', 'Signal', 'Harbor', 'Pixel', 'Tally', 'Keystone', 'Metric', 'Beacon', 'Cedar', 'Orbit', 'Granite', 'Willow', 'Vector', 'Summit', 'Lumen', 'Atlas', 'Copper', 'Juniper']
const suffixes = ['Forge', 'Loop', 'Mail', 'Nest', 'Stack', 'Works', 'Cloud', 'Desk', 'Pay', 'Base', 'Line', 'Hub', 'Grid', 'Vault', 'Point']
const auditors = ['Marlowe Assurance Partners', 'Halvorsen & Reed LLP', 'Nordkap Certification', 'Brightwater CPA Group', 'Castellan Audit Services', 'Ostrander & Vale']
const owners = ['CTO', 'Head of Security', 'Head of Finance', 'Head of People', 'IT Manager', 'Head of Engineering']
const places = ['United States', 'EU', 'United Kingdom', 'Canada', 'Germany', 'Ireland', 'Australia', 'Japan']
// Data categories of charter.config.yaml, by the tier each implies.
const dataByTier = {
  critical: [['customer-content'], ['customer-pii'], ['payment', 'customer-pii'], ['production-access'], ['customer-content', 'customer-pii']],
  high: [['employee-pii'], ['source-code'], ['source-code', 'internal']],
  medium: [['internal']],
  low: [['none']]
}
const services = {
  critical: ['Production hosting (compute, databases, object storage)', 'Customer support ticketing and chat', 'Card payments and subscription billing', 'Transactional email to customers', 'Error tracking with request payloads', 'Managed database backups'],
  high: ['Payroll, benefits and the HR record of every employee', 'Source code hosting, code review and CI pipelines', 'Applicant tracking for hiring', 'Single sign-on and the employee directory'],
  medium: ['Project planning and roadmaps', 'Internal wiki and meeting notes', 'Design files and prototypes', 'Company chat'],
  low: ['Company merchandise, shipped to the office only', 'Office snacks and deliveries', 'Conference booth rentals', 'Public website fonts']
}
const cuecTexts = [
  ['Customers restrict administrative access to named employees', 'Access Control Policy, quarterly access review (Head of Security)'],
  ['Customers enable multi-factor authentication for every user', 'Access Control Policy, MFA enforced through single sign-on'],
  ['Customers review the audit log for unexpected changes', 'Logging and Monitoring Standard, weekly review of the admin log'],
  ['Customers protect their default branches and require review before merging', 'Change Management Policy, branch protection with one approving review (CTO)'],
  ['Customers remove access for departing employees promptly', 'Offboarding Procedure, access removed on the last working day'],
  ['Customers classify the data they upload', 'Data Classification Policy, only internal data is stored here']
]
const findingTexts = ['No evidence of annual penetration test in the report', 'Qualified opinion on change management; follow up with the vendor', 'Bridge letter does not name the subservice organisations', 'Encryption at rest not confirmed for backups', 'Data processing addendum lacks the new transfer clauses']

const dayMs = 86_400_000
const day = (today, offset) => new Date(Date.parse(`${today}T00:00:00Z`) + offset * dayMs).toISOString().slice(0, 10)

/** One vendor file's YAML: `tier` from the index so every tier is present in the same shares at any count. */
function vendorYaml(index, random, today, warnings) {
  const pick = (list) => list[Math.floor(random() * list.length)]
  const between = (low, high) => low + Math.floor(random() * (high - low + 1))
  const tier = ['critical', 'high', 'high', 'medium', 'medium', 'medium', 'low', 'low', 'critical', 'low'][index % 10]
  const statusRoll = random()
  const status = statusRoll < 0.84 ? 'active' : statusRoll < 0.9 ? 'evaluating' : statusRoll < 0.95 ? 'offboarding' : 'retired'
  const name = `${prefixes[index % prefixes.length]}${suffixes[Math.floor(index / prefixes.length) % suffixes.length]}${index >= prefixes.length * suffixes.length ? ` ${index}` : ''}`
  const id = `${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${String(index).padStart(3, '0')}`
  const data = pick(dataByTier[tier])
  const lines = [
    `id: ${id}`,
    `name: ${name}`,
    `website: https://${id}.example`,
    `owner: ${pick(owners)}`,
    `status: ${status}`,
    `services: ${pick(services[tier])}`,
    `data: [${data.join(', ')}]`
  ]
  // A medium vendor set higher than its data implies: allowed, and reviewed on the higher cadence.
  const raised = tier === 'medium' && random() < 0.1
  if (raised) lines.push('tier: high')
  const subprocessor = data.includes('customer-pii') || data.includes('customer-content')
  if (subprocessor) lines.push('subprocessor: true')
  lines.push(`location: [${[...new Set([pick(places), ...(random() < 0.4 ? [pick(places)] : [])])].join(', ')}]`)
  if (status !== 'evaluating') {
    const assurance = []
    if (tier === 'critical' || tier === 'high') {
      // Most reports ended within the year; the rest are covered by a recent bridge letter.
      const bridged = random() < 0.2
      const periodEnd = bridged ? between(370, 420) : between(30, 330)
      const entry = [
        `  - type: ${random() < 0.9 ? 'soc2-type2' : 'soc2-type1'}`,
        `    period_start: ${day(today, -periodEnd - 364)}`,
        `    period_end: ${day(today, -periodEnd)}`,
        `    received: ${day(today, -periodEnd + between(20, 28))}`,
        `    auditor: ${pick(auditors)}`,
        `    opinion: ${random() < 0.9 ? 'unqualified' : 'qualified'}`,
        `    exceptions: ${random() < 0.7 ? 'none' : `${between(1, 3)} exceptions in logical access testing; the vendor's response says the accounts were removed`}`
      ]
      const cuecs = between(0, 5)
      if (cuecs > 0) {
        entry.push('    cuecs:')
        for (let cuec = 0; cuec < cuecs; cuec++) {
          const [control, metBy] = cuecTexts[(index + cuec) % cuecTexts.length]
          entry.push(`      - control: ${control}`, `        met_by: ${metBy}`)
        }
      }
      if (bridged) entry.push('    # The next report is due soon; the bridge letter covers the months until then.', `    bridge_letter: ${day(today, -between(5, 60))}`)
      // An earlier report stays on file as the vendor's history.
      if (random() < 0.5) assurance.push([`  - type: soc2-type2`, `    period_start: ${day(today, -periodEnd - 729)}`, `    period_end: ${day(today, -periodEnd - 365)}`, `    received: ${day(today, -periodEnd - 340)}`, `    auditor: ${pick(auditors)}`, '    opinion: unqualified', '    exceptions: none'])
      assurance.push(entry)
      if (random() < 0.25) assurance.push([`  - type: iso27001`, `    period_start: ${day(today, -between(100, 600))}`, `    period_end: ${day(today, between(200, 900))}`, `    received: ${day(today, -between(60, 90))}`, `    auditor: ${pick(auditors)}`])
    } else if (tier === 'medium' || random() < 0.3) {
      assurance.push([`  - type: questionnaire`, `    received: ${day(today, -between(20, 300))}`])
    }
    if (assurance.length > 0) lines.push('assurance:', ...assurance.flat())
    if (tier !== 'low' || random() < 0.3) {
      lines.push('contracts:', `  dpa_signed: ${day(today, -between(400, 1500))}`, `  terms_reviewed: ${day(today, -between(10, 300))}`)
    }
  }
  if (status === 'active' || status === 'offboarding' || status === 'retired') {
    const interval = raised ? 365 : {critical: 365, high: 365, medium: 730, low: 1095}[tier]
    // One in fifteen falls inside the 30-day warn window: a warning, as a live register has.
    const age = random() < 1 / 15 && warnings ? between(interval - 25, interval - 5) : between(10, interval - 40)
    lines.push(`last_reviewed: ${day(today, -age)}`, `reviewed_by: ${pick(['Head of Security', 'IT Manager', 'CTO'])}`)
  }
  if ((tier === 'critical' || tier === 'high') && status === 'active' && random() < 0.35) {
    lines.push('findings:')
    for (let finding = between(1, 3); finding > 0; finding--) {
      lines.push(`  - summary: ${pick(findingTexts)}`, `    due: ${day(today, between(warnings ? 10 : 40, 180))}`)
      if (random() < 0.4) lines.push(`    closed: ${day(today, -between(1, 9))}`)
    }
  }
  if (status === 'retired') lines.push('offboarded:', `  date: ${day(today, -between(40, 400))}`, `  data_deletion_confirmed: ${day(today, -between(5, 39))}`)
  return {id, text: `${lines.join('\n')}\n`}
}

/** Writes `count` vendor files into `<dir>/vendors/`; returns their ids. */
export function writeVendors(dir, count, today = '2026-12-01', {warnings = true} = {}) {
  const random = seeded(20261201)
  mkdirSync(join(dir, 'vendors'), {recursive: true})
  const ids = []
  for (let index = 0; index < count; index++) {
    const {id, text} = vendorYaml(index, random, today, warnings)
    writeFileSync(join(dir, 'vendors', `${id}.yaml`), text)
    ids.push(id)
  }
  return ids
}
