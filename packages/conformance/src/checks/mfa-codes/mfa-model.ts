import type { MfaKind, MfaVerifyResult, NewMfaCode } from '@regstack/protocols'
import { sha256Hex } from '../../arbitraries/sha256.js'

const keyOf = (userId: string, kind: MfaKind): string => `${kind}:${userId}`

/**
 * The MFA code store reduced to a map and the five steps of CONTRACT §3.5, written for obviousness
 * rather than speed. It is a simplification, not a copy of any adapter: it keeps no ids.
 */
export class MfaModel {
  readonly #rows = new Map<string, NewMfaCode>()

  put(code: NewMfaCode): void {
    this.#rows.set(keyOf(code.userId, code.kind), code)
  }

  find(userId: string, kind: MfaKind): NewMfaCode | null {
    return this.#rows.get(keyOf(userId, kind)) ?? null
  }

  delete(userId: string, kind: MfaKind | null): void {
    for (const k of kind === null ? (['login_mfa', 'phone_setup'] as const) : [kind]) {
      this.#rows.delete(keyOf(userId, k))
    }
  }

  verify(userId: string, kind: MfaKind, rawCode: string, nowMs: number): MfaVerifyResult {
    const key = keyOf(userId, kind)
    const row = this.#rows.get(key)
    if (row === undefined) return { outcome: 'missing', attemptsRemaining: 0 }
    if (row.attempts >= row.maxAttempts) {
      this.#rows.delete(key)
      return { outcome: 'locked', attemptsRemaining: 0 }
    }
    if (row.expiresAt.getTime() <= nowMs) {
      this.#rows.delete(key)
      return { outcome: 'expired', attemptsRemaining: 0 }
    }
    if (sha256Hex(rawCode) === row.codeHash) {
      this.#rows.delete(key)
      return { outcome: 'ok', attemptsRemaining: 0 }
    }
    const attempts = row.attempts + 1
    if (attempts >= row.maxAttempts) {
      this.#rows.delete(key)
      return { outcome: 'locked', attemptsRemaining: 0 }
    }
    this.#rows.set(key, { ...row, attempts })
    return { outcome: 'wrong', attemptsRemaining: row.maxAttempts - attempts }
  }
}
