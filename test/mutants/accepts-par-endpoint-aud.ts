// Violates FAPI 2.0 Security Profile §5.3.2.1-8 (FAPI2-SP-FINAL-5.3.2.1-8) at the pushed
// authorization request endpoint: the AS "shall only accept its issuer identifier value (as defined
// in [RFC8414]) as a string in the aud claim received in client authentication assertions", which
// narrows RFC 9126 §2. Broken by configuration (a): at the PAR endpoint the PAR endpoint URL is
// accepted as well (the token endpoint keeps the issuer-only rule).
import { defineMutant } from '../../src/reference-as/mutant.js'

export default defineMutant({
  id: 'accepts-par-endpoint-aud',
  module: import.meta.url,
  description:
    'fapi2-security accepts the PAR endpoint URL as client assertion aud at the PAR endpoint',
  profiles: ['fapi2-security'],
  expectFailures: {
    'fapi2-security': ['par-client-assertion-aud-par-endpoint'],
  },
  configure(config) {
    config.assertJwtClientAuthClaimsAndHeader = async (
      ctx: any,
      claims: Record<string, unknown>,
    ) => {
      const par =
        ctx.oidc.route === 'pushed_authorization_request' &&
        claims.aud === ctx.oidc.urlFor('pushed_authorization_request')
      if (claims.aud !== ctx.oidc.issuer && !par) {
        const { errors } = await import('oidc-provider')
        throw new errors.InvalidClientAuth!('audience (aud) must equal the issuer identifier url')
      }
    }
  },
})
