import { runConformance } from '@regstack/conformance/vitest'
import { selectMongoEngine } from '@regstack/test-engines'
import { afterAll } from 'vitest'
import { mongoTarget } from './support/mongo-target.js'

// The linearizability area on the jongodb stand-in, whose find-and-modify is atomic per document as a
// mongod's is; conformance.test.ts explains why it does not run on SecantusDB.
const engine = await selectMongoEngine({ standIn: true })
afterAll(() => engine.stop())

runConformance(mongoTarget(engine), {
  name: 'mongo (linearizability on the stand-in)',
  engine: engine.label,
  areas: ['linearizability'],
})
