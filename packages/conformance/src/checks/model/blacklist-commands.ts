import fc from 'fast-check'
import { callCommand, type ModelCommand, nothing } from './model-command.js'
import { expiryOffset, maybe, offset } from './pools.js'
import { renderOffset } from './render-code.js'

const jti = fc.constantFrom('jti-1', 'jti-2', 'jti-3')

/** Repeat revocations of one jti with another `exp` are common, so "the first exp wins" is exercised. */
const revoke = fc.tuple(jti, expiryOffset()).map(([j, x]) =>
  callCommand(`blacklist.revoke(${JSON.stringify(j)}, ${renderOffset(x)})`, 'blacklist.revoke', (run) => {
    const exp = run.at(x)
    return [[j, exp], (r) => r.blacklist.revoke(j, exp), (o) => nothing(o.blacklist.revoke(j, exp))]
  }),
)

const isRevoked = jti.map((j) =>
  callCommand(`blacklist.isRevoked(${JSON.stringify(j)})`, 'blacklist.isRevoked', () => [
    [j],
    (r) => r.blacklist.isRevoked(j),
    (o) => o.blacklist.isRevoked(j),
  ]),
)

const purgeExpired = maybe(offset()).map((x) =>
  callCommand(
    `blacklist.purgeExpired(${x == null ? '' : renderOffset(x)})`,
    'blacklist.purgeExpired',
    (run) => {
      const now = x == null ? undefined : run.at(x)
      return [
        now === undefined ? [] : [now],
        (r) => r.blacklist.purgeExpired(now),
        (o) => o.blacklist.purgeExpired(now),
      ]
    },
  ),
)

/** Every blacklist call. */
export function blacklistCommands(): fc.Arbitrary<ModelCommand>[] {
  return [revoke, revoke, isRevoked, purgeExpired]
}
