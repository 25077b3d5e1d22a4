// Violates FAPI 1.0 Part 2 §8.6 (FAPI1-ADV-8.6: "shall use PS256 or ES256 algorithms") and FAPI 2.0
// §5.4.1-1 (FAPI2-SP-FINAL-5.4.1-1: PS256, ES256 or EdDSA) for the ID Token. Broken by a patch (b)
// of the IdToken model: every ID Token is signed again with RS256 by the AS's own RSA key (same
// kid), which id_token_signing_alg_values_supported does not list either.
import { defineMutant } from '../../src/reference-as/mutant.js'
import { rewriteIdToken } from '../../src/reference-as/rewrite-id-token.js'

export default defineMutant({
  id: 'id-token-signed-rs256',
  module: import.meta.url,
  description: 'fapi1-advanced and fapi2-security sign ID Tokens with RS256',
  profiles: ['fapi1-advanced', 'fapi2-security'],
  expectFailures: {
    'fapi1-advanced': ['oidc-id-token', 'hybrid-id-token'],
    'fapi2-security': ['oidc-id-token'],
  },
  ...rewriteIdToken(({ header }) => {
    if (header.alg === 'PS256') header.alg = 'RS256'
  }),
})
