// Violates FAPI 1.0 Part 2 §5.2.2-14 (FAPI1-ADV-5.2.2-14), overriding Part 1 §5.2.2-4: confidential
// clients authenticate with mTLS or private_key_jwt only. Broken by configuration (a):
// client_secret_basic is accepted (and advertised).
// Advertising the method is only a warning (discovery-auth-methods-within-profile): the metadata
// serves every client of the issuer; accepting it from a FAPI client is the failure.
import { defineMutant } from '../../src/reference-as/mutant.js'

export default defineMutant({
  id: 'accepts-client-secret-basic',
  module: import.meta.url,
  description: 'fapi1-advanced accepts and advertises client_secret_basic',
  profiles: ['fapi1-advanced'],
  expectFailures: {
    'fapi1-advanced': [
      'auth-method-client-secret-basic',
      'endpoint-revocation-auth-method-client-secret-basic',
      'endpoint-par-auth-method-client-secret-basic',
    ],
  },
  expectWarnings: {
    'fapi1-advanced': ['discovery-auth-methods-within-profile'],
  },
  configure(config) {
    config.clientAuthMethods.push('client_secret_basic')
  },
})
