// Violates RFC 9449 §10 (RFC9449-10-2): "When a token request is received, the authorization server
// computes the JWK Thumbprint of the proof-of-possession public key in the DPoP proof and verifies
// that it matches the dpop_jkt parameter value in the authorization request.  If they do not match,
// it MUST reject the request." and §10.1 (RFC9449-10.1-3): "Both mechanisms MUST be supported by an
// authorization server that supports PAR and DPoP." Broken by a middleware (c): the fapi2-security
// PAR endpoint drops the dpop_jkt parameter from the pushed request before oidc-provider reads it,
// as an AS that does not know the parameter ignores it (RFC 6749 §3.1), so the code is not bound. A
// DPoP header on the pushed request still binds the code (the other way of §10.1), so only
// dpop-jkt-code-binding fails; clients of this server that bind with certificates send neither.
import { defineMutant, rewritePushedForm } from '../../src/reference-as/mutant.js'

export default defineMutant({
  id: 'dpop-jkt-ignored',
  module: import.meta.url,
  description:
    'fapi2-security ignores dpop_jkt in pushed authorization requests (the code is not bound to the DPoP key)',
  profiles: ['fapi2-security'],
  expectFailures: {
    'fapi2-security': ['dpop-jkt-code-binding'],
  },
  middleware: rewritePushedForm((form) => {
    if (!form.has('dpop_jkt')) return false
    form.delete('dpop_jkt')
    return true
  }),
})
