export type { MemoryReposOptions } from './create-memory-repos.js'
export { createMemoryRepos } from './create-memory-repos.js'
export type { IdSource } from './id-source.js'
export { counterIds } from './id-source.js'
