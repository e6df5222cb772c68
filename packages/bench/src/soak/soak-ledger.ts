/**
 * What the soak callers observed, recorded as each call resolves, so the end-of-run invariants can be
 * judged against the store: nothing counted twice, nothing lost.
 */
import type { MfaVerifyResult } from '@regstack/protocols'

/** One issued MFA code: its own user id (never re-issued), so every answer belongs to exactly it. */
export interface IssuedCode {
  readonly userId: string
  readonly raw: string
  readonly maxAttempts: number
  /** Every answer `verify` gave for this code, in completion order. */
  readonly answers: MfaVerifyResult[]
}

/** Observations of one soak run on one store. */
export class SoakLedger {
  /** Ids of users whose `create` resolved. */
  readonly createdUsers: string[] = []
  /** `recordFailure` calls that resolved, per email. */
  readonly failuresRecorded: Map<string, number> = new Map()
  /** OAuth state ids whose `create` resolved, in order. */
  readonly statesCreated: string[] = []
  /** How many times each state id was handed out by `consume` (during the run and the final sweep). */
  readonly statesHandedOut: Map<string, number> = new Map()
  /** MFA codes whose `put` resolved. */
  readonly codes: IssuedCode[] = []
  /** Typed rejections the operation mix expects, by `code`. */
  readonly expectedErrors: Map<string, number> = new Map()
  /** Everything else that rejected: `op: code or message`, by label. */
  readonly unexpectedErrors: Map<string, number> = new Map()

  countFailure(email: string): void {
    this.failuresRecorded.set(email, (this.failuresRecorded.get(email) ?? 0) + 1)
  }

  handedOut(stateId: string): void {
    this.statesHandedOut.set(stateId, (this.statesHandedOut.get(stateId) ?? 0) + 1)
  }

  /** Files a rejection of `op` as expected (its code is in `allowed`) or unexpected. */
  rejected(op: string, error: unknown, allowed: readonly string[]): void {
    const code = (error as { code?: unknown } | null)?.code
    if (typeof code === 'string' && allowed.includes(code)) {
      this.expectedErrors.set(code, (this.expectedErrors.get(code) ?? 0) + 1)
      return
    }
    const what = typeof code === 'string' ? code : error instanceof Error ? error.message : String(error)
    const label = `${op}: ${what.slice(0, 160)}`
    this.unexpectedErrors.set(label, (this.unexpectedErrors.get(label) ?? 0) + 1)
  }
}

/**
 * The violations in one code's answers. Serialised, a code with maxAttempts m answers `wrong` with
 * remaining m−1, m−2, … each at most once, then ends once: `ok`, or `locked` after exactly m−1 wrong
 * answers; after that, only `missing`.
 */
export function codeViolations(code: IssuedCode): string[] {
  const wrong = code.answers.filter((a) => a.outcome === 'wrong').map((a) => a.attemptsRemaining)
  const ok = code.answers.filter((a) => a.outcome === 'ok').length
  const locked = code.answers.filter((a) => a.outcome === 'locked').length
  const out: string[] = []
  if (wrong.length > code.maxAttempts - 1)
    out.push(`${wrong.length} wrong answers (max ${code.maxAttempts - 1})`)
  if (new Set(wrong).size !== wrong.length) out.push(`a remaining count answered twice: ${wrong.join(',')}`)
  if (wrong.some((r) => r < 1 || r > code.maxAttempts - 1))
    out.push(`remaining out of range: ${wrong.join(',')}`)
  if (ok + locked > 1) out.push(`${ok} × ok and ${locked} × locked`)
  if (locked === 1 && wrong.length !== code.maxAttempts - 1)
    out.push(`locked after ${wrong.length} wrong answers`)
  if (code.answers.some((a) => a.outcome === 'expired')) out.push('expired before its expiry')
  return out
}
