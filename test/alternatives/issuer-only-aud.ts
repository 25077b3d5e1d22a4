// OpenID Connect Core 1.0 §9 as amended (errata set 3 draft, openid-connect-core-1_0-36): "The
// Audience value MUST be the OP's Issuer Identifier passed as a string, and not a single-element
// array." FAPI 2.0 Security Profile §5.3.2.1-8: the authorization server "shall only accept its
// issuer identifier value (as defined in [RFC8414]) as a string in the aud claim received in client
// authentication assertions". RFC 7523 §3 leaves the rest to agreement: "the precise strings to be
// used as the audience for a given authorization server must be configured out of band".
// So a server may accept the issuer identifier alone; where OIDC Core §9 (errata set 2) says the
// audience SHOULD be the token endpoint URL, refusing it is at most a should-level miss (a warning).
// Except at the pushed authorization request endpoint, where RFC 9126 §2 says "the authorization
// server MUST accept its issuer identifier, token endpoint URL, or pushed authorization request
// endpoint URL as values that identify it as an intended audience": there it keeps oidc-provider's
// set (issuer, token endpoint, the endpoint called).
// Not for the CIBA profiles: CIBA Core §7.1 makes the OP accept the token and backchannel
// endpoint URLs too; not for fapi2-security, where the reference AS already accepts the issuer
// alone. Built by patching the provider (b): the expected audiences are {issuer}.
import { defineMutant } from '../../src/reference-as/mutant.js'

export default defineMutant({
  id: 'issuer-only-aud',
  module: import.meta.url,
  description:
    'client assertions are accepted only with aud = the issuer identifier (at PAR: issuer, token or PAR endpoint, RFC 9126 §2)',
  why: 'OpenID Connect Core 1.0 §9 (errata set 3): "The Audience value MUST be the OP\'s Issuer Identifier passed as a string, and not a single-element array." RFC 7523 §3: "the precise strings to be used as the audience for a given authorization server must be configured out of band by the authorization server and the issuer of the JWT."',
  profiles: ['oauth2', 'oidc', 'fapi1-baseline', 'fapi1-advanced'],
  expectFailures: {},
  patchProvider(provider) {
    const proto = provider.OIDCContext.prototype
    const expected: () => Set<string> = proto.clientJwtAuthExpectedAudience
    proto.clientJwtAuthExpectedAudience = function (this: { issuer: string; route: string }) {
      return this.route === 'pushed_authorization_request'
        ? expected.call(this)
        : new Set([this.issuer])
    }
  },
})
