import type { MfaVerifyResult, NewMfaCode } from '@regstack/protocols'
import { sha256Hex } from '../../arbitraries/sha256.js'
import type { Check, Store } from '../../check.js'
import { expectEqual } from '../../harness/assert.js'
import { expectAllFulfilled, RACE_WIDTH, race, tally } from '../../harness/concurrency-outcomes.js'
import { ContractViolation } from '../../harness/contract-violation.js'
import { after, DAY_MS, raceCheck } from './race-check.js'

const MAX = 5
const KIND = 'login_mfa'

function code(store: Store, userId: string, raw: string, maxAttempts: number): NewMfaCode {
  return {
    userId,
    kind: KIND,
    codeHash: sha256Hex(raw),
    expiresAt: after(store, DAY_MS),
    attempts: 0,
    maxAttempts,
    createdAt: store.clock.now(),
  }
}

const label = (r: MfaVerifyResult): string =>
  r.outcome === 'wrong' ? `wrong(${r.attemptsRemaining})` : r.outcome
const sorted = (labels: string[]): string[] => [...labels].sort()

/** `wrong(max − 1)` … `wrong(max − k)`: the wrong answers of k serialised wrong guesses on a fresh code. */
const wrongPrefix = (max: number, k: number): string[] =>
  Array.from({ length: k }, (_, i) => `wrong(${max - 1 - i})`)

function verifyAll(
  store: Store,
  userId: string,
  guesses: readonly string[],
): (() => Promise<MfaVerifyResult>)[] {
  return guesses.map((rawCode) => () => store.repos.mfaCodes.verify({ userId, kind: KIND, rawCode }))
}

async function expectGone(store: Store, userId: string, what: string): Promise<void> {
  expectEqual(await store.repos.mfaCodes.find({ userId, kind: KIND }), null, `find after ${what}`)
}

const wrongGuesses: Check = raceCheck(
  'concurrency.mfaCodes.verify.parallel-wrong-guesses-all-count',
  `${RACE_WIDTH} parallel wrong guesses on a fresh code with maxAttempts ${MAX} give exactly wrong(${MAX - 1}) … wrong(1) once each, one locked, and missing for the rest.`,
  async (store, n) => {
    const userId = `race-wrong-${n}`
    await store.repos.mfaCodes.put(code(store, userId, '123456', MAX))
    const what = `${RACE_WIDTH} parallel wrong verify calls`
    const results = expectAllFulfilled(
      await race(verifyAll(store, userId, Array(RACE_WIDTH).fill('000000'))),
      what,
    )
    const expected = [
      ...wrongPrefix(MAX, MAX - 1),
      'locked',
      ...Array<string>(RACE_WIDTH - MAX).fill('missing'),
    ]
    expectEqual(sorted(results.map(label)), sorted(expected), `${what} (outcomes as a sorted multiset)`)
    await expectGone(store, userId, what)
  },
)

const rightGuesses: Check = raceCheck(
  'concurrency.mfaCodes.verify.parallel-right-guesses-one-ok',
  `${RACE_WIDTH} parallel correct guesses on one code give exactly one ok and missing for the rest.`,
  async (store, n) => {
    const userId = `race-right-${n}`
    await store.repos.mfaCodes.put(code(store, userId, '123456', MAX))
    const what = `${RACE_WIDTH} parallel correct verify calls`
    const results = expectAllFulfilled(
      await race(verifyAll(store, userId, Array(RACE_WIDTH).fill('123456'))),
      what,
    )
    const expected = ['ok', ...Array<string>(RACE_WIDTH - 1).fill('missing')]
    expectEqual(sorted(results.map(label)), sorted(expected), `${what} (outcomes as a sorted multiset)`)
    await expectGone(store, userId, what)
  },
)

/**
 * Mixed right and wrong guesses. Whatever the serialisation, the row ends exactly once (ok, or locked
 * after max − 1 wrong answers), the wrong answers before the end count down from max − 1 each once,
 * and everything after the end is missing.
 */
const mixedGuesses: Check = raceCheck(
  'concurrency.mfaCodes.verify.mixed-guesses-are-serialisable',
  'Parallel right and wrong guesses on one code behave as some sequential order: at most one ok, attempts never pass maxAttempts, each remaining count at most once.',
  async (store, n) => {
    const userId = `race-mixed-${n}`
    await store.repos.mfaCodes.put(code(store, userId, '123456', MAX))
    const guesses = Array.from({ length: RACE_WIDTH }, (_, i) => ((i + n) % 2 === 0 ? '123456' : '000000'))
    const what = `${RACE_WIDTH} parallel verify calls, half of them correct`
    const labels = expectAllFulfilled(await race(verifyAll(store, userId, guesses)), what).map(label)
    const wrongs = labels.filter((l) => l.startsWith('wrong')).length
    const end = labels.includes('ok') ? 'ok' : 'locked'
    const serial = [
      ...wrongPrefix(MAX, wrongs),
      end,
      ...Array<string>(RACE_WIDTH - wrongs - 1).fill('missing'),
    ]
    const possible = end === 'ok' ? wrongs <= MAX - 1 : wrongs === MAX - 1
    if (!possible || sorted(labels).join() !== sorted(serial).join()) {
      throw new ContractViolation(`${what}: no sequential order gives ${tally(labels)}`)
    }
    await expectGone(store, userId, what)
  },
)

/** Fails unless `labels` contain exactly the wrong answers of a fresh code, a prefix of `count`, plus `extra`. */
function expectOutcomes(labels: string[], expected: string[], what: string): void {
  if (sorted(labels).join() !== sorted(expected).join()) {
    throw new ContractViolation(`${what}: expected ${tally(expected)}; got ${tally(labels)}`)
  }
}

/**
 * verify racing a re-issue (`put` of a new code for the same user and kind). Every verify runs wholly
 * before or wholly after the put, so with wrong guesses: the row left is the new code, its attempts f
 * are the verifies that ran after the put, and their answers count down from a fresh code. Round
 * parity picks the old code's maxAttempts: large (answers of both codes interleave) or 1 (the first
 * verify before the put locks and deletes the old code, and must never delete the new one).
 */
const verifyVersusPut: Check = raceCheck(
  'concurrency.mfaCodes.verify.atomic-with-put',
  'verify is atomic with respect to put: it never counts an attempt against, or deletes, a code issued after it read the row.',
  async (store, n) => {
    const userId = `race-reissue-${n}`
    const oldMax = n % 2 === 0 ? 100 : 1
    await store.repos.mfaCodes.put(code(store, userId, 'old-code', oldMax))
    const reissued = code(store, userId, 'new-code', 100)
    const verifies = verifyAll(store, userId, Array(RACE_WIDTH).fill('wrong-for-both'))
    const half = RACE_WIDTH / 2
    const outcomes = await race<MfaVerifyResult | undefined>([
      ...verifies.slice(0, half),
      async () => {
        await store.repos.mfaCodes.put(reissued)
        return undefined
      },
      ...verifies.slice(half),
    ])
    const what = `${RACE_WIDTH} parallel wrong verify calls racing a put of a new code (old maxAttempts ${oldMax})`
    const labels = expectAllFulfilled(outcomes, what).flatMap((r) => (r === undefined ? [] : [label(r)]))
    const row = await store.repos.mfaCodes.find({ userId, kind: KIND })
    if (row === null || row.codeHash !== reissued.codeHash) {
      throw new ContractViolation(
        `${what}: the new code must survive, found ${row === null ? 'no row' : 'the old code'}`,
      )
    }
    const f = row.attempts
    if (!Number.isSafeInteger(f) || f < 0 || f > RACE_WIDTH) {
      throw new ContractViolation(
        `${what}: the new code has ${f} attempts after at most ${RACE_WIDTH} guesses`,
      )
    }
    expectEqual(
      { ...row, attempts: 0 },
      { ...reissued, id: row.id },
      `${what}: the new code (attempts aside)`,
    )
    if (oldMax === 100) {
      expectOutcomes(
        labels,
        [...wrongPrefix(100, f), ...wrongPrefix(100, RACE_WIDTH - f)],
        `${what}, new code attempts ${f}`,
      )
    } else {
      const before = RACE_WIDTH - f
      const old = before === 0 ? [] : ['locked', ...Array<string>(before - 1).fill('missing')]
      expectOutcomes(labels, [...wrongPrefix(100, f), ...old], `${what}, new code attempts ${f}`)
    }
  },
)

/** MFA verify under concurrency (CONTRACT §0.8). */
export const mfaVerifyChecks: readonly Check[] = [wrongGuesses, rightGuesses, mixedGuesses, verifyVersusPut]
