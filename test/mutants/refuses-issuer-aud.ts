// Violates CIBA Core §7.1 (CIBA-7.1): to facilitate interoperability the OP MUST accept its issuer
// identifier, token endpoint URL, or backchannel authentication endpoint URL as the assertion's aud.
// Broken by patching the provider (b): the issuer is dropped from the expected audiences.
import { defineMutant } from '../../src/reference-as/mutant.js'

export default defineMutant({
  id: 'refuses-issuer-aud',
  module: import.meta.url,
  description: 'ciba refuses client assertions whose aud is the issuer identifier',
  profiles: ['ciba'],
  expectFailures: {
    // at the PAR endpoint RFC 9126 §2 makes the issuer an accepted aud too
    ciba: ['ciba-backchannel-aud-issuer', 'par-client-assertion-aud-issuer'],
  },
  patchProvider(provider) {
    provider.OIDCContext.prototype.clientJwtAuthExpectedAudience = function (this: any) {
      return new Set([
        this.urlFor('token'),
        this.urlFor(this.route),
        this.urlFor('backchannel_authentication'),
      ])
    }
  },
})
