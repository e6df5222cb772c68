import type { MfaCode, MfaKind, MfaVerifyResult, NewMfaCode } from '@regstack/protocols'
import { sha256Hex } from '../arbitraries/sha256.js'

/** A stored code; its id is the adapter's and is learnt the first time `find` shows the row. */
interface CodeRow extends Omit<MfaCode, 'id'> {
  readonly id: string | null
}

/**
 * MFA codes as the contract states them (CONTRACT §3.5, §0.7, §0.12): one row per (userId, kind), the
 * verify state machine in its documented order, and ids kept across `put` replacements.
 */
export class MfaCodesOracle {
  #rows: CodeRow[] = []
  readonly #now: () => Date

  constructor(now: () => Date) {
    this.#now = now
  }

  /** Ids already seen on rows that currently exist. */
  knownIds(): string[] {
    return this.#rows.flatMap((r) => (r.id === null ? [] : [r.id]))
  }

  /** Whether the row of (userId, kind) exists and its id was already seen. */
  hasKnownId(opts: { readonly userId: string; readonly kind: MfaKind }): boolean {
    return (this.#find(opts.userId, opts.kind)?.id ?? null) !== null
  }

  /** Replaces the row of (userId, kind) wholesale, attempts included; a replaced row keeps its id. */
  put(code: NewMfaCode): void {
    const existing = this.#find(code.userId, code.kind)
    const row: CodeRow = {
      id: existing?.id ?? null,
      userId: code.userId,
      kind: code.kind,
      codeHash: code.codeHash,
      expiresAt: code.expiresAt,
      attempts: code.attempts,
      maxAttempts: code.maxAttempts,
      createdAt: code.createdAt,
    }
    this.#rows = [...this.#rows.filter((r) => r !== existing), row]
  }

  /** Missing, then locked, then expired (`expiresAt <= now`), then the code; only `wrong` keeps the row. */
  verify(opts: {
    readonly userId: string
    readonly kind: MfaKind
    readonly rawCode: string
  }): MfaVerifyResult {
    const row = this.#find(opts.userId, opts.kind)
    if (row === undefined) return { outcome: 'missing', attemptsRemaining: 0 }
    if (row.attempts >= row.maxAttempts) return this.#drop(row, 'locked')
    if (row.expiresAt.getTime() <= this.#now().getTime()) return this.#drop(row, 'expired')
    if (sha256Hex(opts.rawCode) === row.codeHash) return this.#drop(row, 'ok')
    const attempts = row.attempts + 1
    const remaining = Math.max(row.maxAttempts - attempts, 0)
    if (remaining === 0) return this.#drop(row, 'locked')
    this.#rows = this.#rows.map((r) => (r === row ? { ...row, attempts } : r))
    return { outcome: 'wrong', attemptsRemaining: remaining }
  }

  /** Without a kind, every kind of the user goes. */
  delete(opts: { readonly userId: string; readonly kind?: MfaKind | null }): void {
    this.#rows = this.#rows.filter(
      (r) => !(r.userId === opts.userId && (opts.kind == null || r.kind === opts.kind)),
    )
  }

  /**
   * The stored row, or `null`. A row whose id is not known yet takes `observedId` (what the adapter
   * just showed), which every later `find` of the same row must then repeat.
   */
  find(opts: { readonly userId: string; readonly kind: MfaKind }, observedId: string): MfaCode | null {
    const row = this.#find(opts.userId, opts.kind)
    if (row === undefined) return null
    if (row.id !== null) return { ...row, id: row.id }
    const learnt: MfaCode = { ...row, id: observedId }
    this.#rows = this.#rows.map((r) => (r === row ? learnt : r))
    return learnt
  }

  /**
   * Deletes `expiresAt < now` (strict; a row at exactly `now` survives although `verify` calls it
   * expired), of every row or only of the row `only` names.
   */
  purgeExpired(now?: Date | null, only?: { readonly userId: string; readonly kind: MfaKind }): number {
    const cutoff = (now ?? this.#now()).getTime()
    const before = this.#rows.length
    this.#rows = this.#rows.filter(
      (r) =>
        !(
          r.expiresAt.getTime() < cutoff &&
          (only === undefined || (r.userId === only.userId && r.kind === only.kind))
        ),
    )
    return before - this.#rows.length
  }

  /** An independent copy (rows are immutable, so the list is copied, not the rows). */
  clone(now: () => Date): MfaCodesOracle {
    const copy = new MfaCodesOracle(now)
    copy.#rows = [...this.#rows]
    return copy
  }

  /** The state as plain data, for comparing and memoising states. */
  state(): unknown {
    return this.#rows
  }

  #find(userId: string, kind: MfaKind): CodeRow | undefined {
    return this.#rows.find((r) => r.userId === userId && r.kind === kind)
  }

  #drop(row: CodeRow, outcome: 'ok' | 'locked' | 'expired'): MfaVerifyResult {
    this.#rows = this.#rows.filter((r) => r !== row)
    return { outcome, attemptsRemaining: 0 }
  }
}
