/**
 * The executor's one retry: a read that meets a connection the server already closed runs once more on
 * another connection; a write never does. Driven with fake pg connections (the error is the driver's own
 * message), since the race it covers cannot be produced on demand on a real server.
 */
import type { Knex } from 'knex'
import { describe, expect, it } from 'vitest'
import { createExecutor } from '../src/knex-executor.js'
import type { CompiledStatement, Statement } from '../src/knex-statements.js'

const lost = (): Error => new Error('Connection terminated unexpectedly')

/** A fake knex over pg whose connections answer from `script`, one answer per query, in order. */
function fakeKnex(script: Array<Error | { rows: object[]; rowCount: number }>) {
  const lent: number[] = []
  const released: number[] = []
  let next = 0
  const client = {
    driverName: 'pg',
    acquireConnection: async () => {
      const id = next++
      lent.push(id)
      return {
        id,
        query: async () => {
          const answer = script.shift()
          if (answer === undefined) throw new Error('fake: no more answers')
          if (answer instanceof Error) throw answer
          return answer
        },
      }
    },
    releaseConnection: async (connection: { id: number }) => {
      released.push(connection.id)
    },
    emit: () => true,
  }
  const knex = { client, isTransaction: false, listenerCount: () => 0 } as unknown as Knex
  return { knex, lent, released }
}

const statementOf = (sql: string, readOnly: boolean): Statement => {
  const compiled: CompiledStatement = { knexSql: sql, nativeSql: sql, slots: [{ arg: 0 }], readOnly }
  return { compiled: () => compiled }
}

describe('createExecutor on pg', () => {
  it('runs a read once more on another connection when its connection was already closed', async () => {
    const { knex, lent, released } = fakeKnex([lost(), { rows: [{ n: 1 }], rowCount: 1 }])
    const outcome = await createExecutor(knex, 'pg')(statementOf('select 1 where $1', true), ['x'])
    expect(outcome.rows).toEqual([{ n: 1 }])
    expect(lent).toEqual([0, 1])
    expect(released).toEqual([0, 1])
  })

  it('retries a read only once', async () => {
    const { knex, released } = fakeKnex([lost(), lost()])
    await expect(createExecutor(knex, 'pg')(statementOf('select 1 where $1', true), ['x'])).rejects.toThrow(
      /Connection terminated/,
    )
    expect(released).toEqual([0, 1])
  })

  it('never re-runs a write: whether it took effect is unknown', async () => {
    const { knex, lent, released } = fakeKnex([lost(), { rows: [], rowCount: 1 }])
    await expect(
      createExecutor(knex, 'pg')(statementOf('delete from t where id = $1', false), ['x']),
    ).rejects.toThrow(/Connection terminated/)
    expect(lent).toEqual([0])
    expect(released).toEqual([0])
  })

  it('does not retry a read for an error that is not a lost connection', async () => {
    const { knex, lent } = fakeKnex([Object.assign(new Error('syntax'), { code: '42601' })])
    await expect(createExecutor(knex, 'pg')(statementOf('select $1', true), ['x'])).rejects.toThrow(/syntax/)
    expect(lent).toEqual([0])
  })
})
