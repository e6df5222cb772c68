import type { FrozenClock, Repos } from '@regstack/protocols'
import type { BridgeProcess } from './bridge-process.js'
import { fromWireError } from './wire-error.js'
import { decodeWireValue, encodeWireValue, type WireValue } from './wire-value.js'

/** Method names of every repository of `Repos`. */
export type RepoMethods = { readonly [R in keyof Repos]: readonly (keyof Repos[R] & string)[] }

/** Every repository method of `Repos`, by repository: the calls a bridge must answer. */
export const REPO_METHODS: RepoMethods = {
  users: [
    'create',
    'getByEmail',
    'getById',
    'setLastLogin',
    'setTokensInvalidatedAfter',
    'updatePassword',
    'setActive',
    'setSuperuser',
    'setFullName',
    'setPhone',
    'setMfaEnabled',
    'updateEmail',
    'delete',
    'count',
    'listPaged',
  ],
  pending: ['upsert', 'findByTokenHash', 'findByEmail', 'deleteByEmail', 'purgeExpired', 'countUnexpired'],
  blacklist: ['revoke', 'isRevoked', 'purgeExpired'],
  attempts: ['recordFailure', 'countRecent', 'clear', 'purgeExpired'],
  mfaCodes: ['put', 'verify', 'delete', 'find', 'purgeExpired'],
  oauthIdentities: ['create', 'findBySubject', 'listForUser', 'delete', 'deleteByUserId', 'touchLastUsed'],
  oauthStates: ['create', 'find', 'setResultToken', 'consume', 'purgeExpired'],
}

/**
 * `Repos` whose every method is one request to the bridge: `{ op: 'call', store, repo, method, args,
 * now }`, where `now` is the store clock's instant at the moment of the call — the only clock the
 * implementation may use.
 */
export function bridgeRepos(bridge: BridgeProcess, store: string, clock: FrozenClock): Repos {
  const repos: Record<string, Record<string, (...args: unknown[]) => Promise<unknown>>> = {}
  for (const [repo, methods] of Object.entries(REPO_METHODS)) {
    const bound: Record<string, (...args: unknown[]) => Promise<unknown>> = {}
    for (const method of methods) {
      bound[method] = async (...args: unknown[]): Promise<unknown> => {
        const answer = await bridge.request({
          op: 'call',
          store,
          repo,
          method,
          args: args.map((a) => encodeWireValue(a)) as WireValue[],
          now: clock.now().getTime(),
        })
        if (!answer.ok) throw fromWireError(answer.error, `${repo}.${method}`)
        return decodeWireValue(answer.result)
      }
    }
    repos[repo] = bound
  }
  return repos as unknown as Repos
}
