import type fc from 'fast-check'
import { attemptsCommands } from './attempts-commands.js'
import { blacklistCommands } from './blacklist-commands.js'
import { identityCommands } from './identity-commands.js'
import { mfaCommands } from './mfa-commands.js'
import type { ModelCommand } from './model-command.js'
import { pendingCommands } from './pending-commands.js'
import { stateCommands } from './state-commands.js'
import { userCommands } from './user-commands.js'

/** The command arbitraries of all seven repositories (clock moves not included), for interleaved runs. */
export function allRepositoryCommands(): fc.Arbitrary<ModelCommand>[] {
  return [
    ...userCommands(),
    ...pendingCommands(),
    ...blacklistCommands(),
    ...attemptsCommands(),
    ...mfaCommands(),
    ...identityCommands(),
    ...stateCommands(),
  ]
}
