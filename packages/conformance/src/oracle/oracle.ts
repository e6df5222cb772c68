import { AttemptsOracle } from './attempts-oracle.js'
import { BlacklistOracle } from './blacklist-oracle.js'
import { MfaCodesOracle } from './mfa-codes-oracle.js'
import { OAuthIdentitiesOracle } from './oauth-identities-oracle.js'
import { OAuthStatesOracle } from './oauth-states-oracle.js'
import { PendingOracle } from './pending-oracle.js'
import { UsersOracle } from './users-oracle.js'

/**
 * A pure specification of the seven repositories, written as plainly as possible (a simplification of
 * the contract, never a copy of an adapter). It reads "now" from the same injected clock the adapter
 * gets, so defaulted dates are predicted exactly.
 */
export class Oracle {
  readonly users: UsersOracle
  readonly pending: PendingOracle
  readonly blacklist: BlacklistOracle
  readonly attempts: AttemptsOracle
  readonly mfaCodes: MfaCodesOracle
  readonly oauthIdentities: OAuthIdentitiesOracle
  readonly oauthStates: OAuthStatesOracle

  constructor(now: () => Date) {
    this.users = new UsersOracle(now)
    this.pending = new PendingOracle(now)
    this.blacklist = new BlacklistOracle(now)
    this.attempts = new AttemptsOracle(now)
    this.mfaCodes = new MfaCodesOracle(now)
    this.oauthIdentities = new OAuthIdentitiesOracle()
    this.oauthStates = new OAuthStatesOracle(now)
  }
}
