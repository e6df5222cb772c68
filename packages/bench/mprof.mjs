import { createMemoryRepos } from '@regstack/adapter-memory'
import { FrozenClock, makeNewMfaCode, makeNewOAuthIdentity, makeNewPendingRegistration, mfaCodeDigest } from '@regstack/protocols'
const clock = new FrozenClock(new Date('2026-07-01T00:00:00Z'))
const repos = createMemoryRepos({ clock })
const N = Number(process.argv[2] ?? 300000)
const only = process.argv[3]
const m = new Map([['k', { a: 1 }]])
const floor = async () => m.get('k')
let K = 0
async function time(name, f) { for (let i = 0; i < 20000; i++) await f(K++); const t = process.hrtime.bigint(); for (let i = 0; i < N; i++) await f(K++); return Number(process.hrtime.bigint() - t) / N / 1000 }
const u = await repos.users.create({ email: 'x@x.test', hashedPassword: 'h', isActive: true, isVerified: false, isSuperuser: false, fullName: null, phoneNumber: null, isMfaEnabled: false, createdAt: clock.now(), updatedAt: clock.now(), lastLogin: null, tokensInvalidatedAfter: null })
await repos.mfaCodes.put({ userId: u.id, kind: 'login_mfa', codeHash: mfaCodeDigest('123456'), expiresAt: new Date(clock.now().getTime() + 3600e3), attempts: 0, maxAttempts: 5, createdAt: clock.now() })
await repos.oauthIdentities.create({ userId: u.id, provider: 'google', subjectId: 'sub-1', email: 'x@x.test', linkedAt: clock.now(), lastUsedAt: clock.now() })
for (let k = 0; k < 5; k++) await repos.attempts.recordFailure('x@x.test', { when: clock.now(), ip: null })
const ops = {
  floor,
  'mfaCodes.find': () => repos.mfaCodes.find({ userId: u.id, kind: 'login_mfa' }),
  'findBySubject': () => repos.oauthIdentities.findBySubject({ provider: 'google', subjectId: 'sub-1' }),
  'countRecent': () => repos.attempts.countRecent('x@x.test', { windowMs: 900000, now: clock.now() }),
  'verify(ok)': async (i) => { await repos.mfaCodes.put({ userId: 'v' + (i % 1000), kind: 'login_mfa', codeHash: HASH, expiresAt: EXP, attempts: 0, maxAttempts: 5, createdAt: clock.now() }); return repos.mfaCodes.verify({ userId: 'v' + (i % 1000), kind: 'login_mfa', rawCode: '123456' }) },
  'put only': (i) => repos.mfaCodes.put({ userId: 'p' + (i % 1000), kind: 'login_mfa', codeHash: HASH, expiresAt: EXP, attempts: 0, maxAttempts: 5, createdAt: clock.now() }),
  'pending.upsert': (i) => repos.pending.upsert({ email: `p${i % 1000}@x.test`, hashedPassword: 'h', fullName: null, tokenHash: 't' + (i % 1000), createdAt: clock.now(), expiresAt: EXP }),
}
const HASH = mfaCodeDigest('123456'); const EXP = new Date(clock.now().getTime() + 3600e3)
for (let r = 0; r < 2; r++) {
  const f = await time('floor', floor)
  const out = [`floor ${f.toFixed(3)} µs`]
  for (const [name, op] of Object.entries(ops)) { if (name === 'floor' || (only && !name.includes(only))) continue; const t = await time(name, op); out.push(`${name} ${t.toFixed(2)} µs ${(t / f).toFixed(1)}×`) }
  console.log(out.join(' | '))
}
