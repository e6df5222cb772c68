import type { Check } from '../check.js'

/** Checks of this area (being written). */
export const hostileChecks: readonly Check[] = []
