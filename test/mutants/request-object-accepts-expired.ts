// Violates RFC 7519 §4.1.4 (RFC7519-4.1.4): exp "identifies the expiration time on or after which
// the JWT MUST NOT be accepted for processing". Broken by a source patch (d) of oidc-provider's
// processRequestObject (child process only): the expiry of request objects is not checked (exp
// must still be present, at most 60 minutes after nbf).
import { defineMutant } from '../../src/reference-as/mutant.js'
import { RELAX_REQUEST_OBJECT } from '../../src/reference-as/patches.js'

export default defineMutant({
  id: 'request-object-accepts-expired',
  module: import.meta.url,
  description: 'fapi1-advanced accepts an expired request object',
  profiles: ['fapi1-advanced'],
  expectFailures: {
    'fapi1-advanced': ['request-object-expired'],
  },
  sourcePatches: RELAX_REQUEST_OBJECT,
  relax: (check, { ctx }) => check === 'exp' && ctx?.oidc?.route === 'pushed_authorization_request',
})
