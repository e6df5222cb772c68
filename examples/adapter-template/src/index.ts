export type { YourReposOptions } from './create-your-repos.js'
export { createYourRepos } from './create-your-repos.js'
