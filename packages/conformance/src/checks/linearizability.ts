import type { Check, Store } from '../check.js'
import { type HistoryBounds, linearizabilityCheck } from './linearizability/linearizability-check.js'
import { mfaOps } from './linearizability/mfa-ops.js'
import { identityOps, stateOps } from './linearizability/oauth-ops.js'
import { blacklistAttemptOps, pendingOps } from './linearizability/row-ops.js'
import { userOps } from './linearizability/user-ops.js'

/** Up to 8 rounds of up to 6 callers making up to 2 calls each: at most 96 calls a history. */
const BOUNDS: HistoryBounds = { rounds: 8, callers: 6, callsPerCaller: 2 }
/** Histories per check, as a share of the run count (100 in process, 10–40 on networked engines). */
const SHARE = 0.3

const clause = '§0.17, §0.8'

function dropConnections(store: Store): Promise<void> {
  if (store.faults === undefined) throw new TypeError('a faults check ran on a target without fault hooks')
  return store.faults.dropConnections()
}

/**
 * The `linearizability` area (CONTRACT §0.17): concurrent callers issue random calls over a few keys,
 * and a search decides whether some sequential order of the calls, consistent with real time,
 * explains every result under the oracle. It finds the atomicity bugs nobody wrote a race for. One
 * check per repository family, so a failure names where the row was torn.
 */
export const linearizabilityChecks: readonly Check[] = [
  linearizabilityCheck({
    id: 'linearizability.users.per-row',
    title:
      'Concurrent users calls on two users are linearizable per row: some order consistent with real time explains every result, so no user is seen half-written and no write is lost',
    clause,
    ops: userOps,
    bounds: BOUNDS,
    // Nine setters share this check, and each tears a row only when it is the first stamp of a round.
    share: 4 * SHARE,
  }),
  linearizabilityCheck({
    id: 'linearizability.pending.per-row',
    title:
      'Concurrent pending calls are linearizable per row: an upserted row is never seen missing or mixed, purges act row by row, counts are exact when no write overlaps them',
    clause,
    ops: pendingOps,
    bounds: BOUNDS,
    share: SHARE,
  }),
  linearizabilityCheck({
    id: 'linearizability.blacklist-attempts.per-row',
    title:
      'Concurrent blacklist and login-attempt calls are linearizable per row: the first exp wins, purges act row by row, countRecent is exact when no write overlaps it',
    clause,
    ops: blacklistAttemptOps,
    bounds: BOUNDS,
    share: SHARE,
  }),
  linearizabilityCheck({
    id: 'linearizability.mfaCodes.per-row',
    title:
      'Concurrent put, verify, find, delete and purgeExpired on MFA codes are linearizable per (userId, kind): no guess is lost, no replaced code is seen missing',
    clause,
    ops: mfaOps,
    bounds: BOUNDS,
    share: SHARE,
  }),
  linearizabilityCheck({
    id: 'linearizability.oauthIdentities.per-row',
    title:
      'Concurrent OAuth identity calls are linearizable per row: both unique rules hold, touchLastUsed never hides the row, deleteByUserId acts row by row',
    clause,
    ops: identityOps,
    bounds: BOUNDS,
    share: SHARE,
  }),
  linearizabilityCheck({
    id: 'linearizability.oauthStates.per-row',
    title:
      'Concurrent OAuth state calls are linearizable per state: consume hands a row to one caller, setResultToken writes token and expiry at one instant',
    clause,
    ops: stateOps,
    bounds: BOUNDS,
    share: SHARE,
  }),
  linearizabilityCheck({
    id: 'linearizability.oauthStates.result-was-new',
    title:
      "Concurrent OAuth state calls that give resultWasNew and wasNew are linearizable per state: setResultToken writes token, resultWasNew and expiry at one instant, so no reader sees a token with another call's flag",
    clause: '§0.19, §0.17',
    ops: () => stateOps(true),
    bounds: BOUNDS,
    share: SHARE,
    since: '2026-07',
  }),
  linearizabilityCheck({
    id: 'linearizability.all-repositories.under-connection-kills',
    title:
      'Concurrent calls on every repository stay linearizable per row while the connections are killed: a call that failed with UNAVAILABLE took effect entirely or not at all, one that resolved took effect',
    clause: '§0.17, §0.8',
    ops: () => [
      ...userOps(),
      ...pendingOps(),
      ...blacklistAttemptOps(),
      ...mfaOps(),
      ...identityOps(),
      ...stateOps(),
    ],
    bounds: { rounds: 3, callers: 5, callsPerCaller: 2 },
    // Every history kills the connections once; a few histories suffice, the engine's reconnects cost.
    share: SHARE / 6,
    requires: 'faults',
    fault: { during: dropConnections, unknownCode: 'UNAVAILABLE' },
  }),
]
