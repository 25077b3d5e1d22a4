// Violates FAPI 1.0 Part 2 §5.2.2-14 (FAPI1-ADV-5.2.2-14): client_secret_jwt is allowed by Part 1
// but not by Part 2 (mTLS or private_key_jwt only), and §8.6 (HS256 is neither PS256 nor ES256).
// Broken by configuration (a): client_secret_jwt and HS256 are accepted and advertised.
// Advertising them is only a warning (discovery-auth-methods-within-profile,
// discovery-signing-algs-within-profile): accepting them from a FAPI client is the failure.
import { defineMutant } from '../../src/reference-as/mutant.js'

export default defineMutant({
  id: 'accepts-client-secret-jwt',
  module: import.meta.url,
  description: 'fapi1-advanced accepts and advertises client_secret_jwt (HS256)',
  profiles: ['fapi1-advanced'],
  expectFailures: {
    'fapi1-advanced': [
      'auth-method-client-secret-jwt',
      'endpoint-revocation-auth-method-client-secret-jwt',
      'endpoint-par-auth-method-client-secret-jwt',
    ],
  },
  expectWarnings: {
    'fapi1-advanced': [
      'discovery-auth-methods-within-profile',
      'discovery-signing-algs-within-profile',
    ],
  },
  configure(config) {
    config.clientAuthMethods.push('client_secret_jwt')
    config.enabledJWA.clientAuthSigningAlgValues.push('HS256')
  },
})
