/** The source of every defaulted "now" in an adapter (CONTRACT §0.2). */
export interface Clock {
  /** The current instant, as a fresh `Date`. */
  now(): Date
}

/** The real wall clock. */
export class SystemClock implements Clock {
  now(): Date {
    return new Date()
  }
}

/**
 * A clock that only moves when told to; the conformance suite drives time through it.
 * `now()` returns a fresh `Date` every call, so callers may keep or mutate it safely.
 */
export class FrozenClock implements Clock {
  #ms: number

  /** @param start - the first instant; defaults to the wall-clock time of construction. */
  constructor(start: Date = new Date()) {
    this.#ms = FrozenClock.#checked(start.getTime())
  }

  now(): Date {
    return new Date(this.#ms)
  }

  /** Moves the clock by `ms` milliseconds (negative moves it back). Throws `RangeError` on a non-finite step. */
  advance(ms: number): void {
    if (!Number.isFinite(ms)) throw new RangeError(`FrozenClock.advance: ${ms} is not a finite number`)
    this.#ms = FrozenClock.#checked(this.#ms + ms)
  }

  /** Jumps to `when`. Throws `RangeError` on an invalid `Date`. */
  set(when: Date): void {
    this.#ms = FrozenClock.#checked(when.getTime())
  }

  static #checked(ms: number): number {
    if (!Number.isFinite(ms)) throw new RangeError('FrozenClock: invalid Date')
    return ms
  }
}
