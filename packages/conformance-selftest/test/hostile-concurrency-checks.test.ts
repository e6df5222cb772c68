import { createHash } from 'node:crypto'
import { createMemoryRepos } from '@regstack/adapter-memory'
import { checkConformance, formatFailure, hostileInputCounts, type MakeRepos } from '@regstack/conformance'
import {
  type Clock,
  InvalidInputError,
  type MfaKind,
  type MfaVerifyResult,
  type Repos,
  type User,
  UserAlreadyExistsError,
} from '@regstack/protocols'
import { describe, expect, it } from 'vitest'

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))
const sha = (raw: string): string => createHash('sha256').update(raw, 'utf8').digest('hex')
const result = (outcome: MfaVerifyResult['outcome'], attemptsRemaining = 0): MfaVerifyResult => ({
  outcome,
  attemptsRemaining,
})

/** Deletes the code and answers `outcome`, as the terminal states of verify do. */
async function ended(
  m: Repos['mfaCodes'],
  userId: string,
  kind: MfaKind,
  outcome: MfaVerifyResult['outcome'],
): Promise<MfaVerifyResult> {
  await m.delete({ userId, kind })
  return result(outcome)
}

/** A correct memory store with some repositories replaced by `mutate(original, clock)`. */
function mutant(mutate: (repos: Repos, clock: Clock) => Partial<Repos>): MakeRepos {
  return ({ clock }) => {
    const repos = createMemoryRepos({ clock })
    return { repos: { ...repos, ...mutate(repos, clock) } }
  }
}

/** Broken adapters, each with the check that must catch it. */
const MUTANTS: Record<string, { check: string; make: MakeRepos; message?: string }> = {
  'consume reads, waits, then deletes': {
    check: 'concurrency.oauthStates.consume.exactly-one-caller-gets-the-row',
    make: mutant(({ oauthStates: s }) => ({
      oauthStates: {
        ...s,
        consume: async (id) => {
          const found = await s.find(id)
          await sleep(1)
          await s.consume(id)
          return found
        },
      },
    })),
  },
  'verify reads, waits, then writes the state machine': {
    check: 'concurrency.mfaCodes.verify.parallel-wrong-guesses-all-count',
    make: mutant(({ mfaCodes: m }, clock) => ({
      mfaCodes: {
        ...m,
        verify: async ({ userId, kind, rawCode }) => {
          const row = await m.find({ userId, kind })
          await sleep(1)
          if (row === null) return result('missing')
          const { id: _id, ...code } = row
          if (row.attempts >= row.maxAttempts) return ended(m, userId, kind, 'locked')
          if (row.expiresAt <= clock.now()) return ended(m, userId, kind, 'expired')
          if (sha(rawCode) === row.codeHash) return ended(m, userId, kind, 'ok')
          const attempts = row.attempts + 1
          if (attempts >= row.maxAttempts) return ended(m, userId, kind, 'locked')
          await m.put({ ...code, attempts })
          return result('wrong', row.maxAttempts - attempts)
        },
      },
    })),
  },
  'verify reads, waits, then writes (re-issue race)': {
    check: 'concurrency.mfaCodes.verify.atomic-with-put',
    make: (ctx) => {
      const broken = MUTANTS['verify reads, waits, then writes the state machine']
      if (broken === undefined) throw new Error('missing mutant')
      return broken.make(ctx)
    },
  },
  'users.create checks, waits, then inserts (no unique index)': {
    check: 'concurrency.users.create.one-email-one-winner',
    make: mutant(({ users: u }) => ({
      users: {
        ...u,
        create: async (user) => {
          if ((await u.getByEmail(user.email)) !== null) throw new UserAlreadyExistsError(user.email)
          await sleep(1)
          try {
            return await u.create(user)
          } catch {
            // What an engine without the unique index would do: insert a second row and report success.
            return { ...user, id: 'duplicate' } satisfies User
          }
        },
      },
    })),
  },
  'users.create strips U+0000 from fullName instead of rejecting': {
    check: 'hostile.users.create.rejects-bad-input',
    message:
      'users.create with fullName = "a\\u0000b": expected a rejection with code INVALID_INPUT, but it resolved',
    make: mutant(({ users: u }) => ({
      users: {
        ...u,
        create: (user) =>
          u.create(
            typeof user?.fullName === 'string'
              ? { ...user, fullName: user.fullName.replaceAll('\u0000', '') }
              : user,
          ),
      },
    })),
  },
  'listPaged reads limit 0 as unlimited': {
    check: 'hostile.users.listPaged.rejects-bad-input',
    make: mutant(({ users: u }) => ({
      users: { ...u, listPaged: (opts) => u.listPaged(opts?.limit === 0 ? { ...opts, limit: 1000 } : opts) },
    })),
  },
  'getByEmail strips U+0000 before matching': {
    check: 'hostile.lookups.unmatchable-strings-match-nothing',
    make: mutant(({ users: u }) => ({
      users: {
        ...u,
        getByEmail: (email) =>
          u.getByEmail(typeof email === 'string' ? email.replaceAll('\u0000', '') : email),
      },
    })),
  },
  'verify rejects a raw code with a lone surrogate': {
    check: 'hostile.mfaCodes.verify.unmatchable-raw-code-is-a-wrong-guess',
    make: mutant(({ mfaCodes: m }) => ({
      mfaCodes: {
        ...m,
        verify: async (opts) => {
          if (typeof opts.rawCode === 'string' && LONE_SURROGATE.test(opts.rawCode))
            throw new InvalidInputError('rawCode', 'lone surrogate')
          return await m.verify(opts)
        },
      },
    })),
  },
  'users.create stores and returns extra keys': {
    check: 'hostile.inputs.extra-keys-ignored',
    make: mutant(({ users: u }) => {
      const extras = new Map<string, Record<string, unknown>>()
      const withExtras = (user: User | null): User | null =>
        user === null ? null : { ...user, ...extras.get(user.id) }
      return {
        users: {
          ...u,
          create: async (user) => {
            const created = await u.create(user)
            const { email: _e, ...rest } = user
            extras.set(created.id, Object.fromEntries(Object.entries(rest).filter(([k]) => !(k in created))))
            return withExtras(created) as User
          },
          getById: async (id) => withExtras(await u.getById(id)),
        },
      }
    }),
  },
}

describe('hostile and concurrency checks', () => {
  it('pass against the memory adapter', async () => {
    const started = performance.now()
    const report = await checkConformance(({ clock }) => ({ repos: createMemoryRepos({ clock }) }), {
      areas: ['hostile', 'concurrency'],
    })
    const failures = report.checks
      .filter((c) => c.status === 'failed')
      .map((c) => `${c.id}\n${formatFailure(c)}`)
    console.info(`memory: ${report.checks.length} checks in ${Math.round(performance.now() - started)} ms`)
    expect(failures).toEqual([])
    expect(report.checks.length).toBeGreaterThan(50)
  })

  it('counts the hostile inputs of every method', () => {
    const counts = hostileInputCounts()
    expect(Object.keys(counts)).toHaveLength(44)
    expect(Math.min(...Object.values(counts))).toBeGreaterThan(0)
  })

  for (const [name, { check, make, message }] of Object.entries(MUTANTS)) {
    it(`catches: ${name}`, async () => {
      const report = await checkConformance(make, { checks: [check] })
      const failed = report.checks.filter((c) => c.status === 'failed')
      expect(failed.map((c) => c.id).join(), `${check} should fail`).not.toBe('')
      for (const c of failed) expect(c.failure?.message).toBeTruthy()
      if (message !== undefined) expect(failed[0]?.failure?.message).toContain(message)
      if (process.env.SHOW_FAILURES)
        console.info(failed.map((c) => `${c.id}: ${c.failure?.message}`).join('\n'))
    })
  }
})
