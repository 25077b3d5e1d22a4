// Violates RFC 9101 §6.2 (RFC9101-6.2): "If the key is not associated with the client or if
// signature validation fails, the authorization server MUST return an invalid_request_object
// error". Broken by a source patch (d) of oidc-provider's processRequestObject (child process
// only): a request object whose kid names no key of the client is not verified (as a server that
// trusts any key it can find would), so one signed with a key that is not the client's is
// accepted. Under one of the client's kids the signature is still verified.
import { defineMutant } from '../../src/reference-as/mutant.js'
import { RELAX_REQUEST_OBJECT } from '../../src/reference-as/patches.js'

export default defineMutant({
  id: 'request-object-accepts-foreign-key',
  module: import.meta.url,
  description: "fapi1-advanced accepts a request object signed with a key that is not the client's",
  profiles: ['fapi1-advanced'],
  expectFailures: {
    'fapi1-advanced': ['request-object-foreign-key'],
  },
  sourcePatches: RELAX_REQUEST_OBJECT,
  relax: (check, { ctx, header }) =>
    check === 'signature' &&
    ctx?.oidc?.route === 'pushed_authorization_request' &&
    typeof header?.kid === 'string' &&
    !((ctx.oidc.client?.jwks?.keys ?? []) as Array<{ kid?: string }>).some(
      (k) => k.kid === header.kid,
    ),
})
