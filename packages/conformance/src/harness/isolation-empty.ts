import type { IsolationKeys } from '../arbitraries/isolation-keys.js'
import type { Store } from '../check.js'
import { ContractViolation } from './contract-violation.js'
import { describeValue } from './describe-value.js'
import { EVERY_ATTEMPT } from './isolation-probe.js'

/**
 * Everything `store` holds under `keys`, by read-only probes (no purge, nothing that could clean up
 * what it is looking for), as `repository.method(key) returned value` lines; empty when nothing.
 * @param userId - an id another store gave its user, looked up here too.
 */
export async function findLeftovers(store: Store, keys: IsolationKeys, userId?: string): Promise<string[]> {
  const { repos } = store
  const found: string[] = []
  const note = (call: string, value: unknown): void => {
    found.push(`${call} returned ${describeValue(value)}`)
  }
  const userCount = await repos.users.count()
  if (userCount !== 0) note('users.count()', userCount)
  const page = await repos.users.listPaged()
  if (page.length !== 0) note('users.listPaged()', page)
  const byEmail = await repos.users.getByEmail(keys.email)
  if (byEmail !== null) note(`users.getByEmail(${describeValue(keys.email)})`, byEmail)
  if (userId !== undefined) {
    const byId = await repos.users.getById(userId)
    if (byId !== null) note(`users.getById(${describeValue(userId)})`, byId)
  }
  const unexpired = await repos.pending.countUnexpired(new Date(0))
  if (unexpired !== 0) note('pending.countUnexpired(new Date(0))', unexpired)
  const pendingByEmail = await repos.pending.findByEmail(keys.email)
  if (pendingByEmail !== null) note(`pending.findByEmail(${describeValue(keys.email)})`, pendingByEmail)
  const pendingByToken = await repos.pending.findByTokenHash(keys.tokenHash)
  if (pendingByToken !== null)
    note(`pending.findByTokenHash(${describeValue(keys.tokenHash)})`, pendingByToken)
  const revoked = await repos.blacklist.isRevoked(keys.jti)
  if (revoked) note(`blacklist.isRevoked(${describeValue(keys.jti)})`, revoked)
  const attempts = await repos.attempts.countRecent(keys.email, EVERY_ATTEMPT)
  if (attempts !== 0)
    note(`attempts.countRecent(${describeValue(keys.email)}, { windowMs: 0, now: epoch })`, attempts)
  for (const kind of ['login_mfa', 'phone_setup'] as const) {
    const code = await repos.mfaCodes.find({ userId: keys.userId, kind })
    if (code !== null) note(`mfaCodes.find(${describeValue({ userId: keys.userId, kind })})`, code)
  }
  const subject = { provider: keys.provider, subjectId: keys.subjectId }
  const identity = await repos.oauthIdentities.findBySubject(subject)
  if (identity !== null) note(`oauthIdentities.findBySubject(${describeValue(subject)})`, identity)
  const identities = await repos.oauthIdentities.listForUser(keys.userId)
  if (identities.length !== 0) note(`oauthIdentities.listForUser(${describeValue(keys.userId)})`, identities)
  const state = await repos.oauthStates.find(keys.stateId)
  if (state !== null) note(`oauthStates.find(${describeValue(keys.stateId)})`, state)
  return found
}

/** Fails, listing every leftover by repository and key, unless `store` holds nothing under `keys`. */
export async function expectNoLeftovers(
  store: Store,
  keys: IsolationKeys,
  situation: string,
  userId?: string,
): Promise<void> {
  const found = await findLeftovers(store, keys, userId)
  if (found.length === 0) return
  throw new ContractViolation(`${situation}, yet it is not empty:\n  - ${found.join('\n  - ')}`)
}
