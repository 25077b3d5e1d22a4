// The only module suites/ and profiles/ import.
export * from './suite/profile.js'
export type { Level, RequirementId } from './spec/requirements.js'
