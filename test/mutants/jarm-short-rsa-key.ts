// Violates RFC 7518 §3.5 (RFC7518-3.5): "A key of size 2048 bits or larger MUST be used with these
// algorithms." — binding whoever signs with PS256, here the AS signing its JARM responses (FAPI 1.0
// Part 1 §5.2.2-5, taken in by Part 2, requires 2048-bit RSA keys too). Broken by a middleware (c)
// and a patch (b): the jwks_uri also serves a 1024-bit RSA key, and every JARM response is signed
// again with it under PS256.
import { defineMutant } from '../../src/reference-as/mutant.js'
import { resignWithShortRsaKey } from '../../src/reference-as/rewrite-id-token.js'

export default defineMutant({
  id: 'jarm-short-rsa-key',
  module: import.meta.url,
  description:
    'fapi1-advanced signs JARM responses with a 1024-bit RSA key it publishes in its jwks_uri',
  profiles: ['fapi1-advanced'],
  expectFailures: {
    'fapi1-advanced': ['jarm-code-flow'],
  },
  ...resignWithShortRsaKey({
    kid: 'fapi-harness-jarm-rsa-1024',
    alg: 'PS256',
    use: 'authorization',
  }),
})
