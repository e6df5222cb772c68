import type { Check } from '../check.js'
import { attemptsChecks } from './attempts.js'
import { blacklistChecks } from './blacklist.js'
import { concurrencyChecks } from './concurrency.js'
import { faultsChecks } from './faults.js'
import { hostileChecks } from './hostile.js'
import { isolationChecks } from './isolation.js'
import { linearizabilityChecks } from './linearizability.js'
import { mfaCodesChecks } from './mfa-codes.js'
import { modelChecks } from './model.js'
import { oauthIdentitiesChecks } from './oauth-identities.js'
import { oauthStatesChecks } from './oauth-states.js'
import { pendingChecks } from './pending.js'
import { timeZonesChecks } from './time-zones.js'
import { usersChecks } from './users.js'

/** Every check of the suite, in the order they run: cheap per-method rules first, long runs last. */
export const ALL_CHECKS: readonly Check[] = [
  ...isolationChecks,
  ...usersChecks,
  ...pendingChecks,
  ...blacklistChecks,
  ...attemptsChecks,
  ...mfaCodesChecks,
  ...oauthIdentitiesChecks,
  ...oauthStatesChecks,
  ...hostileChecks,
  ...concurrencyChecks,
  ...modelChecks,
  ...linearizabilityChecks,
  ...faultsChecks,
  ...timeZonesChecks,
]

const seen = new Set<string>()
for (const check of ALL_CHECKS) {
  if (seen.has(check.id)) throw new Error(`duplicate conformance check id ${check.id}`)
  seen.add(check.id)
}
