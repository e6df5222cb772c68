import type { Check } from '../check.js'
import { allRepositoryCommands } from './model/all-commands.js'
import { attemptsCommands } from './model/attempts-commands.js'
import { blacklistCommands } from './model/blacklist-commands.js'
import { clockCommands } from './model/clock-commands.js'
import { differentialCheck } from './model/differential-check.js'
import { identityCommands } from './model/identity-commands.js'
import { mfaCommands } from './model/mfa-commands.js'
import { pendingCommands } from './model/pending-commands.js'
import { stateCommands } from './model/state-commands.js'
import { userCommands } from './model/user-commands.js'

/**
 * Model-based differential runs (CONTRACT §7.1 P15 and §3 as a whole): random call sequences over
 * small key pools, compared step by step with a pure oracle. Three focused checks name the family
 * that broke; the last interleaves all seven repositories to catch cross-repository interference.
 */
export const modelChecks: readonly Check[] = [
  differentialCheck({
    id: 'model.users.differential',
    title:
      'Any sequence of users calls and clock moves behaves as the contract states: exact-email uniqueness, setters and their updatedAt and cutoff, updateEmail conflicts, count filters and listPaged order',
    clause: '§3.1, §0.10, §0.15',
    commands: () => [...userCommands(), ...clockCommands()],
    share: 1,
  }),
  differentialCheck({
    id: 'model.pending-blacklist-attempts.differential',
    title:
      'Any sequence of pending, blacklist and login-attempt calls and clock moves behaves as the contract states, expiry and window boundaries included',
    clause: '§3.2–§3.4, §0.11, §0.12',
    commands: () => [...pendingCommands(), ...blacklistCommands(), ...attemptsCommands(), ...clockCommands()],
    share: 1,
  }),
  differentialCheck({
    id: 'model.mfa-oauth.differential',
    title:
      'Any sequence of MFA-code, OAuth-identity and OAuth-state calls and clock moves behaves as the contract states: the verify state machine, both identity conflicts, single-use consume',
    clause: '§3.5–§3.7, §7.1 P15',
    commands: () => [...mfaCommands(), ...identityCommands(), ...stateCommands(), ...clockCommands()],
    share: 1,
  }),
  differentialCheck({
    id: 'model.oauthStates.result-was-new.differential',
    title:
      'Any sequence of OAuth-state calls that give resultWasNew and wasNew, and clock moves, behaves as the contract states: the flag round-trips, defaults to false and is rewritten by every setResultToken',
    clause: '§0.19, §3.7',
    commands: () => [...stateCommands(true), ...clockCommands()],
    share: 0.5,
    since: '2026-07',
  }),
  differentialCheck({
    id: 'model.all-repositories.differential',
    title:
      'Calls interleaved across all seven repositories never affect one another beyond what the contract states',
    clause: '§3',
    commands: () => [...allRepositoryCommands(), ...clockCommands()],
    share: 0.5,
  }),
]
