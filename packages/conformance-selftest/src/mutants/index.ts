import { ATOMICITY_MUTANTS } from './atomicity-mutants.js'
import { ATTEMPTS_MUTANTS } from './attempts-mutants.js'
import { BLACKLIST_MUTANTS } from './blacklist-mutants.js'
import { CONTRACT_WIDE_MUTANTS } from './contract-wide-mutants.js'
import { ENCODER_MUTANTS } from './encoder-mutants.js'
import { MFA_MUTANTS } from './mfa-mutants.js'
import type { Mutant } from './mutant.js'
import { OAUTH_IDENTITIES_MUTANTS } from './oauth-identities-mutants.js'
import { OAUTH_STATES_MUTANTS } from './oauth-states-mutants.js'
import { PENDING_MUTANTS } from './pending-mutants.js'
import { SHARED_REFERENCE_MUTANTS } from './shared-reference-mutants.js'
import { TIME_ZONE_MUTANTS } from './time-zone-mutants.js'
import { USERS_MUTANTS } from './users-mutants.js'

export { CORRECT_VARIANTS } from './correct-variants.js'
export type { CorrectVariant, Mutant } from './mutant.js'
export { TIME_ZONE_MUTANTS } from './time-zone-mutants.js'

/** Every mutant of the corpus, grouped by area. */
export const ALL_MUTANTS: readonly Mutant[] = [
  ...USERS_MUTANTS,
  ...PENDING_MUTANTS,
  ...BLACKLIST_MUTANTS,
  ...ATTEMPTS_MUTANTS,
  ...MFA_MUTANTS,
  ...OAUTH_IDENTITIES_MUTANTS,
  ...OAUTH_STATES_MUTANTS,
  ...CONTRACT_WIDE_MUTANTS,
  ...TIME_ZONE_MUTANTS,
  ...ATOMICITY_MUTANTS,
  ...SHARED_REFERENCE_MUTANTS,
  ...ENCODER_MUTANTS,
]
