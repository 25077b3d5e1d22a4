import {
  answer,
  authFor,
  authorize,
  codeBindingEnforced,
  codeTokenRequest,
  defineModule,
  DpopProofVariation,
  flowVariant,
  generateDpopKey,
  inconclusive,
  isInconclusive,
  isNotApplicable,
  notApplicable,
  token,
  tokenTypeDpop,
  use,
  variant,
  type Authorization,
  type AuthorizeOptions,
  type Module,
  type RequirementId,
  type TestClient,
} from '../../src/index.js'
import { dpopAlgFor } from '../../src/client/simulator.js'
import { authorizationFailure, registerCodeClient } from '../redirect-flows/code-flow.js'
import { dpopApplies } from './common.js'

/**
 * DPoP-bound authorization codes (RFC 9449 §10, §10.1), where the target offers DPoP and PAR: a
 * client registered with dpop_bound_access_tokens pushes its authorization request naming its
 * DPoP key one of the two ways of §10.1 (the dpop_jkt parameter alone, or a DPoP header alone), the
 * end-user logs in, and the code is redeemed. The control's code is redeemed with a proof of that
 * key (it must succeed, token_type DPoP); the variant's, from an authorization request pushed the
 * same way, with a proof of a fresh key, everything else unchanged: the AS must refuse it.
 *
 * The level: RFC 9449 advertises no support for dpop_jkt (no metadata member), so the harness
 * cannot learn from the target whether it honours the parameter; what obliges is §10.1 "Both
 * mechanisms MUST be supported by an authorization server that supports PAR and DPoP", once the
 * target advertises both (dpop_signing_alg_values_supported and pushed_authorization_request_endpoint).
 * Without PAR the front-channel dpop_jkt is not judged: an AS that does not implement §10 ignores an
 * unknown authorization request parameter (RFC 6749 §3.1), and nothing tells the harness that it does.
 */

type Callback = Extract<Authorization, { kind: 'callback' }>

/** RFC 6749 §5.2 invalid_grant (the code does not match), or RFC 9449 §5 invalid_dpop_proof (the proof is not acceptable for it). */
const BINDING_REFUSALS = ['invalid_grant', 'invalid_dpop_proof'] as const

interface CodeBindingSpec {
  id: string
  title: string
  summary: string
  requirements: RequirementId[]
  /** How the pushed request names the key (the result's variant `code_binding`). */
  binding: 'dpop_jkt' | 'dpop_header'
  /** One line: how the pushed request names the key. */
  how: string
  /** The pushed request as this way sends it, from the client's DPoP key. */
  options(client: TestClient): AuthorizeOptions
}

function defineCodeBinding(spec: CodeBindingSpec): Module {
  return defineModule({
    id: spec.id,
    title: spec.title,
    surface: 'dpop',
    summary: spec.summary,
    async run(ctx) {
      const { metadata: m } = ctx
      const requirements = spec.requirements
      const expected = 'refused with invalid_grant or invalid_dpop_proof (shall)'
      const keep = (why: string) => inconclusive(why, requirements, 'shall', expected)
      const na = dpopApplies(m)
      if (na) return na
      if (typeof m.pushed_authorization_request_endpoint !== 'string') {
        return notApplicable(
          'the target advertises no pushed_authorization_request_endpoint: RFC 9449 §10.1 obliges an AS that supports PAR and DPoP to bind codes to the DPoP key of a pushed request; RFC 9449 defines no metadata advertising dpop_jkt support, so a front-channel dpop_jkt is not judged',
          requirements,
        )
      }
      const registered = await registerCodeClient(ctx, requirements, [], 'register', 'dpop')
      if (isNotApplicable(registered)) return registered
      if (isInconclusive(registered)) return keep(registered.inconclusive)
      const client: TestClient = registered
      if (!client.dpop)
        return notApplicable(
          'a configured client (no dynamic registration) has no DPoP key here: the code binding needs dynamic registration',
          requirements,
        )
      const opts = spec.options(client)
      const first = await authorize(
        ctx,
        client,
        'authorize-control',
        `the control's authorization request, pushed with ${spec.how}, in the browser: login, consent, redirect to the client`,
        opts,
      )
      if (first.kind === 'failed')
        return keep(`the control's authorization request failed (${authorizationFailure(first)})`)
      if (!first.params.code)
        return keep(
          `the control's authorization response carried no code (${first.params.error ?? (Object.keys(first.params).join(', ') || 'no parameters')})`,
        )
      const c = await token(
        ctx,
        client,
        first,
        'control',
        'the code redeemed with a DPoP proof of the key it is bound to, which must succeed',
      )
      if (!c.ok)
        return keep(
          `the control (the code redeemed with a proof of the bound key) was refused: ${answer(c.exchange)}`,
        )
      const second = await authorize(
        ctx,
        client,
        'authorize',
        `the variant's authorization request, pushed the same way (a code is used once), in the browser: login, consent, redirect to the client`,
        opts,
      )
      if (second.kind === 'failed')
        return keep(`the variant's authorization request failed (${authorizationFailure(second)})`)
      if (!second.params.code)
        return keep(
          `the variant's authorization response carried no code (${second.params.error ?? (Object.keys(second.params).join(', ') || 'no parameters')})`,
        )
      const a: Callback = second
      if (
        (a.params.state !== undefined && a.params.state !== a.request.state) ||
        a.params.code === first.params.code
      )
        return keep(
          "the variant's callback does not answer its own authorization request (its state or code is the control's)",
        )
      const other = await generateDpopKey(dpopAlgFor(m))
      const x = await variant(
        ctx,
        'token',
        codeTokenRequest(ctx, a),
        client,
        [
          authFor(client.token_endpoint_auth_method),
          DpopProofVariation({
            label: 'signed by another key (its own jwk in the header)',
            key: other,
          }),
        ],
        'the code redeemed with a DPoP proof of another key, everything else unchanged',
      )
      return {
        expected,
        variant: {
          ...flowVariant(ctx, client, a),
          sender_constraint: 'dpop',
          code_binding: spec.binding,
        },
        uses: [
          use(tokenTypeDpop, { response: c.exchange }, ['RFC9449-5-4'], 'shall', 'control'),
          use(
            codeBindingEnforced,
            { control: c.exchange, response: x, codes: BINDING_REFUSALS },
            requirements,
            'shall',
            'variant',
          ),
        ],
      }
    },
  })
}

export const dpopJktCodeBinding = defineCodeBinding({
  id: 'dpop-jkt-code-binding',
  title: 'A code pushed with dpop_jkt is not redeemed with a DPoP proof of another key',
  summary:
    'Where the target advertises DPoP and PAR: a client registered with dpop_bound_access_tokens pushes its authorization request with dpop_jkt, the JWK SHA-256 thumbprint of its DPoP key, and no DPoP header (RFC 9449 §10.1, the first way), twice; the end-user logs in each time. The control\'s code is redeemed with a proof of that key (it must succeed, token_type DPoP); the variant\'s with a proof of another key, everything else unchanged: refused (§10 "If they do not match, it MUST reject the request"; §10.1 "Both mechanisms MUST be supported by an authorization server that supports PAR and DPoP") with invalid_grant or invalid_dpop_proof. Another refusal is an error. Not applicable without PAR: RFC 9449 advertises no dpop_jkt support, so a front-channel dpop_jkt is not judged.',
  requirements: ['RFC9449-10-2', 'RFC9449-10.1-3'],
  binding: 'dpop_jkt',
  how: 'dpop_jkt and no DPoP header',
  options: (client) => ({
    method: 'par',
    edit: (r) => ({ ...r, dpop_jkt: client.dpop!.jkt }),
    parDpop: { label: 'no DPoP header (dpop_jkt names the key)', omit: true },
  }),
})

export const dpopParProofCodeBinding = defineCodeBinding({
  id: 'dpop-par-proof-code-binding',
  title:
    'A code pushed with a DPoP header (no dpop_jkt) is not redeemed with a DPoP proof of another key',
  summary:
    "Where the target advertises DPoP and PAR: a client registered with dpop_bound_access_tokens pushes its authorization request with a DPoP proof in the header and no dpop_jkt parameter (RFC 9449 §10.1, the second way), twice; the end-user logs in each time. The control's code is redeemed with a proof of the same key (it must succeed, token_type DPoP); the variant's with a proof of another key, everything else unchanged: refused (§10.1 \"It MUST further behave as if the contained public key's thumbprint was provided using dpop_jkt, i.e., reject the subsequent token request unless a DPoP proof for the same key is provided\") with invalid_grant or invalid_dpop_proof. Another refusal is an error.",
  requirements: ['RFC9449-10.1-2', 'RFC9449-10.1-3'],
  binding: 'dpop_header',
  how: 'a DPoP header and no dpop_jkt',
  options: () => ({
    method: 'par',
    parDpop: { label: 'no dpop_jkt (the DPoP header names the key)', noDpopJkt: true },
  }),
})

export const dpopCodeBindingModules: Module[] = [dpopJktCodeBinding, dpopParProofCodeBinding]
