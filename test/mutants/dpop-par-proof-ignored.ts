// Violates RFC 9449 §10.1 (RFC9449-10.1-2): with a DPoP header on the pushed authorization request
// the AS "MUST further behave as if the contained public key's thumbprint was provided using
// dpop_jkt, i.e., reject the subsequent token request unless a DPoP proof for the same key is
// provided", and (RFC9449-10.1-3) "Both mechanisms MUST be supported by an authorization server that
// supports PAR and DPoP." Broken by a middleware (c): the fapi2-security PAR endpoint drops the DPoP
// header before oidc-provider sees it, so a request pushed with a proof and no dpop_jkt yields an
// unbound code. dpop_jkt in the body still binds (the other way of §10.1), so only
// dpop-par-proof-code-binding fails.
import { defineMutant } from '../../src/reference-as/mutant.js'

export default defineMutant({
  id: 'dpop-par-proof-ignored',
  module: import.meta.url,
  description:
    'fapi2-security ignores the DPoP header of pushed authorization requests (the code is not bound to its key)',
  profiles: ['fapi2-security'],
  expectFailures: {
    'fapi2-security': ['dpop-par-proof-code-binding'],
  },
  async middleware(ctx, next) {
    if (ctx.method === 'POST' && ctx.path === '/request') delete ctx.req.headers.dpop
    return next()
  },
})
