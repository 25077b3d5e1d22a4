// Violates RFC 9449 §6.2 (RFC9449-6.2): for a DPoP-bound access token "the hash of the public key to
// which the token is bound is conveyed to the protected resource as metainformation in a token
// introspection response" (cnf.jkt). Broken by a middleware (c): the fapi2-security introspection
// response loses cnf.jkt (and says token_type Bearer); tokens stay bound and the resource still
// checks proofs, so only dpop-bound-token (which reads the binding by introspection) fails.
import { defineMutant } from '../../src/reference-as/mutant.js'

export default defineMutant({
  id: 'dpop-introspection-drops-jkt',
  module: import.meta.url,
  description: 'fapi2-security introspection hides the DPoP binding (no cnf.jkt)',
  profiles: ['fapi2-security'],
  expectFailures: {
    'fapi2-security': ['dpop-bound-token'],
  },
  async middleware(ctx, next) {
    await next()
    const body = ctx.body as Record<string, any> | undefined
    if (!ctx.path.startsWith('/token/introspection') || ctx.status !== 200 || !body?.cnf?.jkt)
      return
    const { jkt: _jkt, ...cnf } = body.cnf
    ctx.body = {
      ...body,
      token_type: 'Bearer',
      ...(Object.keys(cnf).length ? { cnf } : { cnf: undefined }),
    }
  },
})
