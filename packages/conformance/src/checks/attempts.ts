import type { Check } from '../check.js'
import { clearAndPurgeChecks } from './attempts/clear-and-purge.js'
import { countRecentChecks } from './attempts/count-recent.js'
import { recordFailureChecks } from './attempts/record-failure.js'

/** Checks of the failed-login store (CONTRACT §3.4, §0.2, §0.12; P14); boundary and clock rules first. */
export const attemptsChecks: readonly Check[] = [
  ...countRecentChecks,
  ...recordFailureChecks,
  ...clearAndPurgeChecks,
]
