// Violates FAPI 2.0 Security Profile §5.3.2.1-8 (FAPI2-SP-FINAL-5.3.2.1-8): the authorization
// server shall only accept its issuer identifier, as a single string, as the aud of a client
// assertion. Broken by configuration (a): the token endpoint URL is accepted as well.
import { defineMutant } from '../../src/reference-as/mutant.js'

export default defineMutant({
  id: 'accepts-token-endpoint-aud',
  module: import.meta.url,
  description: 'fapi2-security accepts the token endpoint URL as client assertion aud',
  profiles: ['fapi2-security'],
  expectFailures: {
    // the hook runs at every endpoint, the PAR endpoint included
    'fapi2-security': [
      'client-assertion-aud-token-endpoint',
      'par-client-assertion-aud-token-endpoint',
    ],
  },
  configure(config) {
    config.assertJwtClientAuthClaimsAndHeader = async (
      ctx: any,
      claims: Record<string, unknown>,
    ) => {
      if (claims.aud !== ctx.oidc.issuer && claims.aud !== ctx.oidc.urlFor('token')) {
        const { errors } = await import('oidc-provider')
        throw new errors.InvalidClientAuth!('audience (aud) must equal the issuer identifier url')
      }
    }
  },
})
