import type { Check } from '../check.js'
import { stateConsumePurgeChecks } from './oauth-states/consume-purge-checks.js'
import { stateCreateFindChecks } from './oauth-states/create-find-checks.js'
import { stateResultWasNewChecks } from './oauth-states/result-was-new-checks.js'
import { stateSetResultTokenChecks } from './oauth-states/set-result-token-checks.js'

/** Checks of `OAuthStateRepo` (CONTRACT §0.1, §0.11, §0.12, §2.5, §3.7, P19; §0.19 since 2026-07). */
export const oauthStatesChecks: readonly Check[] = [
  ...stateCreateFindChecks,
  ...stateSetResultTokenChecks,
  ...stateConsumePurgeChecks,
  ...stateResultWasNewChecks,
]
