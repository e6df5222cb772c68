/** translateError with fake driver errors: no database involved. */
import { StorageUnavailableError } from '@regstack/protocols'
import { describe, expect, it } from 'vitest'
import { duplicateKeyIndex, tablesFor, translateError } from '../src/index.js'
import { isConnectionLost } from '../src/translate-error.js'

const tables = tablesFor('rs_ab12cd_1_')
const pgDuplicate = (constraint: string) =>
  Object.assign(new Error('duplicate key value violates unique constraint'), { code: '23505', constraint })
const mysqlDuplicate = (key: string) =>
  Object.assign(new Error(`Duplicate entry 'x' for key '${key}'`), { code: 'ER_DUP_ENTRY', errno: 1062 })
const sqliteDuplicate = (columns: string, code = 'SQLITE_CONSTRAINT_UNIQUE') =>
  Object.assign(new Error(`UNIQUE constraint failed: ${columns}`), { code })

describe('duplicateKeyIndex', () => {
  it('reads the constraint field on PostgreSQL and strips the prefix', () => {
    expect(duplicateKeyIndex('pg', pgDuplicate('rs_ab12cd_1_email_unique'), tables)).toBe('email_unique')
    expect(duplicateKeyIndex('pg', pgDuplicate('rs_ab12cd_1_oauth_states_pkey'), tables)).toBe(
      'oauth_states_pkey',
    )
    expect(duplicateKeyIndex('pg', pgDuplicate('other_email_unique'), tables)).toBeUndefined()
    expect(
      duplicateKeyIndex('pg', { code: '23503', constraint: 'rs_ab12cd_1_email_unique' }, tables),
    ).toBeUndefined()
  })

  it('reads the key name of the message on MariaDB and MySQL 8, PRIMARY by table', () => {
    expect(duplicateKeyIndex('mysql', mysqlDuplicate('rs_ab12cd_1_pending_token_unique'), tables)).toBe(
      'pending_token_unique',
    )
    expect(
      duplicateKeyIndex('mysql', mysqlDuplicate('rs_ab12cd_1_users.rs_ab12cd_1_email_unique'), tables),
    ).toBe('email_unique')
    expect(duplicateKeyIndex('mysql', mysqlDuplicate('PRIMARY'), tables, 'oauthStates')).toBe(
      'oauth_states_pkey',
    )
    expect(duplicateKeyIndex('mysql', mysqlDuplicate('PRIMARY'), tables)).toBeUndefined()
    expect(duplicateKeyIndex('mysql', { errno: 1048, message: "for key 'x'" }, tables)).toBeUndefined()
  })

  it('maps the column list of SQLite messages to the index', () => {
    expect(duplicateKeyIndex('sqlite', sqliteDuplicate('rs_ab12cd_1_users.email'), tables)).toBe(
      'email_unique',
    )
    expect(
      duplicateKeyIndex(
        'sqlite',
        sqliteDuplicate('rs_ab12cd_1_oauth_identities.user_id, rs_ab12cd_1_oauth_identities.provider'),
        tables,
      ),
    ).toBe('user_provider_unique')
    expect(
      duplicateKeyIndex(
        'sqlite',
        sqliteDuplicate('rs_ab12cd_1_oauth_states.id', 'SQLITE_CONSTRAINT_PRIMARYKEY'),
        tables,
      ),
    ).toBe('oauth_states_pkey')
    expect(duplicateKeyIndex('sqlite', sqliteDuplicate('other_users.email'), tables)).toBeUndefined()
    expect(
      duplicateKeyIndex(
        'sqlite',
        { code: 'SQLITE_CONSTRAINT_NOTNULL', message: 'NOT NULL constraint failed: x.y' },
        tables,
      ),
    ).toBeUndefined()
  })
})

describe('translateError', () => {
  it('turns a duplicate on the subject’s own index into its typed error, keeping the driver error as cause', () => {
    const cause = pgDuplicate('rs_ab12cd_1_email_unique')
    const error = translateError('pg', cause, tables, { store: 'users', email: 'a@x.io' })
    expect(error).toMatchObject({ code: 'USER_ALREADY_EXISTS', email: 'a@x.io', cause })
    expect(
      translateError('mysql', mysqlDuplicate('rs_ab12cd_1_provider_subject_unique'), tables, {
        store: 'oauthIdentities',
        provider: 'p',
        subjectId: 's',
      }),
    ).toMatchObject({ code: 'OAUTH_IDENTITY_ALREADY_LINKED', provider: 'p', subjectId: 's' })
    expect(
      translateError('mysql', mysqlDuplicate('PRIMARY'), tables, { store: 'oauthStates', stateId: 'st' }),
    ).toMatchObject({
      code: 'OAUTH_STATE_ALREADY_EXISTS',
      stateId: 'st',
    })
    expect(
      translateError('sqlite', sqliteDuplicate('rs_ab12cd_1_pending_registrations.token_hash'), tables, {
        store: 'pending',
        email: 'e',
      }),
    ).toMatchObject({ code: 'PENDING_ALREADY_EXISTS', email: 'e' })
  })

  it('wraps a duplicate on another index, and any unknown error, with the driver error as cause', () => {
    const other = pgDuplicate('rs_ab12cd_1_jti_unique')
    expect(translateError('pg', other, tables, { store: 'users', email: 'a' })).toMatchObject({
      code: 'STORAGE_FAILURE',
      cause: other,
    })
    const syntax = Object.assign(new Error('syntax error'), { code: '42601' })
    expect(translateError('pg', syntax, tables)).toMatchObject({
      code: 'STORAGE_FAILURE',
      message: 'PostgreSQL failed: syntax error',
      cause: syntax,
    })
    expect(translateError('sqlite', 'thrown string', tables)).toMatchObject({
      code: 'STORAGE_FAILURE',
      cause: 'thrown string',
    })
    // Programmer errors stay what they are.
    const bug = new TypeError('Undefined binding(s) detected')
    expect(translateError('mysql', bug, tables)).toBe(bug)
  })

  it('reports lost connections and pool timeouts as UNAVAILABLE with the cause', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })
    expect(translateError('pg', refused, tables)).toMatchObject({ code: 'UNAVAILABLE', cause: refused })
    const timeout = Object.assign(new Error('Knex: Timeout acquiring a connection'), {
      name: 'KnexTimeoutError',
    })
    expect(translateError('mysql', timeout, tables)).toMatchObject({ code: 'UNAVAILABLE', cause: timeout })
  })
})

describe('connection loss becomes UNAVAILABLE', () => {
  const socket = (code: string) => Object.assign(new Error(`socket ${code}`), { code })
  const cases: [string, 'pg' | 'mysql' | 'sqlite', Error][] = [
    ['ECONNREFUSED', 'pg', socket('ECONNREFUSED')],
    ['ECONNRESET', 'mysql', socket('ECONNRESET')],
    ['EPIPE', 'pg', socket('EPIPE')],
    ['ETIMEDOUT', 'mysql', socket('ETIMEDOUT')],
    [
      'pg 57P01 admin_shutdown',
      'pg',
      Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }),
    ],
    ['pg 57P02 crash_shutdown', 'pg', Object.assign(new Error('crash'), { code: '57P02' })],
    ['pg 57P03 cannot_connect_now', 'pg', Object.assign(new Error('starting up'), { code: '57P03' })],
    ['pg 08006 connection_failure', 'pg', Object.assign(new Error('connection failure'), { code: '08006' })],
    ['pg connection terminated', 'pg', new Error('Connection terminated unexpectedly')],
    [
      'pg connection terminated, as knex words it',
      'pg',
      new Error('select * from "t" where "id" = $1 - Connection terminated unexpectedly'),
    ],
    [
      'pg dead client reused',
      'pg',
      new Error('Client has encountered a connection error and is not queryable'),
    ],
    [
      'mysql2 PROTOCOL_CONNECTION_LOST',
      'mysql',
      Object.assign(new Error('Connection lost: The server closed the connection.'), {
        code: 'PROTOCOL_CONNECTION_LOST',
        fatal: true,
      }),
    ],
    [
      'MariaDB 1927 ER_CONNECTION_KILLED',
      'mysql',
      Object.assign(new Error('Connection was killed'), { code: 'ER_CONNECTION_KILLED', errno: 1927 }),
    ],
    [
      'MySQL 2006 server gone',
      'mysql',
      Object.assign(new Error('MySQL server has gone away'), { errno: 2006 }),
    ],
    ['MySQL 2013 lost during query', 'mysql', Object.assign(new Error('Lost connection'), { errno: 2013 })],
    [
      'mysql2 command on a closed connection',
      'mysql',
      Object.assign(new Error("Can't add new command when connection is in closed state"), { fatal: true }),
    ],
    [
      'knex pool acquire timeout',
      'pg',
      Object.assign(new Error('Knex: Timeout acquiring a connection.'), { name: 'KnexTimeoutError' }),
    ],
  ]
  for (const [label, family, cause] of cases) {
    it(`${label} (${family})`, () => {
      const error = translateError(family, cause, tables)
      expect(error).toBeInstanceOf(StorageUnavailableError)
      expect(error).toMatchObject({ code: 'UNAVAILABLE', cause })
      expect(isConnectionLost(family, cause)).toBe(true)
    })
  }

  it('takes precedence over the write subject: a lost write is UNAVAILABLE, not a duplicate', () => {
    const cause = socket('ECONNRESET')
    expect(translateError('pg', cause, tables, { store: 'users', email: 'a@x.io' })).toMatchObject({
      code: 'UNAVAILABLE',
      cause,
    })
  })

  it('wraps other errors as STORAGE_FAILURE, and leaves family-specific signals to their family', () => {
    const failure = (cause: unknown) => ({ code: 'STORAGE_FAILURE', cause })
    const syntax = Object.assign(new Error('syntax error'), { code: '42601' })
    expect(translateError('pg', syntax, tables)).toMatchObject(failure(syntax))
    const errno2006 = Object.assign(new Error('x'), { errno: 2006 })
    expect(translateError('pg', errno2006, tables)).toMatchObject(failure(errno2006))
    const class08 = Object.assign(new Error('x'), { code: '08006' })
    expect(translateError('mysql', class08, tables)).toMatchObject(failure(class08))
    const plain = new Error('Connection terminated unexpectedly')
    expect(translateError('sqlite', plain, tables)).toMatchObject(failure(plain))
    expect(translateError('pg', 'not an error', tables)).toMatchObject(failure('not an error'))
  })
})
