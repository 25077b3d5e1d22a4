import { HarnessError } from '../../errors.js'
import type { JwsAlg } from '../../suite/profile.js'
import { buildAssertion, type Mutator } from './assertion.js'
import { CLIENT_ASSERTION_TYPE } from './client-secret-jwt.js'
import { defineAuth } from './types.js'

/** The default JWS alg for a key kind. */
export function defaultAlg(kty: string | undefined): JwsAlg {
  return kty === 'EC' ? 'ES256' : kty === 'OKP' ? 'EdDSA' : 'PS256'
}

/**
 * A client assertion signed with the client's registered private key (PS256 / ES256 by default).
 * @see https://openid.net/specs/openid-connect-core-1_0.html#ClientAuthentication
 * @see https://www.rfc-editor.org/rfc/rfc7523.html#section-2.2
 */
export const PrivateKeyJwt = (opts: { alg?: JwsAlg; mutate?: Mutator[] } = {}) =>
  defineAuth(
    'private_key_jwt',
    `private_key_jwt(${[opts.alg ?? 'default alg', ...(opts.mutate ?? []).map((m) => m.label)].join(', ')})`,
    async (req) => {
      const key = req.client.key
      if (!key)
        throw new HarnessError(
          'ERR_STEP_PRECONDITION',
          `client ${req.client.client_id} has no private key`,
        )
      const alg = opts.alg ?? defaultAlg(key.privateJwk.kty)
      const assertion = await buildAssertion(
        req,
        { mode: 'key', key, alg },
        req.audience,
        opts.mutate,
      )
      req.body.set('client_assertion_type', CLIENT_ASSERTION_TYPE)
      req.body.set('client_assertion', assertion)
    },
  )

/** Presents a client assertion that was already used: the replay a server must refuse (OIDC Core §9). */
export const ReplayAssertion = (assertion: string) =>
  defineAuth('private_key_jwt', 'private_key_jwt(replayed assertion)', async (req) => {
    req.body.set('client_assertion_type', CLIENT_ASSERTION_TYPE)
    req.body.set('client_assertion', assertion)
  })
