import { type ContractRevision, NEWEST_CONTRACT_REVISION } from '@regstack/protocols'
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
 * gets, so defaulted dates are predicted exactly. It models one contract revision (the newest unless
 * told otherwise): a `2026-05` oracle's OAuth states have no `resultWasNew`.
 */
export class Oracle {
  readonly users: UsersOracle
  readonly pending: PendingOracle
  readonly blacklist: BlacklistOracle
  readonly attempts: AttemptsOracle
  readonly mfaCodes: MfaCodesOracle
  readonly oauthIdentities: OAuthIdentitiesOracle
  readonly oauthStates: OAuthStatesOracle

  readonly #now: () => Date

  constructor(now: () => Date, revision: ContractRevision = NEWEST_CONTRACT_REVISION, parts?: OracleParts) {
    this.#now = now
    this.users = parts?.users ?? new UsersOracle(now)
    this.pending = parts?.pending ?? new PendingOracle(now)
    this.blacklist = parts?.blacklist ?? new BlacklistOracle(now)
    this.attempts = parts?.attempts ?? new AttemptsOracle(now)
    this.mfaCodes = parts?.mfaCodes ?? new MfaCodesOracle(now)
    this.oauthIdentities = parts?.oauthIdentities ?? new OAuthIdentitiesOracle()
    this.oauthStates = parts?.oauthStates ?? new OAuthStatesOracle(now, revision)
  }

  /**
   * An independent copy reading "now" from `now` (the linearizability search branches on states, so
   * it needs cheap copies; rows are immutable, only their lists are copied).
   */
  clone(now: () => Date = this.#now): Oracle {
    // The revision lives in the cloned parts; only the OAuth states depend on it.
    return new Oracle(now, NEWEST_CONTRACT_REVISION, {
      users: this.users.clone(now),
      pending: this.pending.clone(now),
      blacklist: this.blacklist.clone(now),
      attempts: this.attempts.clone(now),
      mfaCodes: this.mfaCodes.clone(now),
      oauthIdentities: this.oauthIdentities.clone(),
      oauthStates: this.oauthStates.clone(now),
    })
  }

  /** The whole state as plain data (rows of every repository), for comparing and memoising states. */
  state(): unknown {
    return [
      this.users.state(),
      this.pending.state(),
      this.blacklist.state(),
      this.attempts.state(),
      this.mfaCodes.state(),
      this.oauthIdentities.state(),
      this.oauthStates.state(),
    ]
  }
}

/** The repositories of an oracle, for building one from copies. */
interface OracleParts {
  readonly users: UsersOracle
  readonly pending: PendingOracle
  readonly blacklist: BlacklistOracle
  readonly attempts: AttemptsOracle
  readonly mfaCodes: MfaCodesOracle
  readonly oauthIdentities: OAuthIdentitiesOracle
  readonly oauthStates: OAuthStatesOracle
}
