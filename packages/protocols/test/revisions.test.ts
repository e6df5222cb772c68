/** Contract revisions (CONTRACT §0.19): ids, order, and the per-revision types. */
import { describe, expect, expectTypeOf, it } from 'vitest'
import {
  CONTRACT_REVISIONS,
  type ContractRevision,
  isContractRevision,
  NEWEST_CONTRACT_REVISION,
  type OAuthState,
  type OAuthStateOf,
  type OAuthStateRepo,
  type OAuthStateRepoOf,
  type Repos,
  type ReposOf,
  revisionIncludes,
} from '../src/index.js'

describe('contract revisions', () => {
  it('lists 2026-05 and 2026-07, oldest first, the newest last', () => {
    expect(CONTRACT_REVISIONS).toEqual(['2026-05', '2026-07'])
    expect(NEWEST_CONTRACT_REVISION).toBe(CONTRACT_REVISIONS.at(-1))
    expectTypeOf<ContractRevision>().toEqualTypeOf<'2026-05' | '2026-07'>()
  })

  it('recognises only known ids', () => {
    expect(CONTRACT_REVISIONS.every(isContractRevision)).toBe(true)
    for (const bad of ['2026-06', '2026-7', '', null, 202607]) expect(isContractRevision(bad)).toBe(false)
  })

  it('orders revisions: a newer one includes every rule of an older one', () => {
    expect(revisionIncludes('2026-07', '2026-05')).toBe(true)
    expect(revisionIncludes('2026-07', '2026-07')).toBe(true)
    expect(revisionIncludes('2026-05', '2026-05')).toBe(true)
    expect(revisionIncludes('2026-05', '2026-07')).toBe(false)
  })

  it('types 2026-05 without resultWasNew and 2026-07 as the current interfaces', () => {
    expectTypeOf<OAuthStateOf<'2026-05'>>().toEqualTypeOf<Omit<OAuthState, 'resultWasNew'>>()
    expectTypeOf<OAuthStateOf<'2026-07'>>().toEqualTypeOf<OAuthState>()
    expectTypeOf<OAuthStateRepoOf<'2026-07'>>().toEqualTypeOf<OAuthStateRepo>()
    expectTypeOf<ReposOf<'2026-07'>['oauthStates']>().toEqualTypeOf<Repos['oauthStates']>()
    // A 2026-05 repository (no wasNew, no resultWasNew) is still a valid ReposOf<'2026-05'>.
    const seed: OAuthStateRepoOf<'2026-05'> = {
      create: async () => {},
      find: async () => null,
      setResultToken: async (
        _id: string,
        _token: string,
        _opts?: { newExpiresAt?: Date | null } | null,
      ) => {},
      consume: async () => null,
      purgeExpired: async () => 0,
    }
    expect(typeof seed.setResultToken).toBe('function')
  })
})
