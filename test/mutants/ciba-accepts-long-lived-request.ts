// Violates FAPI-CIBA ID1 §5.2.2 item 9 (FAPI-CIBA-5.2.2-9): "shall require the Signed
// Authentication Request to contain nbf and exp claims that limit the lifetime of the request to
// no more than 60 minutes". Broken by editing the configuration (a): the request object claim
// rule still requires exp, iat, nbf, jti and aud (CIBA §7.1.1) and exp after nbf, but no longer
// bounds exp - nbf.
import { defineMutant } from '../../src/reference-as/mutant.js'

export default defineMutant({
  id: 'ciba-accepts-long-lived-request',
  module: import.meta.url,
  description:
    'fapi-ciba accepts a signed backchannel request whose exp lies more than 60 minutes after its nbf',
  profiles: ['fapi-ciba'],
  expectFailures: {
    'fapi-ciba': ['fapi-ciba-request-lifetime'],
  },
  configure(config) {
    config.features.requestObjects.assertJwtClaimsAndHeader = async (
      ctx: any,
      claims: Record<string, unknown>,
    ) => {
      const { InvalidRequestObject } = (await import('oidc-provider')).errors
      const required =
        ctx.oidc.route === 'backchannel_authentication'
          ? ['exp', 'iat', 'nbf', 'jti', 'aud']
          : ['exp', 'aud', 'nbf']
      for (const claim of required) {
        if (claims[claim] === undefined)
          throw new InvalidRequestObject!(`Request Object is missing the '${claim}' claim`)
      }
      if (!(Number(claims.exp) > Number(claims.nbf)))
        throw new InvalidRequestObject!("Request Object 'exp' must be after 'nbf'")
    }
  },
})
