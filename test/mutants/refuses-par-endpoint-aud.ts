// Violates RFC 9126 §2 (RFC9126-2-5): "the authorization server MUST accept its issuer identifier,
// token endpoint URL, or pushed authorization request endpoint URL as values that identify it as
// an intended audience". Broken by patching the provider (b): the expected audiences are the issuer
// and the token endpoint URL only, so a pushed authorization request whose client assertion names
// the PAR endpoint is refused.
import { defineMutant } from '../../src/reference-as/mutant.js'

export default defineMutant({
  id: 'refuses-par-endpoint-aud',
  module: import.meta.url,
  description:
    'oidc refuses the pushed authorization request endpoint URL as client assertion aud at that endpoint',
  profiles: ['oidc'],
  expectFailures: {
    oidc: ['par-client-assertion-aud-par-endpoint'],
  },
  patchProvider(provider) {
    provider.OIDCContext.prototype.clientJwtAuthExpectedAudience = function (this: {
      issuer: string
      urlFor(name: string): string
    }) {
      return new Set([this.issuer, this.urlFor('token')])
    }
  },
})
