import { describe, expect, it } from 'vitest'
import { FrozenClock, guardRepos, type MfaKind } from '../src/index.js'
import { expectRejectsInvalid } from './support/expect-invalid.js'
import {
  newPending,
  storedIdentity,
  storedMfaCode,
  storedPending,
  storedState,
  T0,
  T1,
} from './support/fixtures.js'
import { createRecordingRepos } from './support/recording-repos.js'

function setup() {
  const rec = createRecordingRepos()
  const clock = new FrozenClock(T0)
  return { rec, clock, repos: guardRepos(rec.repos, { clock }) }
}

describe('guardRepos: pending', () => {
  it('answers nothing for unmatchable token hashes and emails', async () => {
    const { rec, repos } = setup()
    expect(await repos.pending.findByTokenHash('a'.repeat(65))).toBeNull()
    expect(await repos.pending.findByEmail('\uDC00')).toBeNull()
    await repos.pending.deleteByEmail('x'.repeat(321))
    expect(rec.calls).toEqual([])
    await expectRejectsInvalid(() => repos.pending.findByTokenHash(['a'] as unknown as string), 'tokenHash')
  })

  it('returns fresh copies of found rows and upserted rows', async () => {
    const { rec, repos } = setup()
    const row = storedPending()
    rec.answer('pending.findByEmail', () => row)
    const found = await repos.pending.findByEmail(row.email)
    expect(found).toEqual(row)
    expect(found).not.toBe(row)
    expect(found?.expiresAt).not.toBe(row.expiresAt)
    expect(await repos.pending.upsert({ ...newPending(), id: 'x' } as never)).toEqual(storedPending())
    expect(rec.calls[1]?.args[0]).toEqual(newPending())
  })

  it('defaults every omitted now to the clock, and validates given ones', async () => {
    const { rec, clock, repos } = setup()
    await repos.pending.purgeExpired()
    clock.advance(1000)
    await repos.pending.countUnexpired(null)
    await repos.pending.purgeExpired(new Date(T1))
    expect(rec.calls.map((c) => c.args)).toEqual([
      [new Date(T0)],
      [new Date(T0.getTime() + 1000)],
      [new Date(T1)],
    ])
    await expectRejectsInvalid(() => repos.pending.purgeExpired(new Date(Number.NaN)), 'now')
    await expectRejectsInvalid(() => repos.pending.countUnexpired('2025-01-01' as unknown as Date), 'now')
  })
})

describe('guardRepos: blacklist', () => {
  it('revoke validates the written jti and exp', async () => {
    const { rec, repos } = setup()
    await repos.blacklist.revoke('j'.repeat(64), new Date(T1))
    await expectRejectsInvalid(() => repos.blacklist.revoke('j'.repeat(65), new Date(T1)), 'jti')
    await expectRejectsInvalid(() => repos.blacklist.revoke('j\uD800', new Date(T1)), 'jti')
    await expectRejectsInvalid(() => repos.blacklist.revoke('j', new Date(8.64e15)), 'exp')
    expect(rec.calls).toEqual([{ method: 'blacklist.revoke', args: ['j'.repeat(64), new Date(T1)] }])
  })

  it('isRevoked is false for an unmatchable jti without asking the adapter', async () => {
    const { rec, repos } = setup()
    expect(await repos.blacklist.isRevoked('j'.repeat(65))).toBe(false)
    expect(await repos.blacklist.isRevoked('j')).toBe(true)
    expect(rec.calls).toHaveLength(1)
    await expectRejectsInvalid(() => repos.blacklist.isRevoked({ $exists: true } as unknown as string), 'jti')
  })
})

describe('guardRepos: attempts', () => {
  it('recordFailure resolves { when, ip } reading the clock once', async () => {
    const { rec, repos } = setup()
    let reads = 0
    const clock = {
      now: () => {
        reads++
        return new Date(T0)
      },
    }
    const guarded = guardRepos(rec.repos, { clock })
    await guarded.attempts.recordFailure('a@x.io')
    expect(reads).toBe(1)
    await guarded.attempts.recordFailure('a@x.io', { when: new Date(T1), ip: '10.0.0.1' })
    expect(reads).toBe(1)
    await repos.attempts.recordFailure('b@x.io', { when: null, ip: null })
    expect(rec.calls.map((c) => c.args)).toEqual([
      ['a@x.io', { when: new Date(T0), ip: null }],
      ['a@x.io', { when: new Date(T1), ip: '10.0.0.1' }],
      ['b@x.io', { when: new Date(T0), ip: null }],
    ])
  })

  it('recordFailure validates the written email and ip', async () => {
    const { rec, repos } = setup()
    await expectRejectsInvalid(() => repos.attempts.recordFailure('x'.repeat(321)), 'email')
    await expectRejectsInvalid(() => repos.attempts.recordFailure('a', { ip: 'i'.repeat(65) }), 'ip')
    await expectRejectsInvalid(() => repos.attempts.recordFailure('a', { ip: 7 as unknown as string }), 'ip')
    await expectRejectsInvalid(() => repos.attempts.recordFailure('a', 'opts' as never), 'opts')
    expect(rec.calls).toEqual([])
  })

  it('countRecent validates everything, then answers 0 for an unmatchable email', async () => {
    const { rec, repos } = setup()
    const now = new Date(T1)
    await expectRejectsInvalid(() => repos.attempts.countRecent('a\u0000', { windowMs: -1, now }), 'windowMs')
    await expectRejectsInvalid(
      () => repos.attempts.countRecent('a', { windowMs: 1, now: undefined as unknown as Date }),
      'now',
    )
    await expectRejectsInvalid(() => repos.attempts.countRecent('a', undefined as never), 'opts')
    expect(await repos.attempts.countRecent('a\u0000', { windowMs: 60_000, now })).toBe(0)
    expect(rec.calls).toEqual([])
    expect(await repos.attempts.countRecent('a', { windowMs: 60_000, now })).toBe(5)
    expect(rec.calls[0]?.args).toEqual(['a', { windowMs: 60_000, now }])
  })

  it('clear and purgeExpired', async () => {
    const { rec, repos } = setup()
    await repos.attempts.clear('x'.repeat(321))
    expect(rec.calls).toEqual([])
    await expectRejectsInvalid(() => repos.attempts.purgeExpired(undefined as unknown as Date, 1), 'now')
    await expectRejectsInvalid(() => repos.attempts.purgeExpired(new Date(T0), 0.5), 'windowMs')
    expect(await repos.attempts.purgeExpired(new Date(T0), 0)).toBe(6)
  })
})

describe('guardRepos: mfaCodes', () => {
  it('verify answers missing for an unmatchable userId, after validating kind and rawCode', async () => {
    const { rec, repos } = setup()
    const far = 'u'.repeat(37)
    expect(await repos.mfaCodes.verify({ userId: far, kind: 'login_mfa', rawCode: '1' })).toEqual({
      outcome: 'missing',
      attemptsRemaining: 0,
    })
    await expectRejectsInvalid(
      () => repos.mfaCodes.verify({ userId: far, kind: 'sms' as MfaKind, rawCode: '1' }),
      'kind',
    )
    await expectRejectsInvalid(
      () => repos.mfaCodes.verify({ userId: far, kind: 'login_mfa', rawCode: 1 as never }),
      'rawCode',
    )
    await expectRejectsInvalid(() => repos.mfaCodes.verify(null as never), 'opts')
    expect(rec.calls).toEqual([])
  })

  it('verify never short-circuits on rawCode: an impossible code is an ordinary wrong guess', async () => {
    const { rec, repos } = setup()
    const rawCode = `\uD800\u0000${'9'.repeat(5000)}`
    expect(await repos.mfaCodes.verify({ userId: 'u1', kind: 'login_mfa', rawCode })).toEqual({
      outcome: 'wrong',
      attemptsRemaining: 2,
    })
    expect(rec.calls[0]?.args).toEqual([{ userId: 'u1', kind: 'login_mfa', rawCode }])
  })

  it('isStorableId does not apply to MfaCode.userId, a plain stored string', async () => {
    const rec = createRecordingRepos()
    const repos = guardRepos(rec.repos, { clock: new FrozenClock(T0), isStorableId: () => false })
    expect(await repos.mfaCodes.find({ userId: '', kind: 'phone_setup' })).toEqual(storedMfaCode())
    expect(rec.calls).toHaveLength(1)
  })

  it('delete passes kind only when given (null/undefined mean all kinds)', async () => {
    const { rec, repos } = setup()
    await repos.mfaCodes.delete({ userId: 'u1' })
    await repos.mfaCodes.delete({ userId: 'u1', kind: null })
    await repos.mfaCodes.delete({ userId: 'u1', kind: 'phone_setup' })
    await repos.mfaCodes.delete({ userId: 'u'.repeat(37), kind: 'phone_setup' })
    expect(rec.calls.map((c) => c.args[0])).toEqual([
      { userId: 'u1' },
      { userId: 'u1' },
      { userId: 'u1', kind: 'phone_setup' },
    ])
    await expectRejectsInvalid(
      () => repos.mfaCodes.delete({ userId: 'u'.repeat(37), kind: 'x' as MfaKind }),
      'kind',
    )
  })

  it('find requires a kind and returns a fresh copy', async () => {
    const { rec, repos } = setup()
    await expectRejectsInvalid(() => repos.mfaCodes.find({ userId: 'u1' } as never), 'kind')
    const row = storedMfaCode()
    rec.answer('mfaCodes.find', () => row)
    const found = await repos.mfaCodes.find({ userId: 'u1', kind: 'login_mfa' })
    expect(found).toEqual(row)
    expect(found?.createdAt).not.toBe(row.createdAt)
  })
})

describe('guardRepos: oauthIdentities', () => {
  it('lookups with unmatchable keys answer nothing, after validating every argument', async () => {
    const { rec, repos } = setup()
    const p33 = 'p'.repeat(33)
    expect(await repos.oauthIdentities.findBySubject({ provider: p33, subjectId: 's' })).toBeNull()
    expect(
      await repos.oauthIdentities.findBySubject({ provider: 'p', subjectId: 's'.repeat(256) }),
    ).toBeNull()
    expect(await repos.oauthIdentities.listForUser('u'.repeat(37))).toEqual([])
    expect(await repos.oauthIdentities.delete({ userId: 'u', provider: p33 })).toBe(false)
    expect(await repos.oauthIdentities.deleteByUserId('\uD800')).toBe(0)
    await repos.oauthIdentities.touchLastUsed({ provider: p33, subjectId: 's', when: new Date(T1) })
    await expectRejectsInvalid(
      () =>
        repos.oauthIdentities.touchLastUsed({ provider: p33, subjectId: 's', when: new Date(Number.NaN) }),
      'when',
    )
    await expectRejectsInvalid(
      () => repos.oauthIdentities.findBySubject({ provider: 'p' } as never),
      'subjectId',
    )
    expect(rec.calls).toEqual([])
  })

  it('copies listForUser arrays and rows', async () => {
    const { rec, repos } = setup()
    const rows = [storedIdentity(), { ...storedIdentity(), id: 'i2', lastUsedAt: new Date(T1) }]
    rec.answer('oauthIdentities.listForUser', () => rows)
    const out = await repos.oauthIdentities.listForUser('u1')
    expect(out).toEqual(rows)
    expect(out).not.toBe(rows)
    expect(out[1]?.lastUsedAt).not.toBe(rows[1]?.lastUsedAt)
  })
})

describe('guardRepos: oauthStates', () => {
  it('setResultToken validates the token before the unmatchable-id no-op', async () => {
    const { rec, repos } = setup()
    await expectRejectsInvalid(() => repos.oauthStates.setResultToken('s'.repeat(65), 5 as never), 'token')
    await expectRejectsInvalid(() => repos.oauthStates.setResultToken('s', 't'.repeat(4097)), 'token')
    await expectRejectsInvalid(
      () => repos.oauthStates.setResultToken('s', 't', { newExpiresAt: new Date(-1) }),
      'newExpiresAt',
    )
    await repos.oauthStates.setResultToken('s'.repeat(65), 't')
    expect(rec.calls).toEqual([])
  })

  it('setResultToken passes { newExpiresAt } only when given and wasNew always (false when not given)', async () => {
    const { rec, repos } = setup()
    await repos.oauthStates.setResultToken('s', 't')
    await repos.oauthStates.setResultToken('s', 't', { newExpiresAt: null, wasNew: null })
    await repos.oauthStates.setResultToken('s', 't', { newExpiresAt: new Date(T1) })
    await repos.oauthStates.setResultToken('s', 't', { wasNew: true })
    expect(rec.calls.map((c) => c.args)).toEqual([
      ['s', 't', { wasNew: false }],
      ['s', 't', { wasNew: false }],
      ['s', 't', { newExpiresAt: new Date(T1), wasNew: false }],
      ['s', 't', { wasNew: true }],
    ])
  })

  it('setResultToken rejects a wasNew that is not a boolean, before the unmatchable-id no-op', async () => {
    const { rec, repos } = setup()
    for (const bad of ['true', 1, 0, {}, []]) {
      await expectRejectsInvalid(
        () => repos.oauthStates.setResultToken('s'.repeat(65), 't', { wasNew: bad as never }),
        'wasNew',
      )
    }
    expect(rec.calls).toEqual([])
  })

  it('an empty or over-long state id matches nothing; create rejects an empty id', async () => {
    const { rec, repos } = setup()
    expect(await repos.oauthStates.find('')).toBeNull()
    expect(await repos.oauthStates.consume('s'.repeat(65))).toBeNull()
    await expectRejectsInvalid(() => repos.oauthStates.create({ ...storedState(), id: '' }), 'id')
    expect(rec.calls).toEqual([])
  })

  it('consume returns a fresh copy of the row', async () => {
    const { rec, repos } = setup()
    const row = { ...storedState(), resultToken: 'jwt', internal: true }
    rec.answer('oauthStates.consume', () => row)
    const out = await repos.oauthStates.consume('state-1')
    expect(out).toEqual({ ...storedState(), resultToken: 'jwt' })
    expect(out?.expiresAt).not.toBe(row.expiresAt)
  })
})

describe('guardRepos: wiring', () => {
  it('requires a clock', () => {
    const rec = createRecordingRepos()
    expect(() => guardRepos(rec.repos, {} as never)).toThrow(TypeError)
  })
})
