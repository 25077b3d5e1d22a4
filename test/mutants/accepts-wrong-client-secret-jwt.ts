// Violates RFC 7523 §3 item 9 (RFC7523-3-9): "The authorization server MUST reject JWTs with an
// invalid signature or MAC." Broken by a source patch (d) of lib/shared/jwt_client_auth.js (child
// process only): the MAC of an HS256/384/512 client assertion (client_secret_jwt) is not verified
// (its time claims still are); asymmetric signatures (private_key_jwt) are verified as before.
import { defineMutant } from '../../src/reference-as/mutant.js'
import { RELAX_SIGNATURE } from '../../src/reference-as/patches.js'

export default defineMutant({
  id: 'accepts-wrong-client-secret-jwt',
  module: import.meta.url,
  description: 'fapi1-baseline accepts client_secret_jwt assertions MACed with another secret',
  profiles: ['fapi1-baseline'],
  expectFailures: {
    'fapi1-baseline': ['client-secret-jwt-wrong-secret'],
  },
  sourcePatches: [RELAX_SIGNATURE],
  relax: (check, info) =>
    check === 'signature' &&
    typeof info.header?.alg === 'string' &&
    info.header.alg.startsWith('HS'),
})
