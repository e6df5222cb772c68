import { MAX_DATE_MS, type NewUser } from '@regstack/protocols'
import fc from 'fast-check'
import { anyDate } from './dates.js'
import { newUser } from './models.js'

/** Three instants users often share, so sorting must fall back to the id tie-break. */
const TIE_DATES: readonly Date[] = [new Date(0), new Date(1_700_000_000_000), new Date(MAX_DATE_MS)]

/** A `createdAt` that is often one of a few shared instants (ties), otherwise any storable date. */
export function tieProneDate(): fc.Arbitrary<Date> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...TIE_DATES).map((d) => new Date(d.getTime())) },
    { weight: 1, arbitrary: anyDate() },
  )
}

/**
 * Users with pairwise different emails (exact strings: NFC/NFD or case twins may both appear, which
 * is the point, CONTRACT §0.5), ready to be created in one store.
 */
export function userPopulation(opts: {
  readonly minLength: number
  readonly maxLength: number
  readonly tieProne?: boolean
}): fc.Arbitrary<NewUser[]> {
  const one =
    opts.tieProne === true
      ? fc.tuple(newUser(), tieProneDate()).map(([u, createdAt]): NewUser => ({ ...u, createdAt }))
      : newUser()
  return fc.uniqueArray(one, {
    minLength: opts.minLength,
    maxLength: opts.maxLength,
    selector: (u) => u.email,
  })
}
