import type { LoginAttempt, RecordFailureOptions } from '@regstack/protocols'

/** Failed logins as the contract states them (CONTRACT §3.4, §0.12): an append-only list. */
export class AttemptsOracle {
  #rows: LoginAttempt[] = []
  readonly #now: () => Date

  constructor(now: () => Date) {
    this.#now = now
  }

  recordFailure(email: string, opts?: RecordFailureOptions | null): void {
    this.#rows.push({ email, when: opts?.when ?? this.#now(), ip: opts?.ip ?? null })
  }

  /** `when >= now - windowMs`, no upper bound. */
  countRecent(email: string, opts: { readonly windowMs: number; readonly now: Date }): number {
    const from = opts.now.getTime() - opts.windowMs
    return this.#rows.filter((r) => r.email === email && r.when.getTime() >= from).length
  }

  clear(email: string): void {
    this.#rows = this.#rows.filter((r) => r.email !== email)
  }

  /** Deletes `when < now - windowMs` across all emails (or only `email`'s rows, one row group of §0.17). */
  purgeExpired(now: Date, windowMs: number, email?: string): number {
    const cutoff = now.getTime() - windowMs
    const before = this.#rows.length
    this.#rows = this.#rows.filter(
      (r) => !(r.when.getTime() < cutoff && (email === undefined || r.email === email)),
    )
    return before - this.#rows.length
  }

  /** An independent copy (rows are immutable, so the list is copied, not the rows). */
  clone(now: () => Date): AttemptsOracle {
    const copy = new AttemptsOracle(now)
    copy.#rows = [...this.#rows]
    return copy
  }

  /** The state as plain data, for comparing and memoising states. */
  state(): unknown {
    return this.#rows
  }
}
