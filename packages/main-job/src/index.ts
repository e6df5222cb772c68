export { knexTarget } from './targets/knex-target.js'
export { memoryTarget } from './targets/memory-target.js'
export { mongoTarget } from './targets/mongo-target.js'
export type { EngineTarget } from './targets/target.js'
