/** Revoked token ids as the contract states them (CONTRACT §3.3, §0.9): the first `exp` wins. */
export class BlacklistOracle {
  readonly #exp = new Map<string, Date>()
  readonly #now: () => Date

  constructor(now: () => Date) {
    this.#now = now
  }

  revoke(jti: string, exp: Date): void {
    if (!this.#exp.has(jti)) this.#exp.set(jti, exp)
  }

  /** `exp` is not consulted: revoked while the row exists. */
  isRevoked(jti: string): boolean {
    return this.#exp.has(jti)
  }

  /** Deletes `exp < now` (strict), of every row or only of `jti`'s. */
  purgeExpired(now?: Date | null, jti?: string): number {
    const cutoff = (now ?? this.#now()).getTime()
    let removed = 0
    for (const [key, exp] of this.#exp) {
      if (exp.getTime() < cutoff && (jti === undefined || key === jti)) {
        this.#exp.delete(key)
        removed += 1
      }
    }
    return removed
  }

  /** An independent copy. */
  clone(now: () => Date): BlacklistOracle {
    const copy = new BlacklistOracle(now)
    for (const [jti, exp] of this.#exp) copy.#exp.set(jti, exp)
    return copy
  }

  /** The state as plain data, for comparing and memoising states. */
  state(): unknown {
    return [...this.#exp]
  }
}
