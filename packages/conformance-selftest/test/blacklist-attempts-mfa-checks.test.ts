import { randomUUID } from 'node:crypto'
import { createMemoryRepos } from '@regstack/adapter-memory'
import { ALL_CHECKS, type Area, checkConformance, formatFailure, type MakeRepos } from '@regstack/conformance'
import {
  type BlacklistRepo,
  type Clock,
  type LoginAttemptRepo,
  MAX_DATE_MS,
  type MfaCodeRepo,
  type MfaVerifyResult,
  mfaCodeMatches,
  type Repos,
} from '@regstack/protocols'
import { describe, expect, it } from 'vitest'

/** The checks of one area, in the suite's order. */
const checksOf = (area: Area) => ALL_CHECKS.filter((c) => c.area === area)
const blacklistChecks = checksOf('blacklist')
const attemptsChecks = checksOf('attempts')
const mfaCodesChecks = checksOf('mfaCodes')

type Part = 'blacklist' | 'attempts' | 'mfaCodes'

/** A memory store with one repository replaced by `mutate(original, clock)`. */
function mutant<P extends Part>(part: P, mutate: (original: Repos[P], clock: Clock) => Repos[P]): MakeRepos {
  return ({ clock }) => {
    const repos = createMemoryRepos({ clock })
    return { repos: { ...repos, [part]: mutate(repos[part], clock) } }
  }
}

/** A deliberately simple blacklist with switchable faults (the real one cannot be bent from outside). */
function faultyBlacklist(
  clock: Clock,
  faults: { lastWins?: boolean; purgeInclusive?: boolean; wallClock?: boolean; expiresOnRead?: boolean },
): BlacklistRepo {
  const rows = new Map<string, number>()
  const now = (): number => (faults.wallClock ? Date.now() : clock.now().getTime())
  return {
    async revoke(jti, exp) {
      if (faults.lastWins || !rows.has(jti)) rows.set(jti, exp.getTime())
    },
    async isRevoked(jti) {
      const exp = rows.get(jti)
      return exp !== undefined && (!faults.expiresOnRead || exp > now())
    },
    async purgeExpired(at) {
      const cutoff = at?.getTime() ?? now()
      let n = 0
      for (const [jti, exp] of rows) {
        if (exp < cutoff || (faults.purgeInclusive && exp === cutoff)) {
          rows.delete(jti)
          n += 1
        }
      }
      return n
    },
  }
}

const blacklist = (faults: Parameters<typeof faultyBlacklist>[1]): MakeRepos =>
  mutant('blacklist', (_, clock) => faultyBlacklist(clock, faults))

const attempts = (mutate: (a: LoginAttemptRepo) => Partial<LoginAttemptRepo>): MakeRepos =>
  mutant('attempts', (a) => ({ ...a, ...mutate(a) }))

const mfa = (mutate: (m: MfaCodeRepo, clock: Clock) => Partial<MfaCodeRepo>): MakeRepos =>
  mutant('mfaCodes', (m, clock) => ({ ...m, ...mutate(m, clock) }))

const plus = (d: Date, ms: number): Date => new Date(d.getTime() + ms)

/**
 * `verify` as an adapter would answer it if it thought a code expiring at `exp` were still live
 * whenever `live(exp)` holds: the row is briefly moved past the clock, verified, and put back.
 */
async function verifyLiveWhen(
  m: MfaCodeRepo,
  o: Parameters<MfaCodeRepo['verify']>[0],
  live: (expMs: number) => boolean,
): Promise<MfaVerifyResult> {
  const row = await m.find(o)
  if (row === null || !live(row.expiresAt.getTime())) return m.verify(o)
  await m.put({ ...row, expiresAt: new Date(MAX_DATE_MS) })
  const result = await m.verify(o)
  const after = await m.find(o)
  if (after !== null) await m.put({ ...after, expiresAt: row.expiresAt })
  return result
}

/** Broken adapters, each with the checks that must catch it. */
const MUTANTS: Record<string, { checks: string[]; make: MakeRepos }> = {
  'revoke: the last exp wins': {
    checks: ['blacklist.revoke.first-exp-wins'],
    make: blacklist({ lastWins: true }),
  },
  'blacklist purge deletes exp == now': {
    checks: ['blacklist.purgeExpired.strict-cutoff', 'blacklist.purgeExpired.default-now-is-clock'],
    make: blacklist({ purgeInclusive: true }),
  },
  'blacklist purge defaults to the system clock': {
    checks: ['blacklist.purgeExpired.default-now-is-clock'],
    make: blacklist({ wallClock: true }),
  },
  'isRevoked consults exp': {
    checks: ['blacklist.isRevoked.ignores-exp'],
    make: blacklist({ expiresOnRead: true }),
  },
  'isRevoked folds case': {
    checks: ['blacklist.isRevoked.exact-jti'],
    make: mutant('blacklist', (b) => ({
      ...b,
      isRevoked: async (j) => (await b.isRevoked(j)) || b.isRevoked(j.toLowerCase()),
    })),
  },
  'revoke rejects a duplicate jti': {
    checks: ['blacklist.revoke.first-exp-wins'],
    make: mutant('blacklist', (b) => ({
      ...b,
      revoke: async (j, e) => {
        if (await b.isRevoked(j)) throw new Error('duplicate key jti')
        await b.revoke(j, e)
      },
    })),
  },
  'countRecent excludes the window edge': {
    checks: ['attempts.countRecent.window-boundary', 'attempts.countRecent.matches-direct-count'],
    make: attempts((a) => ({ countRecent: (e, o) => a.countRecent(e, { ...o, now: plus(o.now, 1) }) })),
  },
  'countRecent ignores future rows': {
    checks: ['attempts.countRecent.window-boundary', 'attempts.countRecent.matches-direct-count'],
    make: attempts((a) => ({
      countRecent: async (e, o) =>
        (await a.countRecent(e, o)) - (await a.countRecent(e, { windowMs: 0, now: plus(o.now, 1) })),
    })),
  },
  'countRecent trims the email': {
    checks: ['attempts.countRecent.exact-email'],
    make: attempts((a) => ({ countRecent: (e, o) => a.countRecent(e.trim(), o) })),
  },
  'recordFailure defaults to the system clock': {
    checks: ['attempts.recordFailure.default-when-is-clock'],
    make: attempts((a) => ({
      recordFailure: (e, o) => a.recordFailure(e, { ...o, when: o?.when ?? new Date() }),
    })),
  },
  'recordFailure deduplicates (email, when)': {
    checks: ['attempts.recordFailure.appends-every-call'],
    make: attempts((a) => ({
      recordFailure: async (e, o) => {
        const when = o?.when
        if (when && (await a.countRecent(e, { windowMs: 0, now: when })) > 0) return
        await a.recordFailure(e, o)
      },
    })),
  },
  'clear also clears the lower-cased email': {
    checks: ['attempts.clear.only-that-email'],
    make: attempts((a) => ({
      clear: async (e) => {
        await a.clear(e)
        await a.clear(e.toLowerCase())
      },
    })),
  },
  'attempts purge deletes the edge': {
    checks: ['attempts.purgeExpired.strict-cutoff'],
    make: attempts((a) => ({ purgeExpired: (now, w) => a.purgeExpired(plus(now, 1), w) })),
  },
  'verify reports one attempt too many left': {
    checks: ['mfaCodes.verify.wrong-guesses-count-down', 'mfaCodes.verify.model-based'],
    make: mfa((m) => ({
      verify: async (o) => {
        const r = await m.verify(o)
        return r.outcome === 'wrong' ? { ...r, attemptsRemaining: r.attemptsRemaining + 1 } : r
      },
    })),
  },
  'verify treats expiresAt == now as live': {
    checks: ['mfaCodes.verify.expiry-boundary', 'mfaCodes.verify.model-based'],
    make: mfa((m, clock) => ({
      verify: (o) => verifyLiveWhen(m, o, (exp) => exp === clock.now().getTime()),
    })),
  },
  'verify looks at the code before expiry': {
    checks: ['mfaCodes.verify.expiry-boundary'],
    make: mfa((m) => ({
      verify: async (o) => {
        const row = await m.find(o)
        if (row === null || row.attempts >= row.maxAttempts || !mfaCodeMatches(o.rawCode, row.codeHash))
          return m.verify(o)
        await m.delete(o)
        return { outcome: 'ok', attemptsRemaining: 0 }
      },
    })),
  },
  'verify uses the system clock': {
    checks: ['mfaCodes.verify.expiry-uses-injected-clock'],
    make: mfa((m) => ({ verify: (o) => verifyLiveWhen(m, o, (exp) => exp > Date.now()) })),
  },
  'verify trims the raw code': {
    checks: ['mfaCodes.verify.sha256-utf8-hex'],
    make: mfa((m) => ({ verify: (o) => m.verify({ ...o, rawCode: o.rawCode.trim() }) })),
  },
  'locked by exhaustion leaves the row': {
    checks: ['mfaCodes.verify.exhausted-is-locked', 'mfaCodes.verify.model-based'],
    make: mfa((m) => ({
      verify: async (o) => {
        const row = await m.find(o)
        return row !== null && row.attempts >= row.maxAttempts
          ? { outcome: 'locked', attemptsRemaining: 0 }
          : m.verify(o)
      },
    })),
  },
  'put gives a replaced row a new id': {
    checks: ['mfaCodes.put.replaces-and-keeps-id'],
    make: mfa((m) => ({
      put: async (c) => {
        await m.delete(c)
        await m.put(c)
      },
    })),
  },
  'put keeps the attempts of the replaced row': {
    checks: ['mfaCodes.put.replaces-and-keeps-id', 'mfaCodes.verify.model-based'],
    make: mfa((m) => ({
      put: async (c) => m.put({ ...c, attempts: (await m.find(c))?.attempts ?? c.attempts }),
    })),
  },
  'find ignores the kind': {
    checks: ['mfaCodes.put.find-round-trip'],
    make: mfa((m) => ({
      find: async (o) =>
        (await m.find(o)) ?? m.find({ ...o, kind: o.kind === 'login_mfa' ? 'phone_setup' : 'login_mfa' }),
    })),
  },
  'delete with a null kind removes one kind only': {
    checks: ['mfaCodes.delete.kind-or-every-kind'],
    make: mfa((m) => ({
      delete: (o) => m.delete({ userId: o.userId, kind: o.kind === null ? 'login_mfa' : o.kind }),
    })),
  },
  'delete ignores the user': {
    checks: ['mfaCodes.put.keys-independent'],
    make: mfa((m) => ({
      delete: async (o) => {
        await m.delete(o)
        await m.delete({ ...o, userId: o.userId.toUpperCase() })
      },
    })),
  },
  'mfa purge deletes expiresAt == now': {
    checks: ['mfaCodes.purgeExpired.strict-cutoff', 'mfaCodes.purgeExpired.default-now-is-clock'],
    make: mfa((m, clock) => ({ purgeExpired: (now) => m.purgeExpired(plus(now ?? clock.now(), 1)) })),
  },
  'mfa purge defaults to the system clock': {
    checks: ['mfaCodes.purgeExpired.default-now-is-clock'],
    make: mfa((m) => ({ purgeExpired: (now) => m.purgeExpired(now ?? new Date()) })),
  },
}

const AREAS = ['blacklist', 'attempts', 'mfaCodes'] as const
const memory: MakeRepos = ({ clock }) => ({ repos: createMemoryRepos({ clock }) })

/**
 * A correct adapter unlike the memory one: UUID ids, and an engine that reaps expired codes and
 * blacklist entries by the wall clock before every call, as eagerly as automatic expiry allows.
 */
const eagerReaper: MakeRepos = ({ clock }) => {
  const repos = createMemoryRepos({ clock, generateId: () => randomUUID() })
  const reap = async (): Promise<void> => {
    await repos.blacklist.purgeExpired(new Date(Date.now() + 1))
    await repos.mfaCodes.purgeExpired(new Date(Date.now() + 1))
  }
  const reaping = <T extends object>(repo: T): T =>
    Object.fromEntries(
      Object.entries(repo).map(([name, fn]) => [
        name,
        async (...args: unknown[]) => {
          await reap()
          return (fn as (...a: unknown[]) => Promise<unknown>)(...args)
        },
      ]),
    ) as T
  return {
    repos: { ...repos, blacklist: reaping(repos.blacklist), mfaCodes: reaping(repos.mfaCodes) },
    capabilities: { automaticExpiry: true },
  }
}

describe('blacklist, attempts and mfaCodes checks', () => {
  it('all pass against the in-memory adapter', async () => {
    const started = performance.now()
    const report = await checkConformance(memory, { areas: [...AREAS] })
    const failures = report.checks.filter((c) => c.status === 'failed').map(formatFailure)
    expect(failures).toEqual([])
    expect(report.checks.map((c) => c.id)).toEqual(
      [...blacklistChecks, ...attemptsChecks, ...mfaCodesChecks].map((c) => c.id),
    )
    const slowest = [...report.checks].sort((a, b) => b.durationMs - a.durationMs).slice(0, 5)
    console.info(
      `blacklist+attempts+mfaCodes against memory: ${Math.round(performance.now() - started)} ms; slowest: ` +
        slowest.map((c) => `${c.id} ${Math.round(c.durationMs)} ms`).join(', '),
    )
  })

  it('all pass against a correct adapter with UUID ids that reaps by the wall clock', async () => {
    const report = await checkConformance(eagerReaper, { areas: [...AREAS] })
    expect(report.checks.filter((c) => c.status === 'failed').map(formatFailure)).toEqual([])
  })

  it('every check has a unique area.method.rule id in its own area', () => {
    for (const [area, checks] of [
      ['blacklist', blacklistChecks],
      ['attempts', attemptsChecks],
      ['mfaCodes', mfaCodesChecks],
    ] as const) {
      for (const check of checks) {
        expect(check.area).toBe(area)
        expect(check.id).toMatch(new RegExp(`^${area}\\.[A-Za-z]+\\.[a-z0-9-]+$`))
        expect(check.clause).toMatch(/^§\d+\.\d+$/)
      }
    }
  })

  for (const [name, { checks, make }] of Object.entries(MUTANTS)) {
    it(`catches a mutant: ${name}`, async () => {
      const report = await checkConformance(make, { checks })
      expect(report.checks.map((c) => [c.id, c.status])).toEqual(checks.map((id) => [id, 'failed']))
      if (process.env.SHOW_FAILURES) {
        for (const c of report.checks) console.info(`${name} → ${c.id}: ${c.failure?.message.slice(0, 300)}`)
      }
    })
  }
})
