/** Database names nobody used before, for tests that need their own (the stand-in cannot drop). */

import type { MongoEngine } from '@regstack/test-engines'
import type { Db } from 'mongodb'
import { dropIfSupported } from './mongo-target.js'

const runTag = Math.floor(Math.random() * 36 ** 6).toString(36)
let sequence = 0
const opened: Db[] = []

/** A fresh, empty database on `engine`. */
export function freshDb(engine: MongoEngine, label: string): Db {
  sequence += 1
  const db = engine.client.db(`rs_${label}_${runTag}_${sequence}`)
  opened.push(db)
  return db
}

/** Drops every database {@link freshDb} handed out, where the server can (real servers). */
export async function dropFreshDbs(): Promise<void> {
  for (const db of opened.splice(0)) await dropIfSupported(db)
}
