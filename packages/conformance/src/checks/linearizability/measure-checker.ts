import { type FrozenClock, NEWEST_CONTRACT_REVISION, type Repos } from '@regstack/protocols'
import fc from 'fast-check'
import type { Store } from '../../check.js'
import { judgeHistory } from './judge-history.js'
import { SEARCH_BUDGET } from './linearizability-check.js'
import { mfaOps } from './mfa-ops.js'
import { identityOps, stateOps } from './oauth-ops.js'
import { blacklistAttemptOps, pendingOps } from './row-ops.js'
import { type Program, runHistory, type Step } from './run-history.js'
import { userOps } from './user-ops.js'

/** The shape of the measured histories: `rounds` × `callers` × `callsPerCaller` calls, plus set-up. */
export interface HistoryShape {
  readonly rounds: number
  readonly callers: number
  readonly callsPerCaller: number
}

/** What deciding one history cost. */
export interface JudgedSample {
  readonly calls: number
  readonly ms: number
  readonly nodes: number
  readonly verdict: 'linearizable' | 'violation' | 'undecided'
}

/**
 * For benchmarks: records `count` random histories of exactly `shape` (every repository's calls mixed)
 * against fresh stores from `open`, and times the checker's decision on each (recording excluded).
 */
export async function measureChecker(
  open: () => { readonly repos: Repos; readonly clock: FrozenClock },
  shape: HistoryShape,
  count: number,
  seed: number,
): Promise<JudgedSample[]> {
  const ops = [
    ...userOps(),
    ...pendingOps(),
    ...blacklistAttemptOps(),
    ...mfaOps(),
    ...identityOps(),
    ...stateOps(),
  ]
  const step: fc.Arbitrary<Step> = fc.record({ op: fc.oneof(...ops), pause: fc.nat(2) })
  const exactly = <T>(arb: fc.Arbitrary<T>, n: number) => fc.array(arb, { minLength: n, maxLength: n })
  const program: fc.Arbitrary<Program> = fc.record({
    rounds: exactly(exactly(exactly(step, shape.callsPerCaller), shape.callers), shape.rounds),
  })
  const samples: JudgedSample[] = []
  for (const p of fc.sample(program, { numRuns: count, seed })) {
    const { repos, clock } = open()
    const store: Store = {
      repos,
      clock,
      namespace: 'bench',
      revision: NEWEST_CONTRACT_REVISION,
      declaredRevision: undefined,
      automaticExpiry: false,
      faults: undefined,
      mayBeReaped: () => false,
    }
    const calls = await runHistory(store, p)
    const started = performance.now()
    const judged = judgeHistory(calls, SEARCH_BUDGET)
    samples.push({
      calls: calls.length,
      ms: performance.now() - started,
      nodes: judged.nodes,
      verdict: judged.kind,
    })
  }
  return samples
}
