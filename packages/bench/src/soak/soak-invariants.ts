/** The end-of-run invariants of a soak: every one is a count the store must agree with exactly. */
import type { FrozenClock, Repos } from '@regstack/protocols'
import { codeViolations, type SoakLedger } from './soak-ledger.js'
import { DAY_MS, LOCKOUT_EMAILS } from './soak-operations.js'

/** One invariant and how it came out. */
export interface InvariantResult {
  readonly name: string
  readonly ok: boolean
  /** What was compared (on success) or the first violations (on failure). */
  readonly detail: string
}

const PAGE = 100
const SHOWN = 3

function result(name: string, violations: readonly string[], checked: string): InvariantResult {
  return violations.length === 0
    ? { name, ok: true, detail: checked }
    : {
        name,
        ok: false,
        detail: `${violations.length} violation(s): ${violations.slice(0, SHOWN).join('; ')}`,
      }
}

async function lockoutCounters(
  repos: Repos,
  clock: FrozenClock,
  ledger: SoakLedger,
): Promise<InvariantResult> {
  const bad: string[] = []
  let total = 0
  for (let i = 0; i < LOCKOUT_EMAILS; i++) {
    const email = `lock-${i}@soak.io`
    const recorded = ledger.failuresRecorded.get(email) ?? 0
    total += recorded
    const counted = await repos.attempts.countRecent(email, { windowMs: DAY_MS, now: clock.now() })
    if (counted !== recorded) bad.push(`${email}: recorded ${recorded}, counted ${counted}`)
  }
  return result(
    'every recorded login failure counted',
    bad,
    `${total} failures over ${LOCKOUT_EMAILS} emails`,
  )
}

/** Sweeps every created state with one more consume, then requires each to have been handed out once. */
async function singleUseStates(repos: Repos, ledger: SoakLedger): Promise<InvariantResult> {
  const twiceDuringRun = [...ledger.statesHandedOut].filter(([, n]) => n > 1).map(([id, n]) => `${id} × ${n}`)
  for (const id of ledger.statesCreated) {
    const row = await repos.oauthStates.consume(id)
    if (row !== null) ledger.handedOut(row.id)
  }
  const bad = [
    ...twiceDuringRun.map((s) => `handed out during the run ${s}`),
    ...ledger.statesCreated
      .filter((id) => (ledger.statesHandedOut.get(id) ?? 0) !== 1)
      .map((id) => `${id} handed out ${ledger.statesHandedOut.get(id) ?? 0} times in all`),
  ]
  return result('every OAuth state handed out exactly once', bad, `${ledger.statesCreated.length} states`)
}

async function uniqueEmails(repos: Repos, ledger: SoakLedger): Promise<InvariantResult> {
  const listed: { id: string; email: string }[] = []
  for (let skip = 0; ; skip += PAGE) {
    const page = await repos.users.listPaged({ skip, limit: PAGE })
    listed.push(...page.map((u) => ({ id: u.id, email: u.email })))
    if (page.length < PAGE) break
  }
  const bad: string[] = []
  const byEmail = new Map<string, string>()
  for (const u of listed) {
    const other = byEmail.get(u.email)
    if (other !== undefined) bad.push(`${u.email} held by ${other} and ${u.id}`)
    byEmail.set(u.email, u.id)
    const found = await repos.users.getByEmail(u.email)
    if (found?.id !== u.id && other === undefined) bad.push(`getByEmail(${u.email}) is not ${u.id}`)
  }
  const ids = new Set(listed.map((u) => u.id))
  for (const id of ledger.createdUsers) {
    if (!ids.has(id) || (await repos.users.getById(id)) === null) bad.push(`created user ${id} not found`)
  }
  if (ids.size !== ledger.createdUsers.length)
    bad.push(`${ids.size} users stored, ${ledger.createdUsers.length} created`)
  const count = await repos.users.count()
  if (count !== listed.length) bad.push(`count() ${count}, listed ${listed.length}`)
  return result('emails unique, every created user findable', bad, `${listed.length} users`)
}

function mfaAttempts(ledger: SoakLedger): InvariantResult {
  const bad = ledger.codes.flatMap((code) => codeViolations(code).map((v) => `${code.userId}: ${v}`))
  const answers = ledger.codes.reduce((n, c) => n + c.answers.length, 0)
  return result(
    'MFA attempts never exceed maxAttempts',
    bad,
    `${ledger.codes.length} codes, ${answers} answers`,
  )
}

function noUnexpectedErrors(ledger: SoakLedger): InvariantResult {
  const bad = [...ledger.unexpectedErrors].map(([label, n]) => `${n} × ${label}`)
  return result('zero unexpected errors', bad, 'only USER_ALREADY_EXISTS from create/updateEmail')
}

/** Checks every invariant against the store (the state sweep consumes what is left). */
export async function checkInvariants(
  repos: Repos,
  clock: FrozenClock,
  ledger: SoakLedger,
): Promise<InvariantResult[]> {
  return [
    await lockoutCounters(repos, clock, ledger),
    await singleUseStates(repos, ledger),
    await uniqueEmails(repos, ledger),
    mfaAttempts(ledger),
    noUnexpectedErrors(ledger),
  ]
}
