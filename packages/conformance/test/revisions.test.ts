/**
 * Contract revisions through the runner (CONTRACT §0.19): a target is checked against the revision it
 * declares; an adapter written for 2026-05 passes 2026-05 and, checked against 2026-07, fails exactly
 * the checks new in 2026-07, each saying so.
 */
import type { OAuthStateOf, OAuthStateRepoOf, Repos, ReposOf } from '@regstack/protocols'
import { describe, expect, it } from 'vitest'
import { createMemoryRepos } from '../../adapter-memory/src/index.js'
import { ALL_CHECKS } from '../src/checks/index.js'
import {
  checkConformance,
  type MakeRepos,
  toBadge,
  toJUnitXml,
  toMarkdown,
  validateReport,
} from '../src/index.js'

/** Strips what 2026-07 added, as an adapter written before it would answer. */
function seedState<T>(state: T): T {
  // Hostile inputs (undefined, strings, …) pass through untouched: the guard underneath rejects them.
  if (state === null || typeof state !== 'object') return state
  const { resultWasNew: _dropped, ...rest } = state as T & { resultWasNew?: unknown }
  return rest as T
}

/**
 * The memory adapter as a 2026-05 adapter: states without `resultWasNew`, `setResultToken` that knows
 * only `newExpiresAt` (a `wasNew` is ignored, as an adapter that never heard of it would).
 */
function seedRepos(repos: Repos): ReposOf<'2026-05'> {
  const states = repos.oauthStates
  const oauthStates: OAuthStateRepoOf<'2026-05'> = {
    create: (state) => states.create(seedState(state)),
    find: async (id) => seedState(await states.find(id)) as OAuthStateOf<'2026-05'> | null,
    setResultToken: (id, token, opts) =>
      states.setResultToken(
        id,
        token,
        opts === undefined || opts === null ? opts : { newExpiresAt: opts.newExpiresAt },
      ),
    consume: async (id) => seedState(await states.consume(id)) as OAuthStateOf<'2026-05'> | null,
    purgeExpired: (now) => states.purgeExpired(now),
  }
  return { ...repos, oauthStates }
}

const seedAdapter: MakeRepos = ({ clock }) => ({
  repos: seedRepos(createMemoryRepos({ clock })),
  revision: '2026-05',
})

const NEW_IN_2026_07 = ALL_CHECKS.filter((c) => c.since === '2026-07')
  .map((c) => c.id)
  .sort()

// Enough generated cases to catch every rule, few enough for a quick file.
const options = { name: 'seed-memory', numRuns: 15 }

describe('contract revisions', () => {
  it('has checks new in 2026-07, and every other check belongs to 2026-05', () => {
    expect(NEW_IN_2026_07.length).toBeGreaterThanOrEqual(5)
    expect(ALL_CHECKS.every((c) => c.since === undefined || c.since === '2026-07')).toBe(true)
  })

  it('a 2026-05 adapter that declares 2026-05 is certified against 2026-05, and the report says so', async () => {
    const report = await checkConformance(seedAdapter, options)
    expect(report.summary.failed, JSON.stringify(report.checks.filter((c) => c.status !== 'passed'))).toBe(0)
    expect(report).toMatchObject({ certified: true, revision: { id: '2026-05', declared: '2026-05' } })
    expect(report.revision?.message).toBeUndefined()
    expect(report.checks.some((c) => c.since === '2026-07')).toBe(false)
    expect(report.checks.every((c) => c.since === '2026-05')).toBe(true)
    expect(validateReport(report)).toEqual([])
    expect(toBadge(report).label).toBe('regstack storage 2026-05')
    expect(toMarkdown(report)).toContain('regstack storage 2026-05: Certified')
    expect(toJUnitXml(report)).toContain('regstack conformance 2026-05: seed-memory')
  }, 120_000)

  it('checked against 2026-07, the same adapter fails exactly the checks new in 2026-07, each saying so', async () => {
    const report = await checkConformance(seedAdapter, { ...options, revision: '2026-07' })
    const failed = report.checks.filter((c) => c.status !== 'passed')
    expect(failed.map((c) => c.id).sort()).toEqual(NEW_IN_2026_07)
    for (const check of failed) {
      expect(check.status).toBe('failed')
      expect(check.failure?.message).toMatch(
        /^new in 2026-07 \(the target declares 2026-05, which does not have this rule\): /,
      )
    }
    expect(report).toMatchObject({ certified: false, revision: { id: '2026-07', declared: '2026-05' } })
    expect(report.revision?.message).toContain('declares contract revision 2026-05')
    expect(toBadge(report)).toMatchObject({ label: 'regstack storage 2026-07', color: 'red' })
  }, 120_000)

  it('an adapter implementing 2026-07 is certified against both revisions', async () => {
    const current: MakeRepos = ({ clock }) => ({ repos: createMemoryRepos({ clock }), revision: '2026-07' })
    const newest = await checkConformance(current, options)
    expect(newest).toMatchObject({ certified: true, revision: { id: '2026-07', declared: '2026-07' } })
    expect(toMarkdown(newest)).toContain('regstack storage 2026-07: Certified')
    const seed = await checkConformance(current, { ...options, revision: '2026-05' })
    expect(seed).toMatchObject({ certified: true, revision: { id: '2026-05', declared: '2026-07' } })
  }, 240_000)

  it('a target that declares no revision is checked against the newest, and the report says why', async () => {
    const report = await checkConformance(({ clock }) => ({ repos: createMemoryRepos({ clock }) }), {
      ...options,
      areas: ['oauthStates'],
    })
    expect(report.revision).toMatchObject({ id: '2026-07', declared: null })
    expect(report.revision?.message).toMatch(
      /declares no contract revision; checking against the newest, 2026-07/,
    )
    expect(report.checks.some((c) => c.since === '2026-07')).toBe(true)
  }, 60_000)

  it('an unknown declared revision stops the run with an error naming the known ones', async () => {
    const report = await checkConformance(
      ({ clock }) => ({ repos: createMemoryRepos({ clock }), revision: '2026-06' as never }),
      options,
    )
    expect(report.error?.message).toMatch(/revision "2026-06"; known revisions: 2026-05, 2026-07/)
    expect(report.certified).toBe(false)
  })

  it('an unknown requested revision is a usage error', async () => {
    await expect(checkConformance(seedAdapter, { revision: '2025-01' as never })).rejects.toThrow(TypeError)
  })
})
