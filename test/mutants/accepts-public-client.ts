// Violates FAPI 2.0 Security Profile §5.3.2.1-2 (FAPI2-SP-FINAL-5.3.2.1-2): the authorization
// server shall only issue access tokens to confidential clients, so public clients must not be
// registered. Broken by configuration (a): token_endpoint_auth_method none is accepted (and so
// advertised). Public clients still cannot use client_credentials (a different rule).
import { defineMutant } from '../../src/reference-as/mutant.js'

export default defineMutant({
  id: 'accepts-public-client',
  module: import.meta.url,
  description: 'fapi2-security registers public clients (token_endpoint_auth_method none)',
  profiles: ['fapi2-security'],
  expectFailures: {
    'fapi2-security': ['public-client-registration', 'discovery-auth-methods-within-profile'],
  },
  configure(config) {
    config.clientAuthMethods.push('none')
  },
})
