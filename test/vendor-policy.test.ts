// The vendor management policy states the tiers, the data that sets each one, the review
// intervals and how long a report stays current; the config is what `charter check` enforces.
// The two must say the same thing, in the shipped policy and in the seed template forks render.
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {loadConfig} from '../scripts/load/config'
import {ruleIds} from '../scripts/lint/run'
import {readVendorRegister} from '../scripts/load/vendor-register'
import {effectiveTier, vendorTiers} from '../scripts/model/vendor'
import {projectRoot} from './helpers'

const config = loadConfig(projectRoot, 'charter.config.yaml', ruleIds).config!

/** What the policy text says about tiers, intervals and assurance, read from its table and sentences. */
function policyTerms(text: string) {
  const table = text.slice(text.indexOf('### Risk Tiers'), text.indexOf('### Due Diligence'))
  const rows = table.split('\n').filter((line) => line.startsWith('| ') && !line.startsWith('| Tier') && !line.startsWith('| ---'))
  const tiers = rows.map((row) => row.split('|')[1]!.trim().toLowerCase())
  const categories = Object.fromEntries(rows.map((row) => [row.split('|')[1]!.trim().toLowerCase(), [...row.split('|')[2]!.matchAll(/`([^`]+)`/g)].map((match) => match[1])]))
  const review = /critical vendors at least once every (\d+ months), high vendors every (\d+ months), medium vendors every (\d+ months), and low vendors every (\d+ months)/.exec(text)
  const assurance = /For (\w+) and (\w+) vendors in use, a SOC 2 report counts as current for (\d+ months) after its period ends\. After that, only a bridge letter less than (\d+ months) old/.exec(text)
  return {tiers, categories, review: review?.slice(1), assurance: assurance?.slice(1)}
}

describe.each(['policies/vendor-management.md', 'templates/policies/vendor-management.md.hbs'])('%s', (path) => {
  const terms = policyTerms(readFileSync(join(projectRoot, path), 'utf8'))

  it('names the tiers the register uses, highest first', () => {
    expect(terms.tiers).toEqual(vendorTiers)
  })

  it('lists, for each tier, exactly the data categories the config gives that tier', () => {
    const byTier = Object.fromEntries(vendorTiers.map((tier) => [tier, Object.keys(config.vendors.data_categories).filter((category) => config.vendors.data_categories[category] === tier)]))
    expect(terms.categories).toEqual(byTier)
  })

  it('states the review interval of each tier as the config sets it', () => {
    expect(terms.review).toEqual(vendorTiers.map((tier) => config.vendors.review_interval[tier]))
  })

  it('states which tiers need current assurance, and for how long a report and a bridge letter count', () => {
    expect(terms.assurance).toEqual([...config.vendors.assurance.tiers, config.vendors.assurance.max_age, config.vendors.assurance.bridge_letter_max_age])
  })
})

describe('the seed register', () => {
  it('holds vendors of every tier and status, each file without a problem', () => {
    const register = readVendorRegister(projectRoot, config)
    expect(register.files.flatMap((file) => file.problems)).toEqual([])
    expect(register.files.length).toBeGreaterThanOrEqual(12)
    expect(new Set(register.files.map((file) => effectiveTier(file.vendor, config)))).toEqual(new Set(vendorTiers))
    expect(new Set(register.files.map((file) => file.vendor.status))).toEqual(new Set(['active', 'evaluating', 'retired']))
  })
})
