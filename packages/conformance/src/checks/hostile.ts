import type { Check } from '../check.js'
import { absentOptionsCheck } from './hostile/absent-checks.js'
import { acceptChecks } from './hostile/accept-checks.js'
import { encoderImageChecks } from './hostile/encoder-image-checks.js'
import { inputChecks } from './hostile/input-checks.js'
import { lookupChecks } from './hostile/lookup-checks.js'
import { rejectChecks } from './hostile/reject-checks.js'

export { hostileInputCounts } from './hostile/input-counts.js'

/**
 * The `hostile` area (CONTRACT §0.6, §0.7): every method of the seven repositories is fed, from one
 * declarative table, every kind of bad argument, and must reject it with `INVALID_INPUT` without
 * touching the store; unmatchable lookups match nothing; boundary values and absent options are
 * accepted; inputs are closed and never mutated.
 */
export const hostileChecks: readonly Check[] = [
  ...rejectChecks,
  ...lookupChecks,
  ...encoderImageChecks,
  ...acceptChecks,
  absentOptionsCheck,
  ...inputChecks,
]
