// Violates RFC 8705 §3 (RFC8705-3) and the sender-constraining clauses of the FAPI profiles
// (FAPI1-ADV-5.2.2-5/-6, FAPI-CIBA-5.2.2): a client registered with
// tls_client_certificate_bound_access_tokens gets tokens bound to its certificate. Broken by
// patching the provider (b): the token models drop the x5t#S256 thumbprint, so access tokens are
// plain bearer tokens (no cnf at introspection) that the resource serves to anyone holding them.
// The reference AS issues opaque tokens: mtls-bound-token-cnf reads the binding by introspection
// (RFC 8705 §3.2) and fails at the profile's shall clauses; the resource refusal modules fail
// because their control is served and the variant without (or with another) certificate is too.
import { defineMutant } from '../../src/reference-as/mutant.js'

function dropX5t(model: any): void {
  const original = model.prototype.setThumbprint
  model.prototype.setThumbprint = function (this: unknown, prop: string, input: unknown) {
    if (prop !== 'x5t') return original.call(this, prop, input)
    return undefined
  }
}

export default defineMutant({
  id: 'mtls-issues-unbound-tokens',
  module: import.meta.url,
  description:
    'fapi1-advanced and fapi-ciba issue access tokens that are not bound to the client certificate',
  profiles: ['fapi1-advanced', 'fapi-ciba'],
  expectFailures: {
    'fapi1-advanced': [
      'mtls-bound-token-cnf',
      'mtls-bound-token-resource-no-certificate',
      'mtls-bound-token-resource-other-certificate',
      // the code flows judge the binding of their access token too (introspection)
      'authorization-code-flow',
      'jarm-code-flow',
    ],
    'fapi-ciba': [
      'mtls-bound-token-cnf',
      'mtls-bound-token-resource-no-certificate',
      'mtls-bound-token-resource-other-certificate',
    ],
  },
  patchProvider(provider) {
    dropX5t(provider.AccessToken)
    dropX5t(provider.ClientCredentials)
  },
})
