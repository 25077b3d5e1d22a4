import { authorizationRequest, defineModule, isInconclusive, isNotApplicable, notApplicable, use, type Module } from '../../src/index.js'
import idTokenAud from '../../src/checks/id-token/id-token-aud.js'
import idTokenExpIat from '../../src/checks/id-token/id-token-exp-iat.js'
import idTokenIss from '../../src/checks/id-token/id-token-iss.js'
import idTokenNonce from '../../src/checks/id-token/id-token-nonce.js'
import idTokenSignature from '../../src/checks/id-token/id-token-signature.js'
import idTokenAtHash from '../../src/checks/id-token/id-token-at-hash.js'
import idTokenSigningKey from '../../src/checks/id-token/id-token-signing-key.js'
import { completeCodeFlow } from './code-flow.js'

const REQUIREMENTS = ['OIDCC-3.1.3.7-2', 'OIDCC-3.1.3.7-3', 'OIDCC-3.1.3.7-6', 'OIDCC-3.1.3.7-9', 'OIDCC-3.1.3.7-11', 'OIDCC-3.1.3.6'] as const

/**
 * The ID Token of the code flow's token response, judged as OIDC Core §3.1.3.7 has a client
 * validate it: the signature with a key of the jwks_uri (step `jwks`), iss, aud, exp and iat, and
 * the nonce of the authentication request.
 */
export const oidcIdToken: Module = defineModule({
  id: 'oidc-id-token',
  title: 'ID Token of the code flow: signed with a key of the jwks_uri, iss, aud, exp, iat and nonce as sent',
  surface: 'redirect-flows',
  summary:
    'Runs the authorization code flow with openid in the scope and a nonce, fetches the jwks_uri, and validates the ID Token of the token response as OIDC Core §3.1.3.7 says: signature and alg, iss equal to the issuer, aud containing the client_id, exp in the future, iat present, nonce equal to the one sent; an at_hash, where present, matches the access token (§3.1.3.6); the signing key (the jwks_uri key of the kid) has the profile\'s minimum size (RFC 7518 §3.3/§3.5, FAPI 1.0 Part 1 §5.2.2-5/6 "require and use").',
  async run(ctx) {
    const scope = authorizationRequest(ctx).scope ?? ''
    if (!scope.split(' ').includes('openid')) return notApplicable(`the authorization request's scope (${scope}) does not ask for openid: no ID Token is due`, REQUIREMENTS)
    const flow = await completeCodeFlow(ctx, REQUIREMENTS)
    if (isNotApplicable(flow) || isInconclusive(flow)) return flow
    const { metadata: m, profile: p } = ctx
    ctx.sim.step('jwks', "the OP's JSON Web Key Set (jwks_uri), to verify the ID Token's signature")
    const jwks = typeof m.jwks_uri === 'string' ? await ctx.sim.get('jwks', m.jwks_uri) : undefined
    ctx.sim.outcome(jwks ? `HTTP ${jwks.response?.status ?? jwks.transport_error?.code}` : 'the target advertises no jwks_uri')
    const algs = Array.isArray(m.id_token_signing_alg_values_supported) ? m.id_token_signing_alg_values_supported.map(String) : undefined
    const input = { tokenResponse: flow.tokenResponse }
    // the issuer the configuration names: discovery-document-valid judges whether the discovered one equals it
    const issuer = ctx.expectedIssuer
    return {
      expected: 'an ID Token that a client validating it per OIDC Core §3.1.3.7 accepts',
      variant: { ...flow.variant, scope },
      uses: [
        use(idTokenSignature, { ...input, ...(jwks ? { jwks } : {}), ...(algs ? { algs } : {}) }, [], undefined, 'jwks'),
        use(idTokenIss, { ...input, issuer }, [], undefined, 'token'),
        use(idTokenAud, { ...input, clientId: flow.client.client_id }, [], undefined, 'token'),
        use(idTokenExpIat, input, [], undefined, 'token'),
        use(idTokenNonce, { ...input, ...(flow.request.nonce !== undefined ? { nonce: flow.request.nonce } : {}) }, [], undefined, 'token'),
        use(idTokenAtHash, input, [], undefined, 'token'),
        // the profile's key sizes, the rule the harness applies to clients' keys, for the key the OP signs with
        use(idTokenSigningKey, { ...input, ...(jwks ? { jwks } : {}), minBits: { RSA: p.minKeyBits.RSA.bits, EC: p.minKeyBits.EC.bits } }, [...p.minKeyBits.RSA.requirements, ...p.minKeyBits.EC.requirements], undefined, 'jwks'),
      ],
    }
  },
})

export const idTokenModules: Module[] = [oidcIdToken]
