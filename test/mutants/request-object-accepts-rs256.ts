// Violates FAPI 1.0 Part 2 §8.6 item 1 (FAPI1-ADV-8.6): "shall use PS256 or ES256 algorithms".
// Broken by a source patch (d) of oidc-provider's processRequestObject (child process only): RS256
// passes the algorithm allow-list of request objects (the signature is still verified, with RS256).
import { defineMutant } from '../../src/reference-as/mutant.js'
import { RELAX_REQUEST_OBJECT } from '../../src/reference-as/patches.js'

export default defineMutant({
  id: 'request-object-accepts-rs256',
  module: import.meta.url,
  description: 'fapi1-advanced accepts request objects signed with RS256',
  profiles: ['fapi1-advanced'],
  expectFailures: {
    'fapi1-advanced': ['request-object-alg-rs256'],
  },
  sourcePatches: RELAX_REQUEST_OBJECT,
  relax: (check, { ctx, header }) =>
    check === 'alg' &&
    ctx?.oidc?.route === 'pushed_authorization_request' &&
    header?.alg === 'RS256',
})
