import {
  authorizationRequest,
  authorize,
  defineModule,
  flowVariant,
  inconclusive,
  isInconclusive,
  isNotApplicable,
  notApplicable,
  use,
  type CheckUse,
  type Exchange,
  type Module,
  type ModuleContext,
} from '../../src/index.js'
import type { IdTokenResponseInput } from '../../src/checks/id-token/id-token.js'
import idTokenCHash from '../../src/checks/id-token/id-token-c-hash.js'
import idTokenSHash from '../../src/checks/id-token/id-token-s-hash.js'
import idTokenSigningAlg from '../../src/checks/id-token/id-token-signing-alg.js'
import idTokenAud from '../../src/checks/id-token/id-token-aud.js'
import idTokenExpIat from '../../src/checks/id-token/id-token-exp-iat.js'
import idTokenIss from '../../src/checks/id-token/id-token-iss.js'
import idTokenNonce from '../../src/checks/id-token/id-token-nonce.js'
import idTokenSignature from '../../src/checks/id-token/id-token-signature.js'
import idTokenAtHash from '../../src/checks/id-token/id-token-at-hash.js'
import idTokenSigningKey from '../../src/checks/id-token/id-token-signing-key.js'
import { completeCodeFlow, fetchJwks, registerCodeClient } from './code-flow.js'

const REQUIREMENTS = [
  'OIDCC-3.1.3.7-2',
  'OIDCC-3.1.3.7-3',
  'OIDCC-3.1.3.7-6',
  'OIDCC-3.1.3.7-9',
  'OIDCC-3.1.3.7-11',
  'OIDCC-3.1.3.6',
] as const

/**
 * The ID Token of the code flow's token response, judged as OIDC Core §3.1.3.7 has a client
 * validate it: the signature with a key of the jwks_uri (step `jwks`), iss, aud, exp and iat, and
 * the nonce of the authentication request.
 */
export const oidcIdToken: Module = defineModule({
  id: 'oidc-id-token',
  title:
    'ID Token of the code flow: signed with a key of the jwks_uri, iss, aud, exp, iat and nonce as sent',
  surface: 'redirect-flows',
  summary:
    'Runs the authorization code flow with openid in the scope and a nonce, fetches the jwks_uri, and validates the ID Token of the token response as OIDC Core §3.1.3.7 says: signature and alg, iss equal to the issuer, aud containing the client_id, exp in the future, iat present, nonce equal to the one sent; an at_hash, where present, matches the access token (§3.1.3.6); the signing key (the jwks_uri key of the kid) has the profile\'s minimum size (RFC 7518 §3.3/§3.5, FAPI 1.0 Part 1 §5.2.2-5/6 "require and use").',
  async run(ctx) {
    const scope = authorizationRequest(ctx).scope ?? ''
    if (!scope.split(' ').includes('openid'))
      return notApplicable(
        `the authorization request's scope (${scope}) does not ask for openid: no ID Token is due`,
        REQUIREMENTS,
      )
    const flow = await completeCodeFlow(ctx, REQUIREMENTS)
    if (isNotApplicable(flow) || isInconclusive(flow)) return flow
    const { metadata: m, profile: p } = ctx
    const jwks = await fetchJwks(ctx, "the ID Token's signature")
    const algs = Array.isArray(m.id_token_signing_alg_values_supported)
      ? m.id_token_signing_alg_values_supported.map(String)
      : undefined
    const input = { tokenResponse: flow.tokenResponse }
    // the issuer the configuration names: discovery-document-valid judges whether the discovered one equals it
    const issuer = ctx.expectedIssuer
    return {
      expected: 'an ID Token that a client validating it per OIDC Core §3.1.3.7 accepts',
      variant: { ...flow.variant, scope },
      uses: [
        use(
          idTokenSignature,
          { ...input, ...(jwks ? { jwks } : {}), ...(algs ? { algs } : {}) },
          [],
          undefined,
          'jwks',
        ),
        use(idTokenIss, { ...input, issuer }, [], undefined, 'token'),
        use(idTokenAud, { ...input, clientId: flow.client.client_id }, [], undefined, 'token'),
        use(idTokenExpIat, input, [], undefined, 'token'),
        use(
          idTokenNonce,
          { ...input, ...(flow.request.nonce !== undefined ? { nonce: flow.request.nonce } : {}) },
          [],
          undefined,
          'token',
        ),
        use(idTokenAtHash, input, [], undefined, 'token'),
        // the profile's key sizes, the rule the harness applies to clients' keys, for the key the OP signs with
        use(
          idTokenSigningKey,
          {
            ...input,
            ...(jwks ? { jwks } : {}),
            minBits: { RSA: p.minKeyBits.RSA.bits, EC: p.minKeyBits.EC.bits },
          },
          [...p.minKeyBits.RSA.requirements, ...p.minKeyBits.EC.requirements],
          undefined,
          'jwks',
        ),
        ...signingAlgUses(ctx, input, jwks),
      ],
    }
  },
})

/**
 * Where the profile restricts the algs of the AS's JWS (FAPI 1.0 Part 2 §8.6, FAPI 2.0 §5.4.1-1):
 * the ID Token's alg is one of them and its key meets the profile's minimum sizes.
 */
function signingAlgUses(
  ctx: ModuleContext,
  input: IdTokenResponseInput,
  jwks: Exchange | undefined,
  step = 'token',
): CheckUse<any>[] {
  const rule = ctx.profile.authorizationRequest?.idTokenAlgs
  if (!rule) return []
  const { RSA, EC } = ctx.profile.minKeyBits
  return [
    use(
      idTokenSigningAlg,
      {
        ...input,
        allowed: rule.allowed,
        ...(jwks ? { jwks } : {}),
        minRsaBits: RSA.bits,
        minEcBits: EC.bits,
      },
      [...rule.requirements, ...RSA.requirements, ...EC.requirements],
      'shall',
      step,
    ),
  ]
}

const HYBRID_REQUIREMENTS = [
  'OIDCC-3.3.2.11',
  'FAPI1-ADV-5.2.2.1-4',
  'FAPI1-ADV-5.2.2.1-5',
] as const

/**
 * The ID Token of a code id_token authorization response (OIDC Core §3.3.2.11, FAPI 1.0 Part 2
 * §5.2.2.1), the detached signature of the response: signed with a key of the jwks_uri (by an alg
 * and key size the profile allows), iss, aud, nonce, c_hash of the response's code and s_hash of
 * the state the client sent.
 */
export const hybridIdToken: Module = defineModule({
  id: 'hybrid-id-token',
  title:
    'ID Token of a code id_token response: a detached signature with c_hash and s_hash, signed by the OP',
  surface: 'redirect-flows',
  summary:
    'Runs the authorization request of the profile with response_type code id_token (a signed request object where the profile requires one), logs in and consents, and judges the ID Token of the authorization response (no code exchange): signature with a key of the jwks_uri under an allowed alg, iss, aud, nonce, c_hash of the code (OIDC Core §3.3.2.11) and s_hash of the state (FAPI 1.0 Part 2 §5.2.2.1-5).',
  async run(ctx) {
    const rt = ctx.profile.authorizationResponseType ?? 'code'
    if (!rt.includes('id_token'))
      return notApplicable(
        `the profile's client sends response_type ${rt}: no ID Token comes with the authorization response`,
        HYBRID_REQUIREMENTS,
      )
    const client = await registerCodeClient(ctx, HYBRID_REQUIREMENTS)
    if (isNotApplicable(client) || isInconclusive(client)) return client
    const a = await authorize(ctx, client)
    if (a.kind === 'failed')
      return inconclusive(
        `the authorization request did not complete: ${a.step}: ${a.reason}`,
        HYBRID_REQUIREMENTS,
        'shall',
      )
    if (!a.params.code)
      return inconclusive(
        `the authorization response carries no code (${a.params.error ?? 'no error either'}): authorization-code-flow judges it`,
        HYBRID_REQUIREMENTS,
        'shall',
      )
    const idToken = a.raw.id_token
    const jwks = await fetchJwks(ctx, "the authorization response's ID Token")
    const m = ctx.metadata
    const algs = Array.isArray(m.id_token_signing_alg_values_supported)
      ? m.id_token_signing_alg_values_supported.map(String)
      : undefined
    // a missing id_token fails every check: readIdToken sees an empty JWT
    const input: IdTokenResponseInput = { idToken: idToken ?? '' }
    return {
      expected: 'an ID Token with c_hash and s_hash, signed by the OP',
      variant: { ...flowVariant(ctx, client, a), judged: 'ID Token of the authorization response' },
      uses: [
        use(
          idTokenSignature,
          { ...input, ...(jwks ? { jwks } : {}), ...(algs ? { algs } : {}) },
          ['FAPI1-ADV-5.2.2.1-4'],
          'shall',
          'jwks',
        ),
        ...signingAlgUses(ctx, input, jwks, 'authorize'),
        use(
          idTokenCHash,
          { ...input, code: a.params.code },
          ['FAPI1-ADV-5.2.2.1-4'],
          'shall',
          'authorize',
        ),
        use(
          idTokenSHash,
          { ...input, ...(a.request.state !== undefined ? { state: a.request.state } : {}) },
          [],
          'shall',
          'authorize',
        ),
        use(idTokenIss, { ...input, issuer: ctx.expectedIssuer }, [], undefined, 'authorize'),
        use(idTokenAud, { ...input, clientId: client.client_id }, [], undefined, 'authorize'),
        use(
          idTokenNonce,
          { ...input, ...(a.request.nonce !== undefined ? { nonce: a.request.nonce } : {}) },
          [],
          undefined,
          'authorize',
        ),
      ],
    }
  },
})

export const idTokenModules: Module[] = [oidcIdToken, hybridIdToken]
