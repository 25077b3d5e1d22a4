import {
  answer,
  assertionClient,
  authFor,
  defineAttempt,
  defineModule,
  DpopProofVariation,
  inconclusive,
  isInconclusive,
  isNotApplicable,
  jwtPayload,
  notApplicable,
  tokenBoundToDpopKey,
  tokenTypeDpop,
  use,
  type CheckUse,
  type ClientSpec,
  type DpopVariation,
  type Module,
  type NotApplicable,
  type Profile,
  type RequirementId,
  type ServerMetadata,
} from '../../src/index.js'
import { defineAuth } from '../../src/client/auth/types.js'
import { dpopAdvertised, dpopApplies, dpopClient, obtainDpopToken } from './common.js'

/**
 * DPoP at the token endpoint (RFC 9449 §5, §6): a token request with a proof gets a DPoP-bound
 * token (`dpop-bound-token`); a proof that breaks one rule of §4.3 is refused with
 * invalid_dpop_proof (§5), after the control (the same request with a correct proof) succeeded;
 * and, under FAPI 2.0, a token request without any binding is refused (`sender-constraint-required`).
 */

const boundModule = defineModule({
  id: 'dpop-bound-token',
  title:
    'A token requested with a DPoP proof is issued as token_type DPoP and bound to the proof key (cnf.jkt)',
  surface: 'dpop',
  summary:
    'Registers a client with dpop_bound_access_tokens and asks for a token (client_credentials) with a DPoP proof. The response must say token_type DPoP (RFC 9449 §5); the binding is read from a JWT access token (cnf.jkt, §6.1) or, for an opaque token, from introspection authenticated as the client (§6.2): cnf.jkt must be the JWK SHA-256 thumbprint of the proof key.',
  async run(ctx) {
    const reqs: RequirementId[] = ['RFC9449-5-4', 'RFC9449-6.1', 'RFC9449-6.2']
    const expected = 'token_type DPoP, cnf.jkt of the proof key (shall)'
    const t = await obtainDpopToken(ctx, reqs, 'shall', expected)
    if (isNotApplicable(t) || isInconclusive(t)) return t
    const variant = {
      client_auth: t.client.token_endpoint_auth_method,
      endpoint: 'token',
      grant: 'client_credentials',
      sender_constraint: 'dpop',
    }
    const uses: CheckUse<any>[] = [
      use(tokenTypeDpop, { response: t.token }, ['RFC9449-5-4'], 'shall', 'token'),
    ]
    if (jwtPayload(t.accessToken)) {
      uses.push(
        use(
          tokenBoundToDpopKey,
          { token: t.token, expected: t.key.jkt },
          ['RFC9449-6.1'],
          'shall',
          'token',
        ),
      )
      return { expected, variant, uses }
    }
    // an opaque token without introspection: the binding is not observable here; the resource
    // modules (dpop-resource-*) judge it
    if (typeof ctx.metadata.introspection_endpoint !== 'string') return { expected, variant, uses }
    ctx.sim.step(
      'introspect',
      'introspection of the access token, authenticated as the client: the binding as the AS reports it (RFC 9449 §6.2)',
    )
    const introspection = await ctx.sim.call(
      'introspection',
      { token: t.accessToken, token_type_hint: 'access_token' },
      t.client,
      [authFor(t.client.token_endpoint_auth_method)],
      ctx.audience,
      { allowTransportError: true },
    )
    ctx.sim.outcome(answer(introspection))
    if (introspection.response?.status !== 200)
      return inconclusive(
        `introspection of the fresh access token did not answer (${answer(introspection)}): the binding of the opaque token cannot be read`,
        reqs,
        'shall',
        expected,
      )
    uses.push(
      use(
        tokenBoundToDpopKey,
        { token: t.token, introspection, expected: t.key.jkt },
        ['RFC9449-6.2'],
        'shall',
        'introspect',
      ),
    )
    return { expected, variant, uses }
  },
})

/** RFC 9449 §5: "If the DPoP proof is invalid, the authorization server issues an error response ... with invalid_dpop_proof". */
const INVALID_PROOF = {
  codes: ['invalid_dpop_proof'],
  requirements: ['RFC9449-5-3'],
  level: 'shall',
} as const satisfies { codes: readonly string[]; requirements: RequirementId[]; level: 'shall' }

function proofExpectation(m: ServerMetadata, reqs: RequirementId[]) {
  return (
    dpopApplies(m) ?? { outcome: 'refused' as const, requirements: reqs, level: 'shall' as const }
  )
}

/** One proof negative at the token endpoint: the same client's request with a correct proof is the control. */
function proofNegative(
  id: string,
  title: string,
  summary: string,
  variation: DpopVariation | ((m: ServerMetadata) => DpopVariation),
  reqs: RequirementId[],
  errorCodes: readonly string[] = INVALID_PROOF.codes,
): Module {
  return defineAttempt({
    id,
    title,
    summary,
    surface: 'dpop',
    expect: (_p, m) => proofExpectation(m, reqs),
    client: dpopClient,
    variantIn: 'request',
    auth: (client, ctx) => [
      authFor(client.token_endpoint_auth_method),
      DpopProofVariation(typeof variation === 'function' ? variation(ctx.metadata) : variation),
    ],
    errorCode: { ...INVALID_PROOF, codes: errorCodes },
  })
}

const proofModules: Module[] = [
  proofNegative(
    'dpop-proof-alg-none',
    'A DPoP proof with alg none is refused at the token endpoint',
    'Sends the token request with an unsigned DPoP proof (alg none), after the same request with a correct proof succeeded: RFC 9449 §4.2 "It MUST NOT be none", §4.3 item 5; refused with invalid_dpop_proof (§5).',
    { label: 'alg none, no signature', alg: 'none' },
    ['RFC9449-4.3'],
  ),
  proofNegative(
    'dpop-proof-alg-hs256',
    'A DPoP proof signed with a symmetric algorithm (HS256) is refused at the token endpoint',
    'Sends the token request with a DPoP proof MACed with HS256 (a random secret), after the same request with a correct proof succeeded: RFC 9449 §4.2 alg "MUST NOT be none or an identifier for a symmetric algorithm", §4.3 item 5; refused with invalid_dpop_proof (§5).',
    { label: 'alg HS256', alg: 'HS256' },
    ['RFC9449-4.3'],
  ),
  proofNegative(
    'dpop-proof-private-jwk',
    'A DPoP proof whose header jwk contains the private key is refused at the token endpoint',
    'Sends the token request with a DPoP proof whose jwk header carries the private key members (d ...), correctly signed, after the same request with a public jwk succeeded: RFC 9449 §4.3 item 7 "The jwk JOSE Header Parameter does not contain a private key"; refused with invalid_dpop_proof (§5).',
    { label: 'jwk with private members', privateJwk: true },
    ['RFC9449-4.3'],
  ),
  proofNegative(
    'dpop-proof-wrong-typ',
    'A DPoP proof typed JWT (not dpop+jwt) is refused at the token endpoint',
    'Sends the token request with a DPoP proof whose typ is JWT, after the same request with typ dpop+jwt succeeded: RFC 9449 §4.3 item 4; refused with invalid_dpop_proof (§5).',
    { label: 'typ JWT', typ: 'JWT' },
    ['RFC9449-4.3'],
  ),
  proofNegative(
    'dpop-proof-wrong-htu',
    'A DPoP proof for another URI (htu) is refused at the token endpoint',
    "Sends the token request with a DPoP proof whose htu is the issuer identifier instead of the token endpoint, after the same request with the token endpoint's URI succeeded: RFC 9449 §4.3 item 9; refused with invalid_dpop_proof (§5).",
    (m) => ({ label: `htu ${m.issuer}`, htu: m.issuer }),
    ['RFC9449-4.3'],
  ),
  proofNegative(
    'dpop-proof-wrong-htm',
    'A DPoP proof for another HTTP method (htm GET) is refused at the token endpoint',
    'Sends the token request (POST) with a DPoP proof whose htm is GET, after the same request with htm POST succeeded: RFC 9449 §4.3 item 8; refused with invalid_dpop_proof (§5).',
    { label: 'htm GET', htm: 'GET' },
    ['RFC9449-4.3'],
  ),
  proofNegative(
    'dpop-proof-stale-iat',
    'A DPoP proof created a day ago (iat) is refused at the token endpoint',
    'Sends the token request with a DPoP proof whose iat is 24 hours in the past, after the same request with a fresh proof succeeded: RFC 9449 §11.1 "servers MUST only accept DPoP proofs for a limited time after their creation", §4.3 item 11. The proof carries no nonce (a server nonce would stand in for iat, §4.3 item 11): refused with invalid_dpop_proof, or use_dpop_nonce where the server limits proof lifetimes with its nonce (§8; not retried here).',
    { label: 'iat 24 h in the past, no nonce', iatOffset: -86400, nonce: null, noNonceRetry: true },
    ['RFC9449-11.1', 'RFC9449-4.3'],
    ['invalid_dpop_proof', 'use_dpop_nonce'],
  ),
]

/** No client certificate in the handshake: the request carries no certificate binding. */
const NoCertificate = defineAuth('no-binding', 'no client certificate', async (req) => {
  delete req.identity
})

/**
 * FAPI 2.0 §5.3.2.1-4 "shall only issue sender-constrained access tokens": the binding client's
 * request with its binding (a DPoP proof where the target offers DPoP, else its certificate) is the
 * control; the same request with neither a proof nor a certificate must be refused. A token issued
 * to it cannot be bound to anything the client holds: it is not sender-constrained.
 */
function senderConstraintExpectation(p: Profile, m: ServerMetadata) {
  if (!p.senderConstrained.required)
    return notApplicable(`${p.title} does not require sender-constrained access tokens`)
  const reqs: RequirementId[] = p.senderConstrained.requirements.filter(
    (r) => r !== 'FAPI2-SP-FINAL-5.3.2.1-5',
  )
  if (dpopAdvertised(m)) reqs.push('RFC9449-5.2')
  return { outcome: 'refused' as const, requirements: reqs, level: 'shall' as const }
}

const unboundModule = defineAttempt({
  id: 'sender-constraint-required',
  title: 'A token request with neither a DPoP proof nor a client certificate is refused',
  surface: 'dpop',
  summary:
    'The profile requires sender-constrained access tokens (FAPI 2.0 §5.3.2.1-4). Where the target advertises DPoP, a client registered with dpop_bound_access_tokens asks for a token with a DPoP proof (the control, which must succeed), then sends the same request without the DPoP header (RFC 9449 §5.2 "MUST reject token requests from the client that do not contain the DPoP header"); elsewhere a private_key_jwt client bound to its certificate sends it without the certificate. A token issued to the unbound request is not sender-constrained, whatever its token_type.',
  expect: (p, m) => {
    const e = senderConstraintExpectation(p, m)
    if (
      isNotApplicable(e) ||
      !p.senderConstrained.requirements.includes('FAPI2-SP-FINAL-5.3.2.1-5')
    ) {
      return isNotApplicable(e)
        ? e
        : notApplicable(
            `${p.title} admits only mutual TLS for sender-constraining: the mtls-bound-token-* modules judge it`,
          )
    }
    return e
  },
  client: (p, m): ClientSpec | NotApplicable =>
    dpopAdvertised(m) ? dpopClient(p, m) : assertionClient(p, m),
  variantIn: 'request',
  auth: (client) => [
    authFor(client.token_endpoint_auth_method),
    client.dpop ? DpopProofVariation({ label: 'no DPoP header', omit: true }) : NoCertificate,
  ],
})

export const dpopTokenModules: Module[] = [boundModule, ...proofModules, unboundModule]
