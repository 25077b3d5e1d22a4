// Violates FAPI 1.0 Part 2 §8.6 (FAPI1-ADV-8.6: "shall use PS256 or ES256 algorithms") as far as
// the metadata goes: private_key_jwt is advertised but token_endpoint_auth_signing_alg_values_supported
// offers only RS256, so no FAPI client could sign an acceptable assertion. Broken by a middleware (c)
// on the discovery document; the token endpoint still accepts PS256/ES256 and refuses RS256. Listing
// RS256 is itself only a warning (discovery-signing-algs-within-profile); the assertion modules find
// no algorithm both advertised and allowed and are not applicable.
import { defineMutant, rewriteDiscovery } from '../../src/reference-as/mutant.js'

export default defineMutant({
  id: 'lists-no-fapi-alg',
  module: import.meta.url,
  description: 'fapi1-advanced discovery offers only RS256 for client assertions',
  profiles: ['fapi1-advanced'],
  expectFailures: {
    'fapi1-advanced': ['discovery-signing-algs-include-allowed'],
  },
  expectWarnings: {
    'fapi1-advanced': ['discovery-signing-algs-within-profile'],
  },
  middleware: rewriteDiscovery((doc) => {
    doc.token_endpoint_auth_signing_alg_values_supported = ['RS256']
  }),
})
