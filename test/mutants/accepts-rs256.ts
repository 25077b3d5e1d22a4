// Violates FAPI 1.0 Part 2 §8.6 (FAPI1-ADV-8.6): clients and servers shall use PS256 or ES256; an
// RS256 (RSASSA-PKCS1-v1_5) client assertion must be refused. Broken by configuration (a):
// RS256 is added to the accepted (and advertised) client assertion algorithms. Advertising it is
// only a warning (discovery-signing-algs-within-profile); accepting the assertion is the failure.
import { defineMutant } from '../../src/reference-as/mutant.js'

export default defineMutant({
  id: 'accepts-rs256',
  module: import.meta.url,
  description: 'fapi1-advanced accepts and advertises RS256 client assertions',
  profiles: ['fapi1-advanced'],
  expectFailures: {
    'fapi1-advanced': [
      'client-assertion-alg-rs256',
      'endpoint-revocation-client-assertion-alg-rs256',
      'endpoint-par-client-assertion-alg-rs256',
    ],
  },
  expectWarnings: {
    'fapi1-advanced': ['discovery-signing-algs-within-profile'],
  },
  configure(config) {
    config.enabledJWA.clientAuthSigningAlgValues.push('RS256')
  },
})
