// Violates FAPI 2.0 Security Profile §5.3.2.1-13 (FAPI2-SP-FINAL-5.3.2.1-13): the AS "shall reject
// JWTs with an iat or nbf timestamp greater than 60 seconds in the future". Broken by
// configuration (a): a clock tolerance of three minutes, so a client assertion whose iat and nbf
// are 120 s ahead is accepted (one that expired ten minutes ago is still refused).
import { defineMutant } from '../../src/reference-as/mutant.js'

export default defineMutant({
  id: 'accepts-far-future-assertion',
  module: import.meta.url,
  description:
    'fapi2-security accepts client assertions whose iat/nbf are 120 s in the future (180 s clock tolerance)',
  profiles: ['fapi2-security'],
  expectFailures: {
    'fapi2-security': ['client-assertion-iat-nbf-120s-ahead'],
  },
  configure(config) {
    config.clockTolerance = 180
  },
})
