// Violates RFC 8414 §2 (RFC8414-2) and OpenID Connect Discovery §3 (OIDCD-3): the value none MUST
// NOT be used in token_endpoint_auth_signing_alg_values_supported. Broken by a middleware (c) that
// adds it to the discovery document; the token endpoint itself still refuses unsigned assertions.
import { defineMutant, rewriteDiscovery } from '../../src/reference-as/mutant.js'

export default defineMutant({
  id: 'lists-none-alg',
  module: import.meta.url,
  description: 'oidc discovery lists none in token_endpoint_auth_signing_alg_values_supported',
  profiles: ['oidc'],
  expectFailures: {
    oidc: ['discovery-signing-algs-exclude-none'],
  },
  middleware: rewriteDiscovery((doc) => {
    doc.token_endpoint_auth_signing_alg_values_supported = [
      ...(doc.token_endpoint_auth_signing_alg_values_supported ?? []),
      'none',
    ]
  }),
})
