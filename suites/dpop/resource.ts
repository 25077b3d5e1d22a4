import {
  dpopChallenge,
  dpopRefusedByResource,
  generateDpopKey,
  inconclusive,
  isInconclusive,
  isNotApplicable,
  notApplicable,
  resourceAcceptsDpopToken,
  answer,
  defineModule,
  use,
  type CheckUse,
  type DpopVariation,
  type Level,
  type Module,
  type RequirementId,
} from '../../src/index.js'
import { getWithDpop, obtainDpopToken, served, type DpopToken } from './common.js'

/**
 * DPoP at the protected resource (RFC 9449 §7), as steps: `register` and `token` (a DPoP-bound
 * token), `resource-control` (the token as `Authorization: DPoP` with a correct proof of its key,
 * which must be served), then `variant`: the same request with exactly one thing wrong. The
 * resource "MUST NOT grant access to the resource unless all checks are successful" (§7.1); how it
 * refuses (401 with a DPoP challenge and an error) is judged apart, as a should.
 */

interface ResourceCase {
  id: string
  title: string
  summary: string
  /** The change of the variant; `accepts` judges the control alone. */
  change: 'accepts' | 'replay' | 'bearer' | ((t: DpopToken, url: string) => Promise<DpopVariation>)
  requirements: RequirementId[]
  level?: Level
}

function resourceModule(c: ResourceCase): Module {
  return defineModule({
    id: c.id,
    title: c.title,
    surface: 'dpop',
    summary: c.summary,
    async run(ctx) {
      const reqs: RequirementId[] = [
        ...new Set([
          ...c.requirements,
          ...(c.level !== 'may' &&
          ctx.profile.senderConstrained.requirements.includes('FAPI2-SP-FINAL-5.3.2.1-5')
            ? (['FAPI2-SP-FINAL-5.3.4-5'] as RequirementId[])
            : []),
        ]),
      ]
      const level: Level = c.level ?? 'shall'
      const expected =
        c.change === 'accepts'
          ? `HTTP 2xx (${level})`
          : `not served, 401 with a DPoP challenge (${level})`
      const url = ctx.resourceUrl
      if (!url)
        return notApplicable(
          'no protected resource is known for this target: the embedded reference AS serves one at ${issuer}/resource; for another target set resource_url in the configuration',
          reqs,
        )
      const t = await obtainDpopToken(ctx, reqs, level, expected)
      if (isNotApplicable(t) || isInconclusive(t)) return t
      ctx.sim.step(
        'resource-control',
        'the protected resource with Authorization: DPoP and a correct proof of the key the token is bound to, which must serve it',
      )
      const control = await getWithDpop(ctx, url, t)
      ctx.sim.outcome(
        `${served(control.exchange) ? 'served' : 'not served'}: ${answer(control.exchange)}`,
      )
      const variant: Record<string, string> = {
        client_auth: t.client.token_endpoint_auth_method,
        endpoint: 'resource',
        sender_constraint: 'dpop',
      }
      if (c.change === 'accepts')
        return {
          expected,
          variant,
          uses: [
            use(
              resourceAcceptsDpopToken,
              { response: control.exchange },
              reqs,
              level,
              'resource-control',
            ),
          ],
        }
      if (!served(control.exchange))
        return inconclusive(
          `the control (the token with a correct proof of its key) was not served: ${answer(control.exchange)}; a refusal of the variant proves nothing`,
          reqs,
          level,
          expected,
        )
      let x
      if (c.change === 'replay') {
        ctx.sim.step(
          'variant',
          "the same request with the control's DPoP proof presented a second time (same jti)",
        )
        x = (await getWithDpop(ctx, url, t, {}, { proof: control.proof! })).exchange
        variant.presented = "the control's proof again"
      } else if (c.change === 'bearer') {
        ctx.sim.step(
          'variant',
          'the DPoP-bound token sent as a bearer token: Authorization: Bearer, no DPoP proof',
        )
        x = (await getWithDpop(ctx, url, t, {}, { scheme: 'Bearer' })).exchange
        variant.presented = 'the Bearer scheme, no proof'
      } else {
        const v = await c.change(t, url)
        ctx.sim.step('variant', `the same request with ${v.label}`)
        x = (await getWithDpop(ctx, url, t, v)).exchange
        variant.presented = v.label
      }
      ctx.sim.outcome(answer(x))
      const uses: CheckUse<any>[] = [
        use(dpopRefusedByResource, { response: x }, reqs, level, 'variant'),
      ]
      if (!served(x) && x.response)
        uses.push(use(dpopChallenge, { response: x }, ['RFC9449-7.1-10'], 'should', 'variant'))
      return { expected, variant, uses }
    },
  })
}

export const dpopResourceModules: Module[] = [
  resourceModule({
    id: 'dpop-resource-accepts',
    title:
      'The protected resource serves a DPoP-bound token presented with a correct proof of its key',
    summary:
      'Presents the DPoP-bound access token as Authorization: DPoP with a DPoP proof of its key (htm GET, htu the resource URI, ath of the token): it must be served (RFC 9449 §7.1; FAPI 2.0 §5.3.4-5 where DPoP is the binding).',
    change: 'accepts',
    requirements: ['RFC9449-7.1'],
  }),
  resourceModule({
    id: 'dpop-resource-no-proof',
    title: 'The protected resource refuses a DPoP-bound token presented without a DPoP proof',
    summary:
      'Presents the DPoP-bound token as Authorization: DPoP without a DPoP header, after the control (with a proof) was served: RFC 9449 §7.1 "a resource server MUST check that a DPoP proof was also received in the DPoP header field"; not served, and a 401 DPoP challenge with an error is due (a should).',
    change: async () => ({ label: 'no DPoP header', omit: true }),
    requirements: ['RFC9449-7.1'],
  }),
  resourceModule({
    id: 'dpop-resource-bearer-downgrade',
    title: 'The protected resource refuses a DPoP-bound token presented as a bearer token',
    summary:
      'Presents the DPoP-bound token as Authorization: Bearer without a proof, after the control was served: RFC 9449 §7.2 "MUST reject a DPoP-bound access token received as a bearer token".',
    change: 'bearer',
    requirements: ['RFC9449-7.2'],
  }),
  resourceModule({
    id: 'dpop-resource-other-key',
    title:
      'The protected resource refuses a DPoP-bound token presented with a proof of another key',
    summary:
      'Presents the DPoP-bound token with a DPoP proof that is correct in every claim (ath included) but signed by another key pair (its own jwk in the header), after the control with the bound key was served: RFC 9449 §6 "MUST ensure that the public key from the DPoP proof matches the one bound to the access token", §4.3 item 12, §7.1.',
    change: async (t) => ({
      label: 'a proof signed by another key',
      key: await generateDpopKey(t.key.alg),
    }),
    requirements: ['RFC9449-6', 'RFC9449-4.3', 'RFC9449-7.1'],
  }),
  resourceModule({
    id: 'dpop-resource-wrong-htm',
    title: 'The protected resource refuses a DPoP proof made for another HTTP method (htm)',
    summary:
      'Presents the DPoP-bound token with a proof whose htm is POST on a GET request, after the control was served: RFC 9449 §4.3 item 8, §7.1.',
    change: async () => ({ label: 'htm POST', htm: 'POST' }),
    requirements: ['RFC9449-4.3', 'RFC9449-7.1'],
  }),
  resourceModule({
    id: 'dpop-resource-wrong-htu',
    title: 'The protected resource refuses a DPoP proof made for another URI (htu)',
    summary:
      'Presents the DPoP-bound token with a proof whose htu is another URI of the same origin, after the control was served: RFC 9449 §4.3 item 9, §7.1.',
    change: async (_t, url) => ({
      label: 'htu of another URI',
      htu: new URL('/fapi-harness-not-this-resource', url).href,
    }),
    requirements: ['RFC9449-4.3', 'RFC9449-7.1'],
  }),
  resourceModule({
    id: 'dpop-resource-wrong-ath',
    title: 'The protected resource refuses a DPoP proof whose ath is the hash of another token',
    summary:
      'Presents the DPoP-bound token with a proof whose ath is the SHA-256 of another token value, after the control was served: RFC 9449 §4.3 item 12 "ensure that the value of the ath claim equals the hash of that access token", §7.1.',
    change: async () => ({
      label: 'ath of another token',
      ath: 'n4bQgYhMfWWaL-qgxVrQFaO_TxsrC4Is0V1sFbDwCgg',
    }),
    requirements: ['RFC9449-4.3', 'RFC9449-7.1'],
  }),
  resourceModule({
    id: 'dpop-resource-stale-iat',
    title: 'The protected resource refuses a DPoP proof created a day ago (iat)',
    summary:
      'Presents the DPoP-bound token with a proof whose iat is 24 hours in the past, after the control was served: RFC 9449 §11.1 "servers MUST only accept DPoP proofs for a limited time after their creation", §4.3 item 11. A resource that demands a nonce instead (§9) answers 401 use_dpop_nonce, which is a refusal too (not retried here).',
    change: async () => ({ label: 'iat 24 h in the past', iatOffset: -86400, noNonceRetry: true }),
    requirements: ['RFC9449-11.1', 'RFC9449-4.3', 'RFC9449-7.1'],
  }),
  resourceModule({
    id: 'dpop-resource-replay',
    title: 'The protected resource declines a DPoP proof presented a second time (jti)',
    summary:
      "Presents the control's DPoP proof again (same jti, within its window): RFC 9449 §11.1 says servers can store jti values to decline a second use, and that this may not be feasible: a may. A resource that serves the replay ends info, not failed.",
    change: 'replay',
    requirements: ['RFC9449-11.1-2'],
    level: 'may',
  }),
]
