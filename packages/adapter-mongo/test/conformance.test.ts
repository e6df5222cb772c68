import { AREAS } from '@regstack/conformance'
import { runConformance } from '@regstack/conformance/vitest'
import { selectMongoEngine } from '@regstack/test-engines'
import { afterAll } from 'vitest'
import { mongoTarget } from './support/mongo-target.js'

const engine = await selectMongoEngine()
afterAll(() => engine.stop())

// SecantusDB 0.7.0b3 is not linearizable under concurrent find-and-modify: it has handed one OAuth state
// to two concurrent `consume` calls and answered racing upserts with no document (README, "Engines").
// Those are defects of that engine, not of this adapter (a mongod does neither), and they would make
// this file fail by chance; so there the linearizability area runs on the stand-in instead
// (conformance-linearizability.test.ts) and every other area runs here. An explicit REGSTACK_AREAS wins.
const withoutLinearizability = engine.kind === 'secantusdb' && (process.env.REGSTACK_AREAS ?? '') === ''
if (withoutLinearizability) {
  console.info(
    '[adapter-mongo] linearizability area not run on SecantusDB (engine defects, see README); it runs on the jongodb stand-in in conformance-linearizability.test.ts',
  )
}
runConformance(mongoTarget(engine), {
  name: 'mongo',
  engine: engine.label,
  ...(withoutLinearizability ? { areas: AREAS.filter((area) => area !== 'linearizability') } : {}),
})
