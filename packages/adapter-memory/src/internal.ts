/**
 * NOT public API: the workspace's own way under the guard. The mutant corpus and the benchmarks build
 * flawed or unguarded stores from the memory adapter's raw repositories; services and adapters never
 * need this. It may change in any release without notice; use `createMemoryRepos` from the package
 * root instead.
 * @internal
 */
export { createRawMemoryRepos } from './create-memory-repos.js'
