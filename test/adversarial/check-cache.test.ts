// The check cache as an attacker would use it: a corrupt file, another build's file, a file of
// the wrong shape, a link, a cache folder planted inside the repository. Each is ignored, never
// trusted: the check gives exactly what a check without the cache gives.
import {existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {policy} from '../fixtures/documents'
import {charter, makeRepo} from '../helpers'
import {cacheFileIn} from '../fixtures/check-cache'

const args = ['check', '--today', '2026-06-01', '--format', 'json']
const library = {'policies/alpha.md': policy('alpha', {last_reviewed: '2025-01-10'}), 'policies/beta.md': policy('beta')}
const planted = (text: string) => text.replaceAll('Unexpected last_reviewed', 'Planted: last_reviewed')

/** A repository checked once (so its cache file exists), the cold report, and the cache file. */
async function checkedOnce() {
  const root = makeRepo(library)
  const cacheDir = makeRepo({})
  const cold = await charter(args, root, {CHARTER_CACHE_DIR: cacheDir})
  expect(cold.stdout).toContain('Unexpected last_reviewed')
  return {root, cacheDir, cold, file: cacheFileIn(cacheDir)}
}

describe('a cache that is not to be trusted is ignored', () => {
  it('a corrupt file, which the next check replaces', async () => {
    const {root, cacheDir, cold, file} = await checkedOnce()
    writeFileSync(file, planted(readFileSync(file, 'utf8')).slice(0, 200))
    expect(await charter(args, root, {CHARTER_CACHE_DIR: cacheDir})).toEqual(cold)
    expect(() => JSON.parse(readFileSync(file, 'utf8'))).not.toThrow()
  })

  it("another build's file", async () => {
    const {root, cacheDir, cold, file} = await checkedOnce()
    const cache = JSON.parse(planted(readFileSync(file, 'utf8')))
    writeFileSync(file, JSON.stringify({...cache, program: 'another-build'}))
    expect(await charter(args, root, {CHARTER_CACHE_DIR: cacheDir})).toEqual(cold)
  })

  it('a file with one entry of the wrong shape: none of its entries is used', async () => {
    const {root, cacheDir, cold, file} = await checkedOnce()
    const cache = JSON.parse(planted(readFileSync(file, 'utf8')))
    const [first] = Object.keys(cache.entries)
    cache.entries[first!].messages.push({reason: 42, fatal: false})
    writeFileSync(file, JSON.stringify(cache))
    expect(await charter(args, root, {CHARTER_CACHE_DIR: cacheDir})).toEqual(cold)
  })

  it('a key that is not a hash', async () => {
    const {root, cacheDir, cold, file} = await checkedOnce()
    const cache = JSON.parse(planted(readFileSync(file, 'utf8')))
    cache.entries['../../etc/passwd'] = Object.values(cache.entries)[0]
    writeFileSync(file, JSON.stringify(cache))
    expect(await charter(args, root, {CHARTER_CACHE_DIR: cacheDir})).toEqual(cold)
  })

  it('a link in place of the file is not followed', async () => {
    const {root, cacheDir, cold, file} = await checkedOnce()
    const elsewhere = join(makeRepo({}), 'check.json')
    writeFileSync(elsewhere, planted(readFileSync(file, 'utf8')))
    rmSync(file)
    symlinkSync(elsewhere, file)
    expect(await charter(args, root, {CHARTER_CACHE_DIR: cacheDir})).toEqual(cold)
  })

  it('a cache folder inside the repository, where a pull request could plant one, is neither read nor written', async () => {
    const root = makeRepo(library)
    mkdirSync(join(root, '.git'))
    const cold = await charter([...args, '--no-cache'], root)
    const inside = join(root, '.cache')
    const run = await charter(args, root, {CHARTER_CACHE_DIR: inside})
    expect(run).toEqual({
      ...cold,
      stderr: `charter: not using the cache folder ${inside}: it lies inside the repository, where a pull request could plant answers; set CHARTER_CACHE_DIR to a folder outside it\n`
    })
    expect(existsSync(inside)).toBe(false)
  })
})
