// Violates RFC 9101 §6.2 (RFC9101-6.2): "If the key is not associated with the client or if
// signature validation fails, the authorization server MUST return an invalid_request_object
// error". Broken by a source patch (d) of oidc-provider's processRequestObject (child process
// only): a request object whose kid names one of the client's registered keys is not verified, so
// a signature made with another key under that kid is accepted. A kid the client never registered
// is still verified (and refused).
import { defineMutant } from '../../src/reference-as/mutant.js'
import { RELAX_REQUEST_OBJECT } from '../../src/reference-as/patches.js'

export default defineMutant({
  id: 'request-object-accepts-bad-signature',
  module: import.meta.url,
  description:
    'fapi1-advanced accepts a request object whose signature does not verify with the registered key its kid names',
  profiles: ['fapi1-advanced'],
  expectFailures: {
    'fapi1-advanced': ['request-object-invalid-signature'],
  },
  sourcePatches: RELAX_REQUEST_OBJECT,
  relax: (check, { ctx, header }) =>
    check === 'signature' &&
    ctx?.oidc?.route === 'pushed_authorization_request' &&
    ((ctx.oidc.client?.jwks?.keys ?? []) as Array<{ kid?: string }>).some(
      (k) => k.kid !== undefined && k.kid === header?.kid,
    ),
})
