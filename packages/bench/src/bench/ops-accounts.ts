/** Benchmarked operations of `users`, `pending`, `blacklist` and `attempts`, with their raw SQL twins. */
import {
  hexId,
  newUser,
  type OpSpec,
  peerCalls,
  prebuilt,
  tableOf,
  USER_COLUMNS,
  userRow,
} from './op-spec.js'

const DAY_MS = 86_400_000
const USER_VALUES = Array.from({ length: 13 }, () => '?').join(', ')

/** One stored user every read and update targets; reads never change it. */
const withOneUser = async (fx: Parameters<OpSpec['prepare']>[0]) =>
  await fx.repos.users.create(newUser(`target-${fx.tag}@bench.test`, fx.clock))

export const ACCOUNT_OPS: readonly OpSpec[] = [
  {
    id: 'users.create',
    documentedRoundTrips: 1,
    prepare: async (fx) => {
      const t = tableOf(fx)
      const mine = prebuilt(fx, (i) => newUser(`c${i}-${fx.tag}@bench.test`, fx.clock))
      const theirs = prebuilt(fx, (i) => newUser(`r${i}-${fx.tag}@bench.test`, fx.clock))
      return {
        call: (i) => fx.repos.users.create(mine(i)),
        // The id and the row's values are the driver side's own work, as they are the adapter's.
        raw: (i) =>
          fx.raw!.query(
            `insert into ${t('users')} (${USER_COLUMNS}) values (${USER_VALUES})`,
            userRow(hexId(), theirs(i)),
          ),
      }
    },
  },
  {
    id: 'users.getByEmail',
    documentedRoundTrips: 1,
    prepare: async (fx) => {
      const user = await withOneUser(fx)
      const t = tableOf(fx)
      return {
        call: () => fx.repos.users.getByEmail(user.email),
        raw: () => fx.raw!.query(`select * from ${t('users')} where email = ? limit 1`, [user.email]),
        peers: peerCalls(fx, (peer) => () => peer.getUserByEmail(user.email)),
      }
    },
  },
  {
    id: 'users.getById',
    documentedRoundTrips: 1,
    prepare: async (fx) => {
      const user = await withOneUser(fx)
      const t = tableOf(fx)
      return {
        call: () => fx.repos.users.getById(user.id),
        raw: () => fx.raw!.query(`select * from ${t('users')} where id = ? limit 1`, [user.id]),
        peers: peerCalls(fx, (peer) => () => peer.getUserById(user.id)),
      }
    },
  },
  {
    id: 'users.updatePassword',
    documentedRoundTrips: 1,
    prepare: async (fx) => {
      const user = await withOneUser(fx)
      const t = tableOf(fx)
      const sql = `update ${t('users')} set hashed_password = ?, tokens_invalidated_after = ?, updated_at = ? where id = ?`
      const hashes = prebuilt(fx, (i) => `hash-${i}`)
      return {
        call: (i) => fx.repos.users.updatePassword(user.id, hashes(i)),
        raw: (i) => {
          const now = fx.clock.now().getTime()
          return fx.raw!.query(sql, [hashes(i), now, now, user.id])
        },
      }
    },
  },
  {
    id: 'users.updateEmail',
    documentedRoundTrips: 1,
    prepare: async (fx) => {
      const user = await withOneUser(fx)
      const t = tableOf(fx)
      const sql = `update ${t('users')} set email = ?, tokens_invalidated_after = ?, updated_at = ? where id = ?`
      const mine = prebuilt(fx, (i) => `u${i}-${fx.tag}@bench.test`)
      const theirs = prebuilt(fx, (i) => `r${i}-${fx.tag}@bench.test`)
      return {
        call: (i) => fx.repos.users.updateEmail(user.id, mine(i)),
        raw: (i) => {
          const now = fx.clock.now().getTime()
          return fx.raw!.query(sql, [theirs(i), now, now, user.id])
        },
      }
    },
  },
  {
    id: 'users.listPaged',
    documentedRoundTrips: 1,
    listsRows: true,
    prepare: async (fx) => {
      // A first page of 50 out of 60 users: a full page to decode, as a listing screen would show.
      for (let k = 0; k < 60; k++)
        await fx.repos.users.create(newUser(`l${k}-${fx.tag}@bench.test`, fx.clock))
      const t = tableOf(fx)
      // The adapter's statement, offset included (it sends one even for the first page), and on the
      // mysql family its index hint (packages/adapter-knex/README.md).
      const hint = fx.raw?.family === 'mysql' ? ` force index (${t('users_created_at')})` : ''
      const sql = `select * from ${t('users')}${hint} order by created_at desc, id desc limit ? offset ?`
      return {
        call: () => fx.repos.users.listPaged({ skip: 0, limit: 50, sortByCreatedAtDesc: true }),
        raw: () => fx.raw!.query(sql, [50, 0]),
      }
    },
  },
  {
    id: 'users.count',
    documentedRoundTrips: 1,
    prepare: async (fx) => {
      await withOneUser(fx)
      const t = tableOf(fx)
      return {
        call: () => fx.repos.users.count({ isActive: true }),
        raw: () => fx.raw!.query(`select count(*) as n from ${t('users')} where is_active = ?`, [true]),
      }
    },
  },
  {
    id: 'pending.upsert',
    documentedRoundTrips: 1,
    prepare: async (fx) => {
      const t = tableOf(fx)
      const pending = (i: number, side: string) => ({
        email: `p${side}${i}-${fx.tag}@bench.test`,
        hashedPassword: 'hash',
        fullName: null,
        tokenHash: `${side}${i}${fx.tag}`.padEnd(64, '0').slice(0, 64),
        createdAt: fx.clock.now(),
        expiresAt: new Date(fx.clock.now().getTime() + DAY_MS),
      })
      const cols = 'id, email, hashed_password, full_name, token_hash, created_at, expires_at'
      const sql =
        fx.raw?.family === 'mysql'
          ? `insert into ${t('pending_registrations')} (${cols}) values (?, ?, ?, ?, ?, ?, ?) on duplicate key ` +
            'update hashed_password = values(hashed_password), token_hash = values(token_hash) returning id, email'
          : `insert into ${t('pending_registrations')} (${cols}) values (?, ?, ?, ?, ?, ?, ?) on conflict (email) ` +
            'do update set hashed_password = excluded.hashed_password, token_hash = excluded.token_hash returning id, email'
      const mine = prebuilt(fx, (i) => pending(i, 'a'))
      const theirs = prebuilt(fx, (i) => pending(i, 'b'))
      return {
        call: (i) => fx.repos.pending.upsert(mine(i)),
        raw: (i) => {
          const p = theirs(i)
          return fx.raw!.query(sql, [
            hexId(),
            p.email,
            p.hashedPassword,
            null,
            p.tokenHash,
            p.createdAt.getTime(),
            p.expiresAt.getTime(),
          ])
        },
      }
    },
  },
  {
    id: 'pending.findByTokenHash',
    documentedRoundTrips: 1,
    prepare: async (fx) => {
      const now = fx.clock.now()
      const row = await fx.repos.pending.upsert({
        email: `find-${fx.tag}@bench.test`,
        hashedPassword: 'hash',
        fullName: null,
        tokenHash: fx.tag.padEnd(64, 'f').slice(0, 64),
        createdAt: now,
        expiresAt: new Date(now.getTime() + DAY_MS),
      })
      const t = tableOf(fx)
      return {
        call: () => fx.repos.pending.findByTokenHash(row.tokenHash),
        raw: () =>
          fx.raw!.query(`select * from ${t('pending_registrations')} where token_hash = ? limit 1`, [
            row.tokenHash,
          ]),
      }
    },
  },
  {
    id: 'blacklist.revoke',
    documentedRoundTrips: 1,
    prepare: async (fx) => {
      const t = tableOf(fx)
      const exp = new Date(fx.clock.now().getTime() + DAY_MS)
      const sql =
        fx.raw?.family === 'mysql'
          ? `insert into ${t('token_blacklist')} (jti, exp) values (?, ?) on duplicate key update jti = jti`
          : `insert into ${t('token_blacklist')} (jti, exp) values (?, ?) on conflict (jti) do nothing`
      const mine = prebuilt(fx, (i) => `a${i}-${fx.tag}`)
      const theirs = prebuilt(fx, (i) => `b${i}-${fx.tag}`)
      const expMs = exp.getTime()
      return {
        call: (i) => fx.repos.blacklist.revoke(mine(i), exp),
        raw: (i) => fx.raw!.query(sql, [theirs(i), expMs]),
      }
    },
  },
  {
    id: 'blacklist.isRevoked',
    documentedRoundTrips: 1,
    prepare: async (fx) => {
      const jti = `jti-${fx.tag}`
      await fx.repos.blacklist.revoke(jti, new Date(fx.clock.now().getTime() + DAY_MS))
      const t = tableOf(fx)
      return {
        call: () => fx.repos.blacklist.isRevoked(jti),
        raw: () => fx.raw!.query(`select id from ${t('token_blacklist')} where jti = ? limit 1`, [jti]),
        peers: peerCalls(fx, (peer) => () => peer.isRevoked(jti)),
      }
    },
  },
  {
    id: 'attempts.recordFailure',
    documentedRoundTrips: 1,
    prepare: async (fx) => {
      const t = tableOf(fx)
      const email = `victim-${fx.tag}@bench.test`
      // The caller's arguments, built once: the guard copies `when` before the adapter keeps it.
      const opts = { when: fx.clock.now(), ip: '127.0.0.1' }
      const whenMs = opts.when.getTime()
      return {
        call: () => fx.repos.attempts.recordFailure(email, opts),
        raw: () =>
          fx.raw!.query(`insert into ${t('login_attempts')} (email, "when", ip) values (?, ?, ?)`, [
            email,
            whenMs,
            '127.0.0.1',
          ]),
        peers: peerCalls(fx, (peer) => () => peer.recordFailure(email, '127.0.0.1', opts.when)),
      }
    },
  },
  {
    id: 'attempts.countRecent',
    documentedRoundTrips: 1,
    prepare: async (fx) => {
      const email = `counted-${fx.tag}@bench.test`
      for (let k = 0; k < 5; k++)
        await fx.repos.attempts.recordFailure(email, { when: fx.clock.now(), ip: null })
      const t = tableOf(fx)
      const windowMs = 15 * 60_000
      const sql = `select count(*) as n from ${t('login_attempts')} where email = ? and "when" >= ?`
      const opts = { windowMs, now: fx.clock.now() }
      const cutoffMs = opts.now.getTime() - windowMs
      return {
        call: () => fx.repos.attempts.countRecent(email, opts),
        raw: () => fx.raw!.query(sql, [email, cutoffMs]),
        peers: peerCalls(fx, (peer) => () => peer.countRecentFailures(email, windowMs, opts.now)),
      }
    },
  },
]
