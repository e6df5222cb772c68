/** Benchmarked operations of `mfaCodes` and `oauthIdentities`, with their raw SQL twins. */
import { mfaCodeDigest, type NewMfaCode } from '@regstack/protocols'
import { hexId, type OpFixture, type OpSpec, peerCalls, prebuilt, tableOf } from './op-spec.js'
import { type VerifyStep, verifyStep } from './peers/peer-verify.js'
import type { RawRow } from './raw-driver.js'
import { inParallel } from './timing.js'

const HOUR_MS = 3_600_000
const RIGHT = '123456'
const RIGHT_HASH = mfaCodeDigest(RIGHT) ?? ''

const code = (fx: OpFixture, userId: string, maxAttempts: number): NewMfaCode => ({
  userId,
  kind: 'login_mfa',
  codeHash: RIGHT_HASH,
  expiresAt: new Date(fx.clock.now().getTime() + HOUR_MS),
  attempts: 0,
  maxAttempts,
  createdAt: fx.clock.now(),
})

const MFA_COLS = 'id, user_id, kind, code_hash, expires_at, attempts, max_attempts, created_at'

/** The compare-and-set the adapter's `verify` writes with: every column as it was read. */
const AS_READ =
  'id = ? and code_hash = ? and expires_at = ? and attempts = ? and max_attempts = ? and created_at = ?'
/**
 * The raw floor decides a verify as the adapter and the peers do (hash the guess, compare it in
 * constant time, check expiry and budget), so the ratio prices the adapter, not the skipped check.
 */
const rawVerifyStep = (r: RawRow, rawCode: string, now: Date): VerifyStep =>
  verifyStep(
    {
      codeHash: String(r.code_hash),
      expiresAt: Number(r.expires_at),
      attempts: Number(r.attempts),
      maxAttempts: Number(r.max_attempts),
    },
    rawCode,
    now.getTime(),
  )
const asRead = (r: RawRow): unknown[] => [
  r.id,
  r.code_hash,
  r.expires_at,
  r.attempts,
  r.max_attempts,
  r.created_at,
]

/**
 * Rows consumed one per call need one fixture per call and side, loaded 8 at a time: `a` for the
 * adapter, `b` for the raw driver, the peer's name for each peer library.
 */
export async function perCall(fx: OpFixture, make: (key: string) => Promise<unknown>): Promise<void> {
  await inParallel(fx.n, 8, (i) => make(`a${i}-${fx.tag}`))
  if (fx.raw !== undefined) await inParallel(fx.n, 8, (i) => make(`b${i}-${fx.tag}`))
  for (const name of Object.keys(fx.peers ?? {}))
    await inParallel(fx.n, 8, (i) => make(`${name}${i}-${fx.tag}`))
}

export const CODE_OPS: readonly OpSpec[] = [
  {
    id: 'mfaCodes.put',
    documentedRoundTrips: 1,
    prepare: async (fx) => {
      const t = tableOf(fx)
      const sql =
        fx.raw?.family === 'mysql'
          ? `insert into ${t('mfa_codes')} (${MFA_COLS}) values (?, ?, ?, ?, ?, ?, ?, ?) on duplicate key update ` +
            'code_hash = values(code_hash), expires_at = values(expires_at), attempts = values(attempts)'
          : `insert into ${t('mfa_codes')} (${MFA_COLS}) values (?, ?, ?, ?, ?, ?, ?, ?) on conflict (user_id, kind) ` +
            'do update set code_hash = excluded.code_hash, expires_at = excluded.expires_at, attempts = excluded.attempts'
      const mine = prebuilt(fx, (i) => code(fx, `a${i % 50}-${fx.tag}`, 5))
      const theirs = prebuilt(fx, (i) => code(fx, `b${i % 50}-${fx.tag}`, 5))
      return {
        call: (i) => fx.repos.mfaCodes.put(mine(i)),
        raw: (i) => {
          const c = theirs(i)
          const values = [c.userId, c.kind, c.codeHash, c.expiresAt.getTime(), 0, 5, c.createdAt.getTime()]
          return fx.raw!.query(sql, [hexId(), ...values])
        },
      }
    },
  },
  {
    id: 'mfaCodes.verify(wrong)',
    documentedRoundTrips: 2,
    prepare: async (fx) => {
      // A budget of guesses no run exhausts: every call is a wrong guess that is counted. Eight codes, so
      // the concurrent run measures throughput rather than compare-and-set retries on one hot row.
      for (let k = 0; k < 8; k++) {
        await fx.repos.mfaCodes.put(code(fx, `wrong${k}-${fx.tag}`, 1e12))
        await fx.repos.mfaCodes.put(code(fx, `wrongraw${k}-${fx.tag}`, 1e12))
        for (const name of Object.keys(fx.peers ?? {}))
          await fx.repos.mfaCodes.put(code(fx, `wrong${name}${k}-${fx.tag}`, 1e12))
      }
      const t = tableOf(fx)
      const find = `select * from ${t('mfa_codes')} where user_id = ? and kind = ? limit 1`
      const bump = `update ${t('mfa_codes')} set attempts = ? where ${AS_READ}`
      const mine = prebuilt(fx, (i) => ({
        userId: `wrong${i % 8}-${fx.tag}`,
        kind: 'login_mfa' as const,
        rawCode: '000000',
      }))
      const theirs = prebuilt(fx, (i) => `wrongraw${i % 8}-${fx.tag}`)
      return {
        call: (i) => fx.repos.mfaCodes.verify(mine(i)),
        raw: async (i) => {
          const [r] = await fx.raw!.query(find, [theirs(i), 'login_mfa'])
          if (r !== undefined && rawVerifyStep(r, '000000', fx.clock.now()).write === 'bump')
            await fx.raw!.query(bump, [Number(r.attempts) + 1, ...asRead(r)])
        },
        peers: peerCalls(fx, (peer, name) => {
          const keys = prebuilt(fx, (i) => `wrong${name}${i % 8}-${fx.tag}`)
          return (i) => peer.verifyMfa(keys(i), 'login_mfa', '000000', fx.clock.now())
        }),
      }
    },
  },
  {
    id: 'mfaCodes.verify(ok)',
    documentedRoundTrips: 2,
    prepare: async (fx) => {
      await perCall(fx, (key) => fx.repos.mfaCodes.put(code(fx, key, 5)))
      const t = tableOf(fx)
      const find = `select * from ${t('mfa_codes')} where user_id = ? and kind = ? limit 1`
      const del = `delete from ${t('mfa_codes')} where ${AS_READ}`
      const mine = prebuilt(fx, (i) => ({
        userId: `a${i}-${fx.tag}`,
        kind: 'login_mfa' as const,
        rawCode: RIGHT,
      }))
      const theirs = prebuilt(fx, (i) => `b${i}-${fx.tag}`)
      return {
        call: (i) => fx.repos.mfaCodes.verify(mine(i)),
        raw: async (i) => {
          const [r] = await fx.raw!.query(find, [theirs(i), 'login_mfa'])
          if (r !== undefined && rawVerifyStep(r, RIGHT, fx.clock.now()).write === 'delete')
            await fx.raw!.query(del, asRead(r))
        },
        peers: peerCalls(fx, (peer, name) => {
          const keys = prebuilt(fx, (i) => `${name}${i}-${fx.tag}`)
          return (i) => peer.verifyMfa(keys(i), 'login_mfa', RIGHT, fx.clock.now())
        }),
      }
    },
  },
  {
    id: 'mfaCodes.find',
    documentedRoundTrips: 1,
    prepare: async (fx) => {
      await fx.repos.mfaCodes.put(code(fx, `find-${fx.tag}`, 5))
      const t = tableOf(fx)
      const sql = `select * from ${t('mfa_codes')} where user_id = ? and kind = ? limit 1`
      const opts = { userId: `find-${fx.tag}`, kind: 'login_mfa' } as const
      return {
        call: () => fx.repos.mfaCodes.find(opts),
        raw: () => fx.raw!.query(sql, [opts.userId, 'login_mfa']),
      }
    },
  },
  {
    id: 'oauthIdentities.create',
    documentedRoundTrips: 1,
    prepare: async (fx) => {
      const t = tableOf(fx)
      const cols = 'id, user_id, provider, subject_id, email, linked_at, last_used_at'
      const sql = `insert into ${t('oauth_identities')} (${cols}) values (?, ?, ?, ?, ?, ?, ?)`
      const identity = (i: number, side: string) => ({
        userId: `${side}${i}-${fx.tag}`,
        provider: 'github',
        subjectId: `s${side}${i}-${fx.tag}`,
        email: null,
        linkedAt: fx.clock.now(),
        lastUsedAt: null,
      })
      const mine = prebuilt(fx, (i) => identity(i, 'a'))
      const theirs = prebuilt(fx, (i) => identity(i, 'b'))
      return {
        call: (i) => fx.repos.oauthIdentities.create(mine(i)),
        raw: (i) => {
          const r = theirs(i)
          return fx.raw!.query(sql, [
            hexId(),
            r.userId,
            'github',
            r.subjectId,
            null,
            r.linkedAt.getTime(),
            null,
          ])
        },
      }
    },
  },
  {
    id: 'oauthIdentities.findBySubject',
    documentedRoundTrips: 1,
    prepare: async (fx) => {
      const link = {
        userId: `u-${fx.tag}`,
        provider: 'github',
        subjectId: `s-${fx.tag}`,
        email: null,
        lastUsedAt: null,
      }
      await fx.repos.oauthIdentities.create({ ...link, linkedAt: fx.clock.now() })
      const t = tableOf(fx)
      const sql = `select * from ${t('oauth_identities')} where provider = ? and subject_id = ? limit 1`
      const opts = { provider: 'github', subjectId: link.subjectId }
      return {
        call: () => fx.repos.oauthIdentities.findBySubject(opts),
        raw: () => fx.raw!.query(sql, ['github', link.subjectId]),
        peers: peerCalls(fx, (peer) => () => peer.findIdentityBySubject('github', link.subjectId)),
      }
    },
  },
  {
    id: 'oauthIdentities.listForUser',
    documentedRoundTrips: 1,
    listsRows: true,
    prepare: async (fx) => {
      const userId = `u-${fx.tag}`
      for (const provider of ['github', 'google', 'apple']) {
        await fx.repos.oauthIdentities.create({
          userId,
          provider,
          subjectId: `${provider}-${fx.tag}`,
          email: null,
          linkedAt: fx.clock.now(),
          lastUsedAt: null,
        })
      }
      const t = tableOf(fx)
      const sql = `select * from ${t('oauth_identities')} where user_id = ? order by linked_at asc, id asc`
      return {
        call: () => fx.repos.oauthIdentities.listForUser(userId),
        raw: () => fx.raw!.query(sql, [userId]),
      }
    },
  },
]
