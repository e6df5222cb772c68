export type { CorrectVariant, Mutant } from './mutants/index.js'
export { ALL_MUTANTS, CORRECT_VARIANTS, TIME_ZONE_MUTANTS } from './mutants/index.js'
export type { DateRewrite } from './mutants/map-repo-dates.js'
export { mapRepoDates } from './mutants/map-repo-dates.js'
