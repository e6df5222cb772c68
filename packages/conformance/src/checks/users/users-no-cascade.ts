import {
  makeNewMfaCode,
  makeNewOAuthIdentity,
  makeNewPendingRegistration,
  makeNewUser,
} from '@regstack/protocols'
import { sha256Hex } from '../../arbitraries/sha256.js'
import type { Check } from '../../check.js'
import { expectEqual, expectTrue } from '../../harness/assert.js'

const HOUR_MS = 60 * 60 * 1000

/**
 * There are no foreign keys (CONTRACT §1.1): deleting a user leaves the rows other repositories keep
 * under its id or email. The service layer cleans some of them up itself, in its own order; an
 * adapter that cascades would change what those services observe (e.g. MFA codes left to expire).
 */
export const usersNoCascadeChecks: readonly Check[] = [
  {
    id: 'users.delete.does-not-cascade',
    title:
      'delete removes only the user: MFA codes, OAuth identities, pending rows and login attempts under its id or email stay.',
    area: 'users',
    level: 'MUST',
    clause: '§1.1',
    run: async (ctx) => {
      const store = await ctx.open()
      const { repos, clock } = store
      const later = new Date(clock.now().getTime() + HOUR_MS / 2)
      // Distinct keys per round by construction: generated hex could repeat and collide on email.
      for (let n = 0; n < 3; n++) {
        const email = `cascade-${n}@example.com`
        const token = sha256Hex(`cascade-${n}`)
        const user = await repos.users.create(makeNewUser({ email }, clock))
        const code = makeNewMfaCode(
          { userId: user.id, kind: 'login_mfa', codeHash: sha256Hex('123456'), expiresAt: later },
          clock,
        )
        await repos.mfaCodes.put(code)
        const identity = await repos.oauthIdentities.create(
          makeNewOAuthIdentity({ userId: user.id, provider: 'github', subjectId: token }, clock),
        )
        const pending = await repos.pending.upsert(
          makeNewPendingRegistration(
            { email, hashedPassword: 'h', tokenHash: token, expiresAt: later },
            clock,
          ),
        )
        await repos.attempts.recordFailure(email)
        expectEqual(await repos.users.delete(user.id), true, `users.delete(${user.id})`)
        const mfa = await repos.mfaCodes.find({ userId: user.id, kind: 'login_mfa' })
        expectTrue(
          mfa !== null,
          'the MFA code of the deleted user must remain (no cascade); find returned null',
        )
        expectEqual(
          await repos.oauthIdentities.listForUser(user.id),
          [identity],
          'listForUser of the deleted user (no cascade)',
        )
        expectEqual(
          await repos.pending.findByEmail(email),
          pending,
          'the pending row under the deleted user’s email',
        )
        expectEqual(
          await repos.attempts.countRecent(email, { windowMs: HOUR_MS, now: clock.now() }),
          1,
          'login attempts recorded for the deleted user’s email',
        )
      }
    },
  },
]
