import { MAX_DATE_MS, MIN_DATE_MS } from '@regstack/protocols'
import fc from 'fast-check'

/** Any storable instant (CONTRACT §0.3), biased toward the range ends and round numbers. */
export function anyDate(): fc.Arbitrary<Date> {
  return fc
    .oneof(
      { weight: 4, arbitrary: fc.integer({ min: MIN_DATE_MS, max: MAX_DATE_MS }) },
      {
        weight: 1,
        arbitrary: fc.constantFrom(MIN_DATE_MS, MIN_DATE_MS + 1, MAX_DATE_MS, MAX_DATE_MS - 1, 951782400000),
      },
      { weight: 1, arbitrary: fc.integer({ min: 0, max: 10_000 }).map((s) => s * 1000) },
    )
    .map((ms) => new Date(ms))
}

/** An instant `offsetMs` away from `base`, clamped to the storable range. */
export function shifted(base: Date, offsetMs: number): Date {
  return new Date(Math.min(MAX_DATE_MS, Math.max(MIN_DATE_MS, base.getTime() + offsetMs)))
}

/** Offsets around a boundary: exactly at it, 1 ms either side, and farther. */
export function boundaryOffset(): fc.Arbitrary<number> {
  return fc.oneof(fc.constantFrom(0, 0, -1, 1), fc.integer({ min: -86_400_000, max: 86_400_000 }))
}
