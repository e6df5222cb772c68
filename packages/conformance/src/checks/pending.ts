import type { Check } from '../check.js'
import { pendingExpiryChecks } from './pending/pending-expiry.js'
import { pendingFidelityChecks } from './pending/pending-fidelity.js'
import { pendingLookupChecks } from './pending/pending-lookups.js'
import { pendingUpsertChecks } from './pending/pending-upsert.js'

/**
 * Checks of `PendingRepo` (CONTRACT §0, §3.2, §7 P9–P11). Upsert round-trips come first since every
 * other check relies on them; expiry boundaries and the injected-clock defaults, the usual slips,
 * follow straight after replacement rules.
 */
export const pendingChecks: readonly Check[] = [
  ...pendingUpsertChecks,
  ...pendingExpiryChecks,
  ...pendingLookupChecks,
  ...pendingFidelityChecks,
]
