import type { ServerMetadata } from '../../client/types.js'
import { defineCheck, fail, pass } from '../define.js'

/** The client authentication methods whose assertions are JWTs (RFC 8414 §2, OIDC Core §9). */
export const JWT_METHODS = ['private_key_jwt', 'client_secret_jwt'] as const

/**
 * RFC 8414 §2: token_endpoint_auth_signing_alg_values_supported "MUST be present if either of these
 * authentication methods are specified in the token_endpoint_auth_methods_supported entry", and "No
 * default algorithms are implied if this entry is omitted". An absent methods list means
 * client_secret_basic, which needs no algorithms; an empty algorithm list names none.
 */
export default defineCheck<{ metadata: ServerMetadata }>({
  id: 'signing-algs-listed-for-jwt-methods',
  title:
    'token_endpoint_auth_signing_alg_values_supported is present when private_key_jwt or client_secret_jwt is advertised',
  requirements: ['RFC8414-2'],
  evaluate({ metadata }) {
    const methods = metadata.token_endpoint_auth_methods_supported ?? ['client_secret_basic']
    const jwtMethods = methods.filter((m) => (JWT_METHODS as readonly string[]).includes(m))
    if (!jwtMethods.length) return pass('no JWT client authentication method is advertised')
    const algs = metadata.token_endpoint_auth_signing_alg_values_supported
    if (!algs)
      return fail(
        `advertises ${jwtMethods.join(', ')} without token_endpoint_auth_signing_alg_values_supported`,
        { jwtMethods, algs: null },
      )
    if (!algs.length)
      return fail(
        `advertises ${jwtMethods.join(', ')} with an empty token_endpoint_auth_signing_alg_values_supported`,
        { jwtMethods, algs },
      )
    return pass(`advertises ${jwtMethods.join(', ')} with ${algs.join(', ')}`)
  },
})
