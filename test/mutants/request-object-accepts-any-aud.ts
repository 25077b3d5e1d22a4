// Violates FAPI 1.0 Part 2 §5.2.2-15 (FAPI1-ADV-5.2.2-15): "shall require the aud claim in the
// request object to be, or to be an array containing, the authorization server's issuer identifier
// URL". Broken by a source patch (d) of oidc-provider's processRequestObject (child process only):
// the aud of a request object is not compared with the issuer (it must still be present).
import { defineMutant } from '../../src/reference-as/mutant.js'
import { RELAX_REQUEST_OBJECT } from '../../src/reference-as/patches.js'

export default defineMutant({
  id: 'request-object-accepts-any-aud',
  module: import.meta.url,
  description: 'fapi1-advanced accepts a request object whose aud is another server',
  profiles: ['fapi1-advanced'],
  expectFailures: {
    'fapi1-advanced': ['request-object-wrong-aud'],
  },
  sourcePatches: RELAX_REQUEST_OBJECT,
  relax: (check, { ctx }) => check === 'aud' && ctx?.oidc?.route === 'pushed_authorization_request',
})
