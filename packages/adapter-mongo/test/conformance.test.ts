import { runConformance } from '@regstack/conformance/vitest'
import { afterAll } from 'vitest'
import { mongoTarget } from './support/mongo-target.js'
import { selectEngine } from './support/select-engine.js'

const engine = await selectEngine()
afterAll(() => engine.stop())

runConformance(mongoTarget(engine), { name: 'mongo', engine: engine.label })
