/** Where the memory store's generated ids come from. */

/** Produces a new id on every call: an opaque string of at most 36 characters, never repeated per store. */
export type IdSource = () => string

/** `ZERO_PADS[k]` is k zeros: the padding of a counter id is a shared constant, never built per call. */
const ZERO_PADS: readonly string[] = Array.from({ length: 25 }, (_, k) => '0'.repeat(k))

/**
 * The default id source: a per-store counter written as 24 lower-case hex digits, shaped like a Mongo
 * ObjectId so ids look the same as on the reference engine. A counter (rather than randomness) keeps
 * test runs reproducible; it is per store, so two stores never share state.
 */
export function counterIds(): IdSource {
  let next = 0
  return () => {
    next += 1
    const hex = next.toString(16)
    // Constant padding plus the digits: about half the cost of `padStart(24, '0')`, and one string
    // fewer to keep than a slice of a zeros constant would leave.
    return `${ZERO_PADS[24 - hex.length]}${hex}`
  }
}
