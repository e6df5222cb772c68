/** Benchmarked operations of `users`, `pending`, `blacklist` and `attempts`, with their raw SQL twins. */
import { hexId, newUser, type OpSpec, peerCalls, tableOf, USER_COLUMNS, userRow } from './op-spec.js'

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
      return {
        call: (i) => fx.repos.users.create(newUser(`c${i}-${fx.tag}@bench.test`, fx.clock)),
        raw: (i) =>
          fx.raw!.query(
            `insert into ${t('users')} (${USER_COLUMNS}) values (${USER_VALUES})`,
            userRow(hexId(), newUser(`r${i}-${fx.tag}@bench.test`, fx.clock)),
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
      return {
        call: (i) => fx.repos.users.updatePassword(user.id, `hash-${i}`),
        raw: (i) => {
          const now = fx.clock.now().getTime()
          return fx.raw!.query(sql, [`hash-${i}`, now, now, user.id])
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
      return {
        call: (i) => fx.repos.users.updateEmail(user.id, `u${i}-${fx.tag}@bench.test`),
        raw: (i) => {
          const now = fx.clock.now().getTime()
          return fx.raw!.query(sql, [`r${i}-${fx.tag}@bench.test`, now, now, user.id])
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
      const sql = `select * from ${t('users')} order by created_at desc, id desc limit ?`
      return {
        call: () => fx.repos.users.listPaged({ skip: 0, limit: 50, sortByCreatedAtDesc: true }),
        raw: () => fx.raw!.query(sql, [50]),
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
      return {
        call: (i) => fx.repos.pending.upsert(pending(i, 'a')),
        raw: (i) => {
          const p = pending(i, 'b')
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
      return {
        call: (i) => fx.repos.blacklist.revoke(`a${i}-${fx.tag}`, exp),
        raw: (i) => fx.raw!.query(sql, [`b${i}-${fx.tag}`, exp.getTime()]),
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
      return {
        call: () => fx.repos.attempts.recordFailure(email, { when: fx.clock.now(), ip: '127.0.0.1' }),
        raw: () =>
          fx.raw!.query(`insert into ${t('login_attempts')} (email, "when", ip) values (?, ?, ?)`, [
            email,
            fx.clock.now().getTime(),
            '127.0.0.1',
          ]),
        peers: peerCalls(fx, (peer) => () => peer.recordFailure(email, '127.0.0.1', fx.clock.now())),
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
      return {
        call: () => fx.repos.attempts.countRecent(email, { windowMs, now: fx.clock.now() }),
        raw: () => fx.raw!.query(sql, [email, fx.clock.now().getTime() - windowMs]),
        peers: peerCalls(fx, (peer) => () => peer.countRecentFailures(email, windowMs, fx.clock.now())),
      }
    },
  },
]
