import { buildAssertion, type Mutator } from './assertion.js'
import { clientSecret, defineAuth } from './types.js'

export const CLIENT_ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer'

type HmacAlg = 'HS256' | 'HS384' | 'HS512'

/** The MAC a client uses by default: the first HMAC algorithm the target advertises, else HS256. */
export function advertisedHmac(metadata: {
  token_endpoint_auth_signing_alg_values_supported?: string[]
}): HmacAlg {
  const algs = metadata.token_endpoint_auth_signing_alg_values_supported ?? []
  return (['HS256', 'HS384', 'HS512'] as const).find((a) => algs.includes(a)) ?? 'HS256'
}

/**
 * A client assertion MACed with the client secret (by default with the first HMAC algorithm the
 * target advertises, else HS256).
 * @see https://openid.net/specs/openid-connect-core-1_0.html#ClientAuthentication
 * @see https://www.rfc-editor.org/rfc/rfc7523.html#section-2.2
 */
export const ClientSecretJwt = (opts: { alg?: HmacAlg; mutate?: Mutator[] } = {}) =>
  defineAuth(
    'client_secret_jwt',
    `client_secret_jwt(${[opts.alg ?? 'advertised HMAC', ...(opts.mutate ?? []).map((m) => m.label)].join(', ')})`,
    async (req) => {
      const secret = clientSecret(req)
      const assertion = await buildAssertion(
        req,
        { mode: 'secret', secret, alg: opts.alg ?? advertisedHmac(req.metadata) },
        req.audience,
        opts.mutate,
      )
      req.body.set('client_assertion_type', CLIENT_ASSERTION_TYPE)
      req.body.set('client_assertion', assertion)
    },
  )
