export type { RedisReposOptions } from './create-redis-repos.js'
export { createRedisRepos } from './create-redis-repos.js'
export { dropRedisNamespace } from './drop-redis-namespace.js'
