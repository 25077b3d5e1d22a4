// Violates FAPI 1.0 Part 1 §5.2.2-4 (FAPI1-BASE-5.2.2-4): confidential clients authenticate with
// mTLS, client_secret_jwt or private_key_jwt; a plain shared secret in the request body is not
// allowed. Broken by configuration (a): client_secret_post is accepted and advertised.
// Advertising the method is only a warning (discovery-auth-methods-within-profile): the metadata
// serves every client of the issuer; accepting it from a FAPI client is the failure.
import { defineMutant } from '../../src/reference-as/mutant.js'

export default defineMutant({
  id: 'accepts-client-secret-post',
  module: import.meta.url,
  description: 'fapi1-baseline accepts and advertises client_secret_post',
  profiles: ['fapi1-baseline'],
  expectFailures: {
    'fapi1-baseline': [
      'auth-method-client-secret-post',
      'endpoint-revocation-auth-method-client-secret-post',
      'endpoint-device-auth-method-client-secret-post',
      'endpoint-par-auth-method-client-secret-post',
    ],
  },
  expectWarnings: {
    'fapi1-baseline': ['discovery-auth-methods-within-profile'],
  },
  configure(config) {
    config.clientAuthMethods.push('client_secret_post')
  },
})
