import { type MfaVerifyResult, makeNewMfaCode } from '@regstack/protocols'
import { sha256Hex } from '../../arbitraries/sha256.js'
import type { Check, Store } from '../../check.js'
import { expectEqual } from '../../harness/assert.js'
import type { Outcome } from '../../harness/concurrency-outcomes.js'
import { tally } from '../../harness/concurrency-outcomes.js'
import { ContractViolation } from '../../harness/contract-violation.js'
import { DAY_MS } from '../concurrency/race-check.js'
import { failures, faultCheck, nextCall, underFault } from './fault-batch.js'

const MAX = 5
const KIND = 'login_mfa'
const WRONG = 12
const RIGHT = 6

const label = (r: MfaVerifyResult): string =>
  r.outcome === 'wrong' ? `wrong(${r.attemptsRemaining})` : r.outcome

async function issue(store: Store, userId: string, raw: string): Promise<void> {
  await store.repos.mfaCodes.put(
    makeNewMfaCode(
      {
        userId,
        kind: KIND,
        codeHash: sha256Hex(raw),
        expiresAt: new Date(store.clock.now().getTime() + DAY_MS),
        attempts: 0,
        maxAttempts: MAX,
      },
      store.clock,
    ),
  )
}

function answered(outcomes: readonly Outcome<MfaVerifyResult>[]): string[] {
  return outcomes.flatMap((o) => (o.status === 'fulfilled' ? [label(o.value)] : []))
}

/**
 * Wrong guesses until the code ends, one at a time, after the interrupted batch. Bounded: a code with
 * maxAttempts MAX can answer `wrong` at most MAX − 1 times in its whole life.
 */
async function guessUntilEnd(store: Store, userId: string): Promise<string[]> {
  const verify = () => store.repos.mfaCodes.verify({ userId, kind: KIND, rawCode: 'wrong-guess' })
  const labels = [label(await nextCall(verify, 'mfaCodes.verify'))]
  while (labels.at(-1)?.startsWith('wrong') === true && labels.length <= MAX)
    labels.push(label(await verify()))
  return labels
}

/**
 * Wrong guesses while connections die, then wrong guesses until the end. A failed verify may or may
 * not have counted its attempt (its outcome is unknown to the caller), but no attempt may be lost:
 * over the code's whole life the answered guesses are at most MAX − 1 `wrong`, each remaining count at
 * most once, and at most one `locked`. Correct guesses under the same kill give at most one `ok`; a
 * code none of them got is still there unless one of them failed.
 */
const attemptsNeverLost: Check = faultCheck(
  'faults.mfaCodes.verify.attempts-never-lost',
  'verify interrupted by killed connections never loses a counted attempt: a code answers at most maxAttempts − 1 wrong (each remaining count once) and one locked over its whole life, and at most one ok.',
  async (store, n) => {
    const wrongUser = `fault-mfa-wrong-${n}`
    const rightUser = `fault-mfa-right-${n}`
    await issue(store, wrongUser, '123456')
    await issue(store, rightUser, '654321')
    const verify = (userId: string, rawCode: string) => () =>
      store.repos.mfaCodes.verify({ userId, kind: KIND, rawCode })
    const outcomes = await underFault(
      store,
      [
        ...Array.from({ length: WRONG }, () => verify(wrongUser, '000000')),
        ...Array.from({ length: RIGHT }, () => verify(rightUser, '654321')),
      ],
      `${WRONG} wrong and ${RIGHT} correct parallel verify calls`,
    )
    const wrongBatch = outcomes.slice(0, WRONG)
    const life = [...answered(wrongBatch), ...(await guessUntilEnd(store, wrongUser))]
    const wrongs = life.filter((l) => l.startsWith('wrong'))
    const remaining = wrongs.map((l) => Number(l.slice('wrong('.length, -1)))
    const distinct = new Set(remaining).size === remaining.length
    const inRange = remaining.every((r) => Number.isInteger(r) && r >= 1 && r <= MAX - 1)
    const locked = life.filter((l) => l === 'locked').length
    const last = life.at(-1)
    if (
      !distinct ||
      !inRange ||
      wrongs.length > MAX - 1 ||
      locked > 1 ||
      life.includes('ok') ||
      (last !== 'locked' && last !== 'missing')
    ) {
      throw new ContractViolation(
        `a code with maxAttempts ${MAX}, guessed wrong under a connection kill (${failures(wrongBatch)} calls failed) ` +
          `and then until it ended, answered ${tally(life)}: at most ${MAX - 1} × wrong with distinct remaining ` +
          'counts, at most one locked, ending in locked or missing',
      )
    }
    expectEqual(
      await store.repos.mfaCodes.find({ userId: wrongUser, kind: KIND }),
      null,
      'the code after it ended',
    )

    const rightBatch = outcomes.slice(WRONG)
    const oks = answered(rightBatch).filter((l) => l === 'ok').length
    const later = label(
      await store.repos.mfaCodes.verify({ userId: rightUser, kind: KIND, rawCode: '654321' }),
    )
    const unexpected = answered(rightBatch).filter((l) => l !== 'ok' && l !== 'missing')
    if (oks > 1 || unexpected.length > 0 || (oks === 1 && later !== 'missing')) {
      throw new ContractViolation(
        `${RIGHT} correct guesses under a connection kill answered ${tally(answered(rightBatch))}, a later one ${later}: ` +
          'expected at most one ok in all',
      )
    }
    if (oks === 0 && later !== 'ok' && failures(rightBatch) === 0) {
      throw new ContractViolation(
        `a code vanished: ${RIGHT} correct guesses answered ${tally(answered(rightBatch))} with none failing, ` +
          `and a later correct guess answered ${later}`,
      )
    }
  },
)

/** MFA attempt counting under connection loss (CONTRACT §0.8). */
export const mfaVerifyFaultChecks: readonly Check[] = [attemptsNeverLost]
