/** Benchmarked operations of `mfaCodes`, `oauthIdentities`, `oauthStates` and a purge, with raw SQL twins. */
import { mfaCodeDigest, type NewMfaCode, type NewOAuthState } from '@regstack/protocols'
import { hexId, type OpFixture, type OpSpec, tableOf } from './op-spec.js'
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
const AS_READ = 'id = ? and code_hash = ? and expires_at = ? and attempts = ? and max_attempts = ? and created_at = ?'
const asRead = (r: RawRow): unknown[] => [r.id, r.code_hash, r.expires_at, r.attempts, r.max_attempts, r.created_at]

/** Rows consumed one per call need one fixture per call and side, loaded 8 at a time. */
async function perCall(fx: OpFixture, make: (key: string) => Promise<unknown>): Promise<void> {
  await inParallel(fx.n, 8, (i) => make(`a${i}-${fx.tag}`))
  if (fx.raw !== undefined) await inParallel(fx.n, 8, (i) => make(`b${i}-${fx.tag}`))
}

const state = (fx: OpFixture, id: string): NewOAuthState => ({
  id,
  provider: 'github',
  codeVerifier: 'v'.repeat(64),
  nonce: 'n'.repeat(32),
  redirectTo: 'https://app.example/after',
  mode: 'signin',
  linkingUserId: null,
  createdAt: fx.clock.now(),
  expiresAt: new Date(fx.clock.now().getTime() + HOUR_MS),
  resultToken: null,
})

const STATE_COLS =
  'id, provider, code_verifier, nonce, redirect_to, mode, linking_user_id, created_at, expires_at, result_token'

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
      return {
        call: (i) => fx.repos.mfaCodes.put(code(fx, `a${i % 50}-${fx.tag}`, 5)),
        raw: (i) => {
          const c = code(fx, `b${i % 50}-${fx.tag}`, 5)
          const now = fx.clock.now().getTime()
          return fx.raw!.query(sql, [hexId(), c.userId, c.kind, c.codeHash, now + HOUR_MS, 0, 5, now])
        },
      }
    },
  },
  {
    id: 'mfaCodes.verify(wrong)',
    documentedRoundTrips: 2,
    prepare: async (fx) => {
      // A budget of guesses no run exhausts: every call is a wrong guess that is counted.
      await fx.repos.mfaCodes.put(code(fx, `wrong-${fx.tag}`, 1e12))
      await fx.repos.mfaCodes.put(code(fx, `wrong-raw-${fx.tag}`, 1e12))
      const t = tableOf(fx)
      const find = `select * from ${t('mfa_codes')} where user_id = ? and kind = ? limit 1`
      const bump = `update ${t('mfa_codes')} set attempts = ? where ${AS_READ}`
      return {
        call: () => fx.repos.mfaCodes.verify({ userId: `wrong-${fx.tag}`, kind: 'login_mfa', rawCode: '000000' }),
        raw: async () => {
          const [r] = await fx.raw!.query(find, [`wrong-raw-${fx.tag}`, 'login_mfa'])
          if (r !== undefined) await fx.raw!.query(bump, [Number(r.attempts) + 1, ...asRead(r)])
        },
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
      return {
        call: (i) => fx.repos.mfaCodes.verify({ userId: `a${i}-${fx.tag}`, kind: 'login_mfa', rawCode: RIGHT }),
        raw: async (i) => {
          const [r] = await fx.raw!.query(find, [`b${i}-${fx.tag}`, 'login_mfa'])
          if (r !== undefined) await fx.raw!.query(del, asRead(r))
        },
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
      return {
        call: () => fx.repos.mfaCodes.find({ userId: `find-${fx.tag}`, kind: 'login_mfa' }),
        raw: () => fx.raw!.query(sql, [`find-${fx.tag}`, 'login_mfa']),
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
      return {
        call: (i) =>
          fx.repos.oauthIdentities.create({
            userId: `a${i}-${fx.tag}`,
            provider: 'github',
            subjectId: `sa${i}-${fx.tag}`,
            email: null,
            linkedAt: fx.clock.now(),
            lastUsedAt: null,
          }),
        raw: (i) =>
          fx.raw!.query(sql, [hexId(), `b${i}-${fx.tag}`, 'github', `sb${i}-${fx.tag}`, null, fx.clock.now().getTime(), null]),
      }
    },
  },
  {
    id: 'oauthIdentities.findBySubject',
    documentedRoundTrips: 1,
    prepare: async (fx) => {
      const link = { userId: `u-${fx.tag}`, provider: 'github', subjectId: `s-${fx.tag}`, email: null, lastUsedAt: null }
      await fx.repos.oauthIdentities.create({ ...link, linkedAt: fx.clock.now() })
      const t = tableOf(fx)
      const sql = `select * from ${t('oauth_identities')} where provider = ? and subject_id = ? limit 1`
      return {
        call: () => fx.repos.oauthIdentities.findBySubject({ provider: 'github', subjectId: link.subjectId }),
        raw: () => fx.raw!.query(sql, ['github', link.subjectId]),
      }
    },
  },
  {
    id: 'oauthIdentities.listForUser',
    documentedRoundTrips: 1,
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
      return { call: () => fx.repos.oauthIdentities.listForUser(userId), raw: () => fx.raw!.query(sql, [userId]) }
    },
  },
  {
    id: 'oauthStates.create',
    documentedRoundTrips: 1,
    prepare: async (fx) => {
      const t = tableOf(fx)
      const sql = `insert into ${t('oauth_states')} (${STATE_COLS}) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
      return {
        call: (i) => fx.repos.oauthStates.create(state(fx, `a${i}-${fx.tag}`)),
        raw: (i) => {
          const s = state(fx, `b${i}-${fx.tag}`)
          const values = [s.id, s.provider, s.codeVerifier, s.nonce, s.redirectTo, s.mode, null]
          return fx.raw!.query(sql, [...values, s.createdAt.getTime(), s.expiresAt.getTime(), null])
        },
      }
    },
  },
  {
    id: 'oauthStates.find',
    documentedRoundTrips: 1,
    prepare: async (fx) => {
      await fx.repos.oauthStates.create(state(fx, `find-${fx.tag}`))
      const t = tableOf(fx)
      return {
        call: () => fx.repos.oauthStates.find(`find-${fx.tag}`),
        raw: () => fx.raw!.query(`select * from ${t('oauth_states')} where id = ? limit 1`, [`find-${fx.tag}`]),
      }
    },
  },
  {
    id: 'oauthStates.consume',
    documentedRoundTrips: 1,
    prepare: async (fx) => {
      await perCall(fx, (key) => fx.repos.oauthStates.create(state(fx, key)))
      const t = tableOf(fx)
      const sql = `delete from ${t('oauth_states')} where id = ? returning *`
      return {
        call: (i) => fx.repos.oauthStates.consume(`a${i}-${fx.tag}`),
        raw: (i) => fx.raw!.query(sql, [`b${i}-${fx.tag}`]),
      }
    },
  },
  {
    id: 'blacklist.purgeExpired',
    documentedRoundTrips: 1,
    prepare: async (fx) => {
      // Steady state of a periodic job: a few live rows, nothing due; the cost is finding nothing to delete.
      for (let k = 0; k < 20; k++) await fx.repos.blacklist.revoke(`live${k}-${fx.tag}`, new Date(fx.clock.now().getTime() + HOUR_MS))
      const t = tableOf(fx)
      return {
        call: () => fx.repos.blacklist.purgeExpired(),
        raw: () => fx.raw!.query(`delete from ${t('token_blacklist')} where exp < ?`, [fx.clock.now().getTime()]),
      }
    },
  },
]
