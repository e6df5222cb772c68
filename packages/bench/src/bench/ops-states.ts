/** Benchmarked operations of `oauthStates` and a periodic purge, with their raw SQL twins. */
import type { NewOAuthState } from '@regstack/protocols'
import type { OpFixture, OpSpec } from './op-spec.js'
import { peerCalls, prebuilt, tableOf } from './op-spec.js'
import { perCall } from './ops-codes.js'

const HOUR_MS = 3_600_000

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

export const STATE_OPS: readonly OpSpec[] = [
  {
    id: 'oauthStates.create',
    documentedRoundTrips: 1,
    prepare: async (fx) => {
      const t = tableOf(fx)
      const sql = `insert into ${t('oauth_states')} (${STATE_COLS}) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
      const mine = prebuilt(fx, (i) => state(fx, `a${i}-${fx.tag}`))
      const theirs = prebuilt(fx, (i) => state(fx, `b${i}-${fx.tag}`))
      return {
        call: (i) => fx.repos.oauthStates.create(mine(i)),
        raw: (i) => {
          const s = theirs(i)
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
      const stateId = `find-${fx.tag}`
      return {
        call: () => fx.repos.oauthStates.find(stateId),
        raw: () => fx.raw!.query(`select * from ${t('oauth_states')} where id = ? limit 1`, [stateId]),
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
      const mine = prebuilt(fx, (i) => `a${i}-${fx.tag}`)
      const theirs = prebuilt(fx, (i) => `b${i}-${fx.tag}`)
      return {
        call: (i) => fx.repos.oauthStates.consume(mine(i)),
        raw: (i) => fx.raw!.query(sql, [theirs(i)]),
        peers: peerCalls(fx, (peer, name) => {
          const keys = prebuilt(fx, (i) => `${name}${i}-${fx.tag}`)
          return (i) => peer.consumeState(keys(i))
        }),
      }
    },
  },
  {
    id: 'blacklist.purgeExpired',
    documentedRoundTrips: 1,
    prepare: async (fx) => {
      // Steady state of a periodic job: a few live rows, nothing due; the cost is finding nothing to delete.
      for (let k = 0; k < 20; k++)
        await fx.repos.blacklist.revoke(`live${k}-${fx.tag}`, new Date(fx.clock.now().getTime() + HOUR_MS))
      const t = tableOf(fx)
      const now = fx.clock.now()
      const nowMs = now.getTime()
      return {
        call: () => fx.repos.blacklist.purgeExpired(now),
        raw: () => fx.raw!.query(`delete from ${t('token_blacklist')} where exp < ?`, [nowMs]),
      }
    },
  },
]
