import { sha256Hex } from '../../arbitraries/sha256.js'
import type { Check, Store } from '../../check.js'
import { expectEqual } from '../../harness/assert.js'
import { nextFallBack, repeatedMs } from '../../harness/zone-instants.js'
import { zoneCheck } from './zone-check.js'

const DAY_MS = 24 * 60 * 60 * 1000
const HOUR_MS = 60 * 60 * 1000

/**
 * The pivot of a boundary run: the next fall-back change of the process zone (a day or more ahead of
 * the wall clock, so no engine may reap a row dated around it), and the length of the wall-clock span
 * it repeats. A zone without daylight saving gets an hour after the store clock and a half-hour span:
 * its boundaries are still exercised under its odd offset.
 */
export function pivotFor(store: Store): { readonly pivot: number; readonly span: number } {
  const change = nextFallBack(Date.now() + DAY_MS)
  if (change !== undefined) return { pivot: change.at, span: repeatedMs(change) }
  return { pivot: store.clock.now().getTime() + HOUR_MS, span: HOUR_MS / 2 }
}

/**
 * Expiry and window boundaries (CONTRACT §0.12) with the store clock on a fall-back change `p` of
 * the process zone. Rows are dated `p − span/2` and `p + span/2` — the same local wall-clock time,
 * once on each pass through the repeated hour — and `p − 1 ms`, `p`, `p + 1 ms`; every purge, count and
 * `verify` must judge them by instant.
 */
async function boundaries(store: Store): Promise<void> {
  const { repos } = store
  const { pivot, span } = pivotFor(store)
  store.clock.set(new Date(pivot))
  const first = pivot - span / 2
  const second = pivot + span / 2
  const instants = [first, pivot - 1, pivot, pivot + 1, second]
  const names = ['first pass', 'p − 1 ms', 'p', 'p + 1 ms', 'second pass']
  const at = (ms: number) => new Date(ms)
  const setup = `p = ${at(pivot).toISOString()}, rows dated ${instants.map((ms) => at(ms).toISOString()).join(', ')} (${names.join(', ')})`
  const what = (call: string) => `${call} with the store clock at p; ${setup}`

  for (const [i, ms] of instants.entries()) {
    await repos.pending.upsert({
      email: `b${i}@x.io`,
      hashedPassword: 'h',
      fullName: null,
      tokenHash: `b${i}`,
      createdAt: at(ms),
      expiresAt: at(ms),
    })
    await repos.blacklist.revoke(`b${i}`, at(ms))
    await repos.attempts.recordFailure('b@x.io', { when: at(ms) })
    await repos.mfaCodes.put({
      userId: `b${i}`,
      kind: 'login_mfa',
      codeHash: sha256Hex('123456'),
      expiresAt: at(ms),
      attempts: 0,
      maxAttempts: 3,
      createdAt: at(ms),
    })
    await repos.oauthStates.create({
      id: `b${i}`,
      provider: 'p',
      codeVerifier: 'v',
      nonce: 'n',
      redirectTo: '/',
      mode: 'signin',
      linkingUserId: null,
      createdAt: at(ms),
      expiresAt: at(ms),
      resultToken: null,
    })
  }
  // Strictly after p: p + 1 ms and the second pass.
  expectEqual(
    await repos.pending.countUnexpired(at(pivot)),
    2,
    what('pending.countUnexpired(p) (counts expiresAt > p)'),
  )
  expectEqual(await repos.pending.countUnexpired(), 2, what('pending.countUnexpired() (now from the clock)'))
  expectEqual(
    await repos.attempts.countRecent('b@x.io', { now: at(pivot), windowMs: 0 }),
    3,
    what('attempts.countRecent(now p, window 0) (counts when >= p)'),
  )
  expectEqual(
    await repos.attempts.countRecent('b@x.io', { now: at(second), windowMs: span - 1 }),
    4,
    what('attempts.countRecent(now second pass, window span − 1 ms) (everything but the first pass)'),
  )
  const verified = []
  for (const i of [4, 2, 0])
    verified.push(
      (await repos.mfaCodes.verify({ userId: `b${i}`, kind: 'login_mfa', rawCode: '123456' })).outcome,
    )
  expectEqual(
    verified,
    ['ok', 'expired', 'expired'],
    what('mfaCodes.verify of the second-pass, p and first-pass codes (expired when expiresAt <= now)'),
  )
  // Strictly before p: the first pass and p − 1 ms.
  expectEqual(
    await repos.pending.purgeExpired(at(pivot)),
    2,
    what('pending.purgeExpired(p) (deletes expiresAt < p)'),
  )
  expectEqual(
    await repos.blacklist.purgeExpired(at(pivot)),
    2,
    what('blacklist.purgeExpired(p) (deletes exp < p)'),
  )
  expectEqual(
    await repos.oauthStates.purgeExpired(),
    2,
    what('oauthStates.purgeExpired() (deletes expiresAt < now)'),
  )
  expectEqual(
    await repos.mfaCodes.purgeExpired(),
    1,
    what('mfaCodes.purgeExpired() (p − 1 ms is the only code left before p)'),
  )
  expectEqual(
    await repos.attempts.purgeExpired(at(pivot), 0),
    2,
    what('attempts.purgeExpired(p, 0) (deletes when < p)'),
  )
  expectEqual(
    [
      await repos.blacklist.isRevoked('b4'),
      (await repos.pending.findByEmail('b4@x.io')) !== null,
      (await repos.oauthStates.find('b4')) !== null,
    ],
    [true, true, true],
    what('the second-pass rows after the purges (blacklist, pending, OAuth state)'),
  )
}

/** Expiry and window boundaries hold under every tier zone, across the repeated hour of its fall-back. */
export const zoneBoundaries: Check = zoneCheck({
  id: 'timeZones.expiry.boundaries-across-the-repeated-hour',
  title:
    'Expiry and window boundaries compare instants, never local wall-clock times: with the clock on a ' +
    'daylight-saving fall-back of the process zone, a row from the second pass through the repeated hour is ' +
    'still unexpired and one from the first pass is not, and p − 1 ms, p, p + 1 ms fall exactly as stated.',
  clause: '§0.3, §0.12',
  async inZone(ctx) {
    await ctx.withStore(boundaries)
  },
})
