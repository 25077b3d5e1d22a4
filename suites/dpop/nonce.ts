import {
  answer,
  authFor,
  control,
  defineModule,
  DpopProofVariation,
  dpopNonceSupplied,
  inconclusive,
  isInconclusive,
  isNotApplicable,
  notApplicable,
  use,
  variant,
  type DpopVariation,
  type Module,
  type RequirementId,
} from '../../src/index.js'
import { judgeRefusal, type ErrorCodeRule } from '../../src/suite/attempt.js'
import { registerDpopClient } from './common.js'

/**
 * The authorization server's DPoP nonce (RFC 9449 §8), judged only where the target provides one:
 * the control, the client's token request with a correct proof (the harness's client retries once
 * with the nonce a use_dpop_nonce answer supplies, §8), must succeed and leave the client holding a
 * server-provided nonce (a DPoP-Nonce header); a target that provides none does not use nonces
 * (§8 "MAY"; FAPI 2.0 §5.3.2.1-10 "may"): not applicable, with that reason. Then the same request
 * with one change to the proof's nonce must be refused.
 */
function nonceNegative(
  id: string,
  title: string,
  summary: string,
  v: DpopVariation,
  reqs: RequirementId[],
  errorCode: ErrorCodeRule,
  nonceHeaderDue: boolean,
): Module {
  return defineModule({
    id,
    title,
    surface: 'dpop',
    summary,
    async run(ctx) {
      const e = { outcome: 'refused' as const, requirements: reqs, level: 'shall' as const }
      const expected = `refused (shall)`
      const keep = (why: string) => inconclusive(why, reqs, 'shall', expected)
      const registered = await registerDpopClient(
        ctx,
        reqs,
        keep,
        'the change under test cannot be isolated',
      )
      if (isNotApplicable(registered) || isInconclusive(registered)) return registered
      const { client, params } = registered
      const c = await control(ctx, 'token', params, client, undefined, {
        title:
          'the token request with a correct DPoP proof (with the nonce the server supplies, if it asks for one), which must succeed',
      })
      if (!c.ok)
        return keep(
          `the control (the same request with a correct proof) was refused: ${answer(c.exchange)}`,
        )
      if (!ctx.sim.dpopNonce) {
        return notApplicable(
          'the target provided no DPoP nonce to the client (no use_dpop_nonce answer, no DPoP-Nonce header): it does not use server-provided nonces (RFC 9449 §8 "MAY"), so the nonce rules do not apply',
          reqs,
        )
      }
      const x = await variant(
        ctx,
        'token',
        params,
        client,
        [authFor(client.token_endpoint_auth_method), DpopProofVariation(v)],
        `the same request with a DPoP proof: ${v.label}`,
      )
      const uses = judgeRefusal({ e, spec: { errorCode }, ctx }, c.exchange, x)
      if (nonceHeaderDue && x.response?.status === 400)
        uses.push(use(dpopNonceSupplied, { response: x }, ['RFC9449-8-3'], 'shall', 'variant'))
      return {
        expected,
        variant: {
          client_auth: client.token_endpoint_auth_method,
          endpoint: 'token',
          grant: params.grant_type ?? 'client_credentials',
          sender_constraint: 'dpop',
        },
        uses,
      }
    },
  })
}

export const dpopNonceModules: Module[] = [
  nonceNegative(
    'dpop-proof-nonce-missing',
    'Where the AS provides DPoP nonces, a proof without the nonce is refused with use_dpop_nonce and a DPoP-Nonce header',
    'Where the target provides a DPoP nonce (the control, a token request with a correct proof that retries once with the nonce a use_dpop_nonce answer supplies, succeeded and the client holds a nonce from a DPoP-Nonce header), the same request with a proof that carries no nonce claim (not retried) must be refused: RFC 9449 §11.3 "A server MUST NOT accept any DPoP proofs without the nonce claim when a DPoP nonce has been provided to the client", and §8: HTTP 400 use_dpop_nonce with a DPoP-Nonce header supplying the nonce. Not applicable where the target provides no nonce.',
    { label: 'no nonce claim', nonce: null, noNonceRetry: true },
    ['RFC9449-11.3'],
    { codes: ['use_dpop_nonce'], requirements: ['RFC9449-8-3'], level: 'shall' },
    true,
  ),
  nonceNegative(
    'dpop-proof-nonce-invalid',
    'Where the AS provides DPoP nonces, a proof with a nonce it never supplied is refused',
    'Where the target provides a DPoP nonce (the control succeeded with it, as in dpop-proof-nonce-missing), the same request with a proof whose nonce claim is one the server never supplied (an invented value, not retried) must be refused: RFC 9449 §8 "If the nonce claim in the DPoP proof does not exactly match a nonce recently supplied by the authorization server to the client, the authorization server MUST reject the request", with use_dpop_nonce ("This same error code is used when supplying a new nonce value when there was a nonce mismatch") or invalid_dpop_proof (§5, an invalid proof). Not applicable where the target provides no nonce.',
    {
      label: 'a nonce the server never supplied',
      nonce: 'fapi-harness-invented-nonce',
      noNonceRetry: true,
    },
    ['RFC9449-8-10'],
    {
      codes: ['use_dpop_nonce', 'invalid_dpop_proof'],
      requirements: ['RFC9449-8-3', 'RFC9449-5-3'],
      level: 'shall',
    },
    false,
  ),
]
