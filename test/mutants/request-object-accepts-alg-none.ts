// Violates FAPI 1.0 Part 2 §5.2.2-1 (FAPI1-ADV-5.2.2-1) "shall require a JWS signed JWT request
// object" and §8.6 item 3 (FAPI1-ADV-8.6-3) "shall not use none". Broken by a source patch (d) of
// oidc-provider's processRequestObject (child process only): for alg "none" the algorithm
// allow-list and the signature check are skipped (signed request objects are still verified).
import { defineMutant } from '../../src/reference-as/mutant.js'
import { RELAX_REQUEST_OBJECT } from '../../src/reference-as/patches.js'

export default defineMutant({
  id: 'request-object-accepts-alg-none',
  module: import.meta.url,
  description: 'fapi1-advanced accepts unsigned (alg none) request objects',
  profiles: ['fapi1-advanced'],
  expectFailures: {
    'fapi1-advanced': ['request-object-alg-none'],
  },
  sourcePatches: RELAX_REQUEST_OBJECT,
  relax: (check, { ctx, header }) =>
    (check === 'alg' || check === 'signature') &&
    ctx?.oidc?.route === 'pushed_authorization_request' &&
    header?.alg === 'none',
})
