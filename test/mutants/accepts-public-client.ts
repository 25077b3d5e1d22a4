// Violates FAPI 2.0 Security Profile §5.3.2.1-3 (FAPI2-SP-FINAL-5.3.2.1-3): the authorization
// server "shall only support confidential clients as defined in [RFC6749]", so public clients must
// not be registered. Broken by configuration (a): token_endpoint_auth_method none is accepted (and so
// advertised). Public clients still cannot use client_credentials (a different rule). Listing none
// is only a warning (discovery-auth-methods-within-profile); registering the client is the failure.
import { defineMutant } from '../../src/reference-as/mutant.js'

export default defineMutant({
  id: 'accepts-public-client',
  module: import.meta.url,
  description: 'fapi2-security registers public clients (token_endpoint_auth_method none)',
  profiles: ['fapi2-security'],
  expectFailures: {
    'fapi2-security': ['public-client-registration'],
  },
  expectWarnings: {
    'fapi2-security': ['discovery-auth-methods-within-profile'],
  },
  configure(config) {
    config.clientAuthMethods.push('none')
  },
})
