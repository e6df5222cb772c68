import type { Check } from '../check.js'
import { isolationCheckList } from './isolation/isolation-checks.js'

/** Checks that every store the suite opens is its own (CONTRACT §7.3: no check sees another's data). */
export const isolationChecks: readonly Check[] = isolationCheckList
