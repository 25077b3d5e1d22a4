// Violates RFC 7518 §3.3 (RFC7518-3.3): "A key of size 2048 bits or larger MUST be used with these
// algorithms." — binding whoever signs with RS256, here the OP signing its ID Tokens. Broken by a
// middleware (c) and a patch (b): the jwks_uri also serves a 1024-bit RSA key, and every ID Token
// is signed again with it under RS256.
import { defineMutant } from '../../src/reference-as/mutant.js'
import { resignWithShortRsaKey } from '../../src/reference-as/rewrite-id-token.js'

export default defineMutant({
  id: 'id-token-short-rsa-key',
  module: import.meta.url,
  description: 'oidc signs ID Tokens with a 1024-bit RSA key it publishes in its jwks_uri',
  profiles: ['oidc'],
  expectFailures: {
    oidc: ['oidc-id-token'],
  },
  ...resignWithShortRsaKey({ kid: 'fapi-harness-short-rsa-1024', alg: 'RS256', use: 'idtoken' }),
})
