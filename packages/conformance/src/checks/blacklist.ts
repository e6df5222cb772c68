import type { Check } from '../check.js'
import { blacklistPurgeChecks } from './blacklist/purge-expired.js'
import { revokeChecks } from './blacklist/revoke.js'

/** Checks of the revoked-token store (CONTRACT §3.3, §0.9, §0.12; P12, P13); simplest rules first. */
export const blacklistChecks: readonly Check[] = [...revokeChecks, ...blacklistPurgeChecks]
