// Violates RFC 8414 §2 (RFC8414-2): token_endpoint_auth_signing_alg_values_supported "MUST be
// present if either of these authentication methods [private_key_jwt, client_secret_jwt] are
// specified in the token_endpoint_auth_methods_supported entry", and no default is implied. Broken
// by a middleware (c) that deletes the member from the discovery document while private_key_jwt
// stays listed; the token endpoint is unchanged. With no algorithm advertised the client-assertion
// modules have nothing to sign with and are not applicable.
import { defineMutant, rewriteDiscovery } from '../../src/reference-as/mutant.js'

export default defineMutant({
  id: 'drops-signing-alg-metadata',
  module: import.meta.url,
  description:
    'fapi1-advanced discovery lists private_key_jwt without token_endpoint_auth_signing_alg_values_supported',
  profiles: ['fapi1-advanced'],
  expectFailures: {
    'fapi1-advanced': ['discovery-signing-algs-listed-for-jwt-methods'],
  },
  middleware: rewriteDiscovery((doc) => {
    delete doc.token_endpoint_auth_signing_alg_values_supported
  }),
})
