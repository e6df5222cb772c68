/** The test-support wire shim rewrites exactly the findAndModify the stand-in refuses. */
import { describe, expect, it } from 'vitest'
import { rewriteCommand } from '../src/wire-shim.js'

describe('rewriteCommand', () => {
  it('drops new and upsert from findAndModify with remove: true, keeping key order', () => {
    const out = rewriteCommand({
      findAndModify: 'c',
      query: { _id: 'x' },
      remove: true,
      new: false,
      upsert: false,
      $db: 'd',
    })
    expect(out).not.toBeNull()
    expect(Object.keys(out ?? {})).toEqual(['findAndModify', 'query', 'remove', '$db'])
  })

  it('leaves every other command alone', () => {
    expect(
      rewriteCommand({ findAndModify: 'c', update: { $set: { a: 1 } }, new: true, upsert: true }),
    ).toBeNull()
    expect(rewriteCommand({ find: 'c', filter: {}, remove: true, new: false })).toBeNull()
    expect(rewriteCommand({ findAndModify: 'c', remove: true })).toBeNull()
  })
})
