// Violates FAPI 2.0 Security Profile §5.3.2.2-3 (FAPI2-SP-FINAL-5.3.2.2-3): "shall reject
// authorization requests sent without [RFC9126]". Broken by editing the configuration (a): PAR is
// offered but no longer required, so plain query parameters at the authorization endpoint authorize.
import { defineMutant } from '../../src/reference-as/mutant.js'

export default defineMutant({
  id: 'par-not-required',
  module: import.meta.url,
  description: 'fapi2-security authorizes a request sent as plain query parameters, not pushed',
  profiles: ['fapi2-security'],
  expectFailures: { 'fapi2-security': ['par-required'] },
  configure(config) {
    config.features.pushedAuthorizationRequests = {
      ...config.features.pushedAuthorizationRequests,
      requirePushedAuthorizationRequests: false,
    }
  },
})
