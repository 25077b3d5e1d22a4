// Violates FAPI 2.0 Security Profile §5.3.2.1-13 (FAPI2-SP-FINAL-5.3.2.1-13): "to accommodate
// clock offsets, shall accept JWTs with an iat or nbf timestamp between 0 and 10 seconds in the
// future". Broken by configuration (a): a clock tolerance of 5 seconds (the reference AS uses 10
// for fapi2-security), so a client assertion whose nbf is 8 s ahead is "not active yet".
import { defineMutant } from '../../src/reference-as/mutant.js'

export default defineMutant({
  id: 'refuses-near-future-assertion',
  module: import.meta.url,
  description:
    'fapi2-security refuses client assertions whose iat/nbf are 8 s in the future (5 s clock tolerance)',
  profiles: ['fapi2-security'],
  expectFailures: {
    'fapi2-security': ['client-assertion-iat-nbf-8s-ahead'],
  },
  configure(config) {
    config.clockTolerance = 5
  },
})
