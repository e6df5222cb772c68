import type { Check } from '../check.js'
import { identityCreateChecks } from './oauth-identities/create-checks.js'
import { identityListDeleteChecks } from './oauth-identities/list-delete-checks.js'
import { identityTouchChecks } from './oauth-identities/touch-checks.js'

/** Checks of `OAuthIdentityRepo` (CONTRACT §2.4, §3.6, §0.5, §0.10, P17–P18). */
export const oauthIdentitiesChecks: readonly Check[] = [
  ...identityCreateChecks,
  ...identityListDeleteChecks,
  ...identityTouchChecks,
]
