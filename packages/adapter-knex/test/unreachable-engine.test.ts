/**
 * Live proof of the connection-loss mapping: a knex pointing at a port nobody listens on makes every
 * repository method reject with UNAVAILABLE (driver error as cause), on both networked families.
 */
import { createServer } from 'node:net'
import {
  FrozenClock,
  makeNewMfaCode,
  makeNewOAuthIdentity,
  makeNewOAuthState,
  makeNewPendingRegistration,
  makeNewUser,
  type Repos,
} from '@regstack/protocols'
import knexFactory, { type Knex } from 'knex'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createKnexRepos } from '../src/index.js'

const quiet = (): void => {}

/** A loopback port that was free a moment ago: bound, read, released. */
async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  await new Promise<void>((resolve) => server.close(() => resolve()))
  if (address === null || typeof address === 'string') throw new Error('no TCP address')
  return address.port
}

/** One call of every repository method, with valid arguments. */
function everyMethod(repos: Repos, clock: FrozenClock): [string, () => Promise<unknown>][] {
  const later = new Date(clock.now().getTime() + 60_000)
  const id = 'u1'
  return [
    ['users.create', () => repos.users.create(makeNewUser({ email: 'a@x.io' }, clock))],
    ['users.getByEmail', () => repos.users.getByEmail('a@x.io')],
    ['users.getById', () => repos.users.getById(id)],
    ['users.setLastLogin', () => repos.users.setLastLogin(id, later)],
    ['users.setTokensInvalidatedAfter', () => repos.users.setTokensInvalidatedAfter(id, later)],
    ['users.updatePassword', () => repos.users.updatePassword(id, 'h')],
    ['users.setActive', () => repos.users.setActive(id, { isActive: false })],
    ['users.setSuperuser', () => repos.users.setSuperuser(id, { isSuperuser: true })],
    ['users.setFullName', () => repos.users.setFullName(id, 'A')],
    ['users.setPhone', () => repos.users.setPhone(id, '1')],
    ['users.setMfaEnabled', () => repos.users.setMfaEnabled(id, { isMfaEnabled: true })],
    ['users.updateEmail', () => repos.users.updateEmail(id, 'b@x.io')],
    ['users.delete', () => repos.users.delete(id)],
    ['users.count', () => repos.users.count()],
    ['users.listPaged', () => repos.users.listPaged()],
    [
      'pending.upsert',
      () =>
        repos.pending.upsert(
          makeNewPendingRegistration(
            { email: 'p@x.io', hashedPassword: 'h', tokenHash: 't', expiresAt: later },
            clock,
          ),
        ),
    ],
    ['pending.findByTokenHash', () => repos.pending.findByTokenHash('t')],
    ['pending.findByEmail', () => repos.pending.findByEmail('p@x.io')],
    ['pending.deleteByEmail', () => repos.pending.deleteByEmail('p@x.io')],
    ['pending.purgeExpired', () => repos.pending.purgeExpired()],
    ['pending.countUnexpired', () => repos.pending.countUnexpired()],
    ['blacklist.revoke', () => repos.blacklist.revoke('j', later)],
    ['blacklist.isRevoked', () => repos.blacklist.isRevoked('j')],
    ['blacklist.purgeExpired', () => repos.blacklist.purgeExpired()],
    ['attempts.recordFailure', () => repos.attempts.recordFailure('a@x.io')],
    ['attempts.countRecent', () => repos.attempts.countRecent('a@x.io', { windowMs: 1, now: later })],
    ['attempts.clear', () => repos.attempts.clear('a@x.io')],
    ['attempts.purgeExpired', () => repos.attempts.purgeExpired(later, 1)],
    [
      'mfaCodes.put',
      () =>
        repos.mfaCodes.put(
          makeNewMfaCode({ userId: id, kind: 'login_mfa', codeHash: 'c', expiresAt: later }, clock),
        ),
    ],
    ['mfaCodes.verify', () => repos.mfaCodes.verify({ userId: id, kind: 'login_mfa', rawCode: '1' })],
    ['mfaCodes.delete', () => repos.mfaCodes.delete({ userId: id })],
    ['mfaCodes.find', () => repos.mfaCodes.find({ userId: id, kind: 'login_mfa' })],
    ['mfaCodes.purgeExpired', () => repos.mfaCodes.purgeExpired()],
    [
      'oauthIdentities.create',
      () =>
        repos.oauthIdentities.create(
          makeNewOAuthIdentity({ userId: id, provider: 'gh', subjectId: 's' }, clock),
        ),
    ],
    [
      'oauthIdentities.findBySubject',
      () => repos.oauthIdentities.findBySubject({ provider: 'gh', subjectId: 's' }),
    ],
    ['oauthIdentities.listForUser', () => repos.oauthIdentities.listForUser(id)],
    ['oauthIdentities.delete', () => repos.oauthIdentities.delete({ userId: id, provider: 'gh' })],
    ['oauthIdentities.deleteByUserId', () => repos.oauthIdentities.deleteByUserId(id)],
    [
      'oauthIdentities.touchLastUsed',
      () => repos.oauthIdentities.touchLastUsed({ provider: 'gh', subjectId: 's', when: later }),
    ],
    [
      'oauthStates.create',
      () =>
        repos.oauthStates.create(
          makeNewOAuthState(
            { id: 's', provider: 'gh', codeVerifier: 'v', nonce: 'n', redirectTo: '/', mode: 'signin' },
            clock,
          ),
        ),
    ],
    ['oauthStates.find', () => repos.oauthStates.find('s')],
    ['oauthStates.setResultToken', () => repos.oauthStates.setResultToken('s', 'tok')],
    ['oauthStates.consume', () => repos.oauthStates.consume('s')],
    ['oauthStates.purgeExpired', () => repos.oauthStates.purgeExpired()],
  ]
}

for (const client of ['pg', 'mysql2'] as const) {
  describe(`an unreachable ${client} server`, () => {
    let knex: Knex
    let repos: Repos
    const clock = new FrozenClock()
    beforeAll(async () => {
      const port = await closedPort()
      knex = knexFactory({
        client,
        connection: { host: '127.0.0.1', port, user: 'root', database: 'test' },
        pool: { min: 0, max: 2 },
        acquireConnectionTimeout: 5_000,
        // knex logs each refused connect; the assertions below are the record.
        log: { warn: quiet, error: quiet, debug: quiet, deprecate: quiet },
      })
      repos = createKnexRepos(knex, { clock })
    })
    afterAll(async () => await knex.destroy())

    it('makes every repository method reject with UNAVAILABLE, the driver error as cause', async () => {
      const calls = everyMethod(repos, clock)
      expect(calls).toHaveLength(44)
      for (const [name, call] of calls) {
        const error: unknown = await call().then(
          () => new Error(`${name} resolved`),
          (e: unknown) => e,
        )
        expect(error, name).toMatchObject({ code: 'UNAVAILABLE', name: 'StorageUnavailableError' })
        expect((error as { cause?: { code?: unknown } }).cause?.code, name).toBe('ECONNREFUSED')
      }
    })
  })
}
