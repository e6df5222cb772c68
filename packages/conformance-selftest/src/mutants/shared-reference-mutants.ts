/**
 * Freshness mutants (CONTRACT §0.7, §0.18), generated for every method that returns objects: the
 * store hands out — and keeps serving — the very object it returned, as a cache or an in-process
 * store that skips the copy does. They sit over `guardRepos`, which would otherwise copy the flaw away.
 */
import type { NewUser, Repos, User } from '@regstack/protocols'
import { defineMutant } from './define-mutant.js'
import type { Mutant } from './mutant.js'

/**
 * Every method that returns a row or a list of rows, by repository. `oauthStates.consume` is left
 * out: the row it returns is gone, so no later read could be served the shared object.
 */
const RETURNING: { readonly [K in keyof Repos]?: readonly (keyof Repos[K])[] } = {
  users: ['create', 'getByEmail', 'getById', 'listPaged'],
  pending: ['upsert', 'findByTokenHash', 'findByEmail'],
  mfaCodes: ['verify', 'find'],
  oauthIdentities: ['create', 'findBySubject', 'listForUser'],
  oauthStates: ['find'],
}

type AnyMethod = (...args: unknown[]) => Promise<unknown>

/**
 * Objects handed out, by the JSON they had when handed out. A later result equal to that JSON is
 * answered with the object handed out before — mutated since, if the caller changed it.
 */
class HandedOut {
  readonly #byJson = new Map<string, object>()

  remember(value: unknown): void {
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item !== null && typeof item === 'object') this.#byJson.set(JSON.stringify(item), item)
    }
  }

  serve(value: unknown): unknown {
    if (Array.isArray(value)) return value.map((item) => this.serve(item))
    if (value === null || typeof value !== 'object') return value
    return this.#byJson.get(JSON.stringify(value)) ?? value
  }
}

/**
 * `methods` with every result served through one {@link HandedOut}: results of the methods `remembers`
 * accepts are kept, and any later equal result is answered with the kept object.
 */
function servedFromHandedOut(
  methods: Record<string, AnyMethod>,
  remembers: (name: string) => boolean,
): Record<string, AnyMethod> {
  const handed = new HandedOut()
  const patch: Record<string, AnyMethod> = {}
  for (const name of Object.keys(methods)) {
    const inner = methods[name] as AnyMethod
    patch[name] = async (...args) => {
      const value = handed.serve(await inner(...args))
      if (remembers(name)) handed.remember(value)
      return value
    }
  }
  return patch
}

function sharedReference(repo: keyof Repos, method: string): Mutant {
  return defineMutant({
    id: `freshness.${repo}.${method}-shares-its-result`,
    description: `${repo}.${method} hands out an object the store keeps serving to later reads of the same row.`,
    clause: '§0.7',
    caughtBy: 'linearizability',
    guarded: ({ guarded }) => ({
      [repo]: servedFromHandedOut(
        guarded[repo] as unknown as Record<string, AnyMethod>,
        (name) => name === method,
      ),
    }),
  })
}

/** Replaces every `Date` in a returned row by the one handed out earlier for the same field and instant. */
function shareDates(value: unknown, handed: Map<string, Date>): unknown {
  if (Array.isArray(value)) return value.map((item) => shareDates(item, handed))
  if (value === null || typeof value !== 'object') return value
  const row = value as Record<string, unknown>
  for (const [key, field] of Object.entries(row)) {
    if (!(field instanceof Date)) continue
    const id = `${key}:${field.getTime()}`
    const earlier = handed.get(id)
    if (earlier === undefined) handed.set(id, field)
    else row[key] = earlier
  }
  return row
}

const sharedDates: Mutant = defineMutant({
  id: 'freshness.users.nested-dates-shared',
  description:
    'users reads return fresh rows whose Date fields are the Date objects handed out before for the same instant.',
  clause: '§0.18',
  caughtBy: 'linearizability',
  guarded: ({ guarded }) => {
    const handed = new Map<string, Date>()
    const users = guarded.users
    return {
      users: {
        getById: async (id) =>
          shareDates(await users.getById(id), handed) as Awaited<ReturnType<typeof users.getById>>,
        getByEmail: async (email) =>
          shareDates(await users.getByEmail(email), handed) as Awaited<ReturnType<typeof users.getByEmail>>,
        listPaged: async (opts) =>
          shareDates(await users.listPaged(opts), handed) as Awaited<ReturnType<typeof users.listPaged>>,
      },
    }
  },
})

const keptInput: Mutant = defineMutant({
  id: 'freshness.users.create-keeps-the-input',
  description:
    'users.create keeps the caller’s NewUser object and builds later reads of that user from it, so changing the input after the call changes the store.',
  clause: '§0.7',
  guarded: ({ guarded }) => {
    const kept = new Map<string, NewUser>()
    const users = guarded.users
    const fromInput = (row: User | null): User | null => {
      const input = row === null ? undefined : kept.get(row.id)
      return row === null || input === undefined
        ? row
        : { ...row, fullName: input.fullName, createdAt: input.createdAt }
    }
    return {
      users: {
        async create(u) {
          const row = await users.create(u)
          kept.set(row.id, u)
          return row
        },
        getById: async (id) => fromInput(await users.getById(id)),
        getByEmail: async (email) => fromInput(await users.getByEmail(email)),
      },
    }
  },
})

/**
 * The adapter claims (`resultsAreFresh: true`) that it builds every result for the call alone, but
 * its raw layer keeps what it returned and serves that object again, so the guard's one copy is
 * skipped. The memory store's own raw layer really does build each result, so the flaw is put there.
 */
const freshClaimedOverStoredRows: Mutant = defineMutant({
  id: 'freshness.claims-fresh-results-over-stored-rows',
  description: 'The adapter declares resultsAreFresh to guardRepos but returns the rows it keeps.',
  clause: '§0.7',
  claimsFreshResults: true,
  raw: ({ raw }) =>
    Object.fromEntries(
      (Object.keys(RETURNING) as (keyof Repos)[]).map((repo) => [
        repo,
        servedFromHandedOut(raw[repo] as unknown as Record<string, AnyMethod>, () => true),
      ]),
    ),
})

/** Every returning method, with a flaw of its own, nested dates shared, and an input kept. */
export const SHARED_REFERENCE_MUTANTS: readonly Mutant[] = [
  ...(Object.entries(RETURNING) as [keyof Repos, readonly string[]][]).flatMap(([repo, methods]) =>
    methods.map((method) => sharedReference(repo, method)),
  ),
  sharedDates,
  keptInput,
  freshClaimedOverStoredRows,
]
