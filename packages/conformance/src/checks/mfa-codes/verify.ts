import type { MfaKind, MfaVerifyResult } from '@regstack/protocols'
import fc from 'fast-check'
import { liveMfaCode, mfaRawCode } from '../../arbitraries/mfa-codes.js'
import { mfaKind } from '../../arbitraries/models.js'
import { sha256Hex } from '../../arbitraries/sha256.js'
import type { Check } from '../../check.js'
import { expectEqual } from '../../harness/assert.js'
import { describeValue } from '../../harness/describe-value.js'

const result = (outcome: MfaVerifyResult['outcome'], attemptsRemaining = 0): MfaVerifyResult => ({
  outcome,
  attemptsRemaining,
})

/**
 * Guesses that must never match `raw`: near-misses a sloppy comparison would accept (trimming, case,
 * normalisation, the digest itself), plus strings no stored hash can match (lone surrogate, U+0000).
 */
function wrongGuesses(raw: string): string[] {
  const candidates = [
    `${raw} `,
    raw.toUpperCase(),
    raw.normalize('NFD'),
    raw.slice(1),
    sha256Hex(raw),
    '',
    `${raw}\u0000`,
    '\ud800',
    `0${raw}`,
  ]
  return [...new Set(candidates)].filter((guess) => guess !== raw)
}

/** Rules of the `verify` state machine apart from expiry (CONTRACT §3.5, §0.14). One store per check. */
export const verifyChecks: readonly Check[] = [
  {
    id: 'mfaCodes.verify.missing-writes-nothing',
    title:
      'verify without a row for (userId, kind) answers missing (attemptsRemaining 0) and writes nothing.',
    area: 'mfaCodes',
    level: 'MUST',
    clause: '§3.5',
    run: async (ctx) => {
      const store = await ctx.open()
      const { mfaCodes } = store.repos
      const code = liveMfaCode({ userId: 'holder', kind: 'login_mfa' }, '123456', store.clock.now())
      await mfaCodes.put(code)
      for (const key of [
        { userId: 'nobody', kind: 'login_mfa' as MfaKind },
        { userId: 'holder', kind: 'phone_setup' as MfaKind },
      ]) {
        expectEqual(
          await mfaCodes.verify({ ...key, rawCode: '123456' }),
          result('missing'),
          `verify(${describeValue(key)})`,
        )
        expectEqual(await mfaCodes.find(key), null, `find(${describeValue(key)}) after a missing verify`)
      }
      const row = await mfaCodes.find({ userId: 'holder', kind: 'login_mfa' })
      expectEqual(row?.attempts, 0, 'attempts of the one stored code after missing verifies for other keys')
    },
  },
  {
    id: 'mfaCodes.verify.correct-code-single-use',
    title:
      'The correct code answers ok (attemptsRemaining 0) and deletes the row, so a repeat answers missing.',
    area: 'mfaCodes',
    level: 'MUST',
    clause: '§3.5',
    run: async (ctx) => {
      const store = await ctx.open()
      const { mfaCodes } = store.repos
      let caseNo = 0
      await ctx.property(
        [mfaRawCode(), mfaKind(), fc.integer({ min: 1, max: 20 }), fc.nat({ max: 19 })],
        async (raw, kind, maxAttempts, used) => {
          caseNo += 1
          const key = { userId: `ok-${caseNo}`, kind }
          const code = liveMfaCode(key, raw, store.clock.now(), { attempts: used % maxAttempts, maxAttempts })
          await mfaCodes.put(code)
          const what = `put(${describeValue(code)}) then verify(rawCode ${describeValue(raw)})`
          expectEqual(await mfaCodes.verify({ ...key, rawCode: raw }), result('ok'), what)
          expectEqual(await mfaCodes.find(key), null, `${what}: find afterwards`)
          expectEqual(await mfaCodes.verify({ ...key, rawCode: raw }), result('missing'), `${what}, twice`)
        },
      )
    },
  },
  {
    id: 'mfaCodes.verify.wrong-guesses-count-down',
    title:
      'Each wrong guess adds 1 to attempts and answers wrong(maxAttempts - attempts); the last one answers locked and deletes the row.',
    area: 'mfaCodes',
    level: 'MUST',
    clause: '§3.5',
    run: async (ctx) => {
      const store = await ctx.open()
      const { mfaCodes } = store.repos
      let caseNo = 0
      await ctx.property(
        [mfaRawCode(), mfaKind(), fc.integer({ min: 1, max: 7 }), fc.nat({ max: 6 }), fc.nat()],
        async (raw, kind, maxAttempts, startAt, pick) => {
          caseNo += 1
          const key = { userId: `wrong-${caseNo}`, kind }
          const start = startAt % maxAttempts
          const code = liveMfaCode(key, raw, store.clock.now(), { attempts: start, maxAttempts })
          await mfaCodes.put(code)
          const guesses = wrongGuesses(raw)
          for (let attempts = start + 1; attempts <= maxAttempts; attempts++) {
            const guess = guesses[(pick + attempts) % guesses.length] ?? ''
            const what = `put(${describeValue(code)}), guesses up to ${describeValue(guess)} (attempts ${attempts})`
            const remaining = maxAttempts - attempts
            const expected = remaining === 0 ? result('locked') : result('wrong', remaining)
            expectEqual(await mfaCodes.verify({ ...key, rawCode: guess }), expected, what)
            const row = await mfaCodes.find(key)
            expectEqual(
              row === null ? null : row.attempts,
              remaining === 0 ? null : attempts,
              `${what}: find(key).attempts`,
            )
          }
          expectEqual(
            await mfaCodes.verify({ ...key, rawCode: raw }),
            result('missing'),
            'the correct code after locked',
          )
        },
      )
    },
  },
  {
    id: 'mfaCodes.verify.exhausted-is-locked',
    title:
      'A row put with attempts >= maxAttempts (maxAttempts 0 included) answers locked whatever the code, and is deleted.',
    area: 'mfaCodes',
    level: 'MUST',
    clause: '§3.5',
    run: async (ctx) => {
      const store = await ctx.open()
      const { mfaCodes } = store.repos
      let caseNo = 0
      await ctx.property(
        [mfaRawCode(), mfaKind(), fc.nat({ max: 5 }), fc.nat({ max: 3 }), fc.boolean(), fc.boolean()],
        async (raw, kind, maxAttempts, extra, rightCode, expired) => {
          caseNo += 1
          const key = { userId: `locked-${caseNo}`, kind }
          // Being exhausted is checked before expiry: an expired exhausted row is still locked.
          const code = liveMfaCode(key, raw, store.clock.now(), {
            attempts: maxAttempts + extra,
            maxAttempts,
            ttlMs: expired ? 0 : 60_000,
          })
          await mfaCodes.put(code)
          const guess = rightCode ? raw : `${raw}x`
          const what = `put(${describeValue(code)}) then verify(rawCode ${describeValue(guess)})`
          expectEqual(await mfaCodes.verify({ ...key, rawCode: guess }), result('locked'), what)
          expectEqual(await mfaCodes.find(key), null, `${what}: find afterwards`)
          expectEqual(
            await mfaCodes.verify({ ...key, rawCode: raw }),
            result('missing'),
            `${what}, then the correct code`,
          )
        },
      )
    },
  },
  {
    id: 'mfaCodes.verify.sha256-utf8-hex',
    title:
      'verify matches rawCode by the lower-case hex SHA-256 of its UTF-8 bytes only: no trimming, case folding or normalisation.',
    area: 'mfaCodes',
    level: 'MUST',
    clause: '§0.14',
    run: async (ctx) => {
      const store = await ctx.open()
      const { mfaCodes } = store.repos
      let caseNo = 0
      await ctx.property([mfaRawCode(), mfaKind()], async (raw, kind) => {
        caseNo += 1
        const key = { userId: `hash-${caseNo}`, kind }
        const guesses = wrongGuesses(raw)
        const maxAttempts = guesses.length + 2
        const code = liveMfaCode(key, raw, store.clock.now(), { maxAttempts })
        await mfaCodes.put(code)
        for (const [i, guess] of guesses.entries()) {
          expectEqual(
            await mfaCodes.verify({ ...key, rawCode: guess }),
            result('wrong', maxAttempts - i - 1),
            `code for ${describeValue(raw)}, verify(rawCode ${describeValue(guess)})`,
          )
        }
        expectEqual(
          await mfaCodes.verify({ ...key, rawCode: raw }),
          result('ok'),
          `verify(rawCode ${describeValue(raw)}) against codeHash ${describeValue(code.codeHash)}`,
        )
        // A digest stored in upper case is not what verify computes, so it can never match.
        const upper = { ...code, codeHash: code.codeHash.toUpperCase() }
        if (upper.codeHash !== code.codeHash) {
          await mfaCodes.put(upper)
          expectEqual(
            await mfaCodes.verify({ ...key, rawCode: raw }),
            result('wrong', maxAttempts - 1),
            `verify(rawCode ${describeValue(raw)}) against the upper-case codeHash ${describeValue(upper.codeHash)}`,
          )
        }
      })
    },
  },
]
