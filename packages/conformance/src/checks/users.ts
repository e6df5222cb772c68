import type { Check } from '../check.js'
import { usersCountChecks } from './users/users-count.js'
import { usersCreateChecks } from './users/users-create.js'
import { usersFreshnessChecks } from './users/users-freshness.js'
import { usersIdChecks } from './users/users-ids.js'
import { usersListPagedChecks } from './users/users-list-paged.js'
import { usersNoCascadeChecks } from './users/users-no-cascade.js'
import { usersNoopChecks } from './users/users-noops.js'
import { usersSetterChecks } from './users/users-setters.js'
import { usersUpdateEmailChecks } from './users/users-update-email.js'

/**
 * Checks of `UserRepo` (CONTRACT §0, §3.1, §7 P1–P8). Round-trips come first because almost every
 * other check reads users back; the rules adapters most often get wrong (exact emails, the all-or-
 * nothing updateEmail, tie-breaks) follow before the long tail of setters and odd ids.
 */
export const usersChecks: readonly Check[] = [
  ...usersCreateChecks,
  ...usersUpdateEmailChecks,
  ...usersListPagedChecks,
  ...usersCountChecks,
  ...usersSetterChecks,
  ...usersIdChecks,
  ...usersNoopChecks,
  ...usersNoCascadeChecks,
  ...usersFreshnessChecks,
]
