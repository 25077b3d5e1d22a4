import {
  isInconclusive,
  acceptedKind,
  attemptAccepted,
  authorize,
  defineModule,
  isNotApplicable,
  token,
  use,
  flowVariant,
  notApplicable,
  type Authorization,
  type CheckUse,
  type Module,
  type ModuleContext,
  type RequirementId,
} from '../../src/index.js'
import { certificateBinding, fetchJwks, registerCodeClient } from './code-flow.js'
import jarmResponse from '../../src/checks/authorization/jarm-response.js'
import jarmSigningKey from '../../src/checks/authorization/jarm-signing-key.js'
import authorizationResponseIss from '../../src/checks/authorization/authorization-response-iss.js'
import authorizationResponseCodeAndState from '../../src/checks/authorization/authorization-response-code-and-state.js'
import { codeNegativeModules } from './negatives.js'
import { authorizationNegativeModules } from './authorization-negatives.js'
import { parNegativeModules } from './par-negatives.js'

/**
 * The authorization code flow with PKCE S256, as a correct client runs it: register, authorize in
 * the browser (login and consent on the target's pages), exchange the code. Judges the
 * authorization response (RFC 6749 §4.1.2: the code and the same state) and the token response
 * (§4.1.4, §5.1).
 */
export const authorizationCodeFlow: Module = defineModule({
  id: 'authorization-code-flow',
  title:
    'Authorization code flow with PKCE: the code and the state come back, the code buys an access token',
  surface: 'redirect-flows',
  summary:
    'Registers a client for the authorization_code grant, sends the browser to the authorization endpoint (response_type of the profile, PKCE S256, state, a nonce with openid), logs in and consents, catches the redirect, and exchanges the code with the registered client authentication.',
  async run(ctx) {
    const requirements = ['RFC6749-4.1.2-1', 'RFC6749-4.1.2-2', 'RFC6749-4.1.4'] as const
    const client = await registerCodeClient(ctx, requirements)
    if (isNotApplicable(client) || isInconclusive(client)) return client
    const reg = { client }
    const a = await authorize(ctx, reg.client)
    const state = { use: authorizationResponseCodeAndState, step: 'authorize' }
    if (a.kind === 'failed') {
      return {
        expected: 'code and state, then an access token',
        uses: [
          use(
            state.use,
            { failure: `${a.step}: ${a.reason}${a.pageUrl ? ` at ${a.pageUrl}` : ''}` },
            [],
            undefined,
            state.step,
          ),
        ],
      }
    }
    const judged = [
      use(
        state.use,
        { state: a.request.state, params: a.params, callbackUrl: a.callbackUrl },
        [],
        undefined,
        state.step,
      ),
      ...issUses(ctx, a),
    ]
    const variant = flowVariant(ctx, reg.client, a)
    if (!a.params.code)
      return { expected: 'code and state, then an access token', variant, uses: judged }
    const t = await token(ctx, reg.client, a)
    const binding = t.ok ? await certificateBinding(ctx, reg.client, t.exchange) : []
    return {
      expected: 'code and state, then an access token',
      variant,
      uses: [
        ...judged,
        use(
          attemptAccepted,
          { response: t.exchange, kind: acceptedKind('token') },
          ['RFC6749-4.1.4'],
          undefined,
          'token',
        ),
        ...binding,
      ],
    }
  },
})

/**
 * RFC 9207 §2 on the authorization response: where the profile requires the iss parameter (FAPI 2.0
 * §5.3.2.2-7), or the AS advertises authorization_response_iss_parameter_supported (§3), it must
 * be there and be the issuer; a present one must be the issuer anyway. A response that carries the
 * issuer inside a JWT (an ID Token of code id_token, a JARM response) is judged by the checks of
 * that JWT instead (RFC 9207 §2.4 notes JARM's iss gives the same protection).
 */
export function issUses(
  ctx: ModuleContext,
  a: Extract<Authorization, { kind: 'callback' }>,
): CheckUse<any>[] {
  const profileRule = ctx.profile.authorizationRequest?.issParameter
  const advertised = ctx.metadata.authorization_response_iss_parameter_supported === true
  const inJwt = Boolean(a.raw.id_token || a.jarm)
  if (inJwt && a.raw.iss === undefined) return []
  if (!profileRule && !advertised && a.raw.iss === undefined) return []
  const requirements: RequirementId[] = profileRule ? profileRule.requirements : ['RFC9207-2']
  return [
    use(
      authorizationResponseIss,
      { params: a.raw, issuer: ctx.expectedIssuer, required: Boolean(profileRule) || advertised },
      requirements,
      'shall',
      'authorize',
    ),
  ]
}

/**
 * The code flow with JWT Secured Authorization Response Mode (response_type code, response_mode
 * jwt), where the profile's client uses it (FAPI 1.0 Part 2 §5.2.2-2, §5.2.2.2): the response JWT
 * verified as JARM §4.4 has the client verify it (signature with the jwks_uri, iss, aud, exp), its
 * code and state, then the code exchanged with the profile's sender constraint.
 */
export const jarmCodeFlow: Module = defineModule({
  id: 'jarm-code-flow',
  title:
    'Code flow with response_mode jwt (JARM): the response JWT is signed by the AS, with iss, aud and exp; its code buys an access token',
  surface: 'redirect-flows',
  summary:
    'Registers a client for the authorization_code grant, sends the browser to the authorization endpoint with response_type code and response_mode jwt (a signed request object where the profile requires one), logs in and consents, verifies the response JWT with the jwks_uri (alg, iss = issuer, aud = client_id, exp), reads code and state from it, and exchanges the code.',
  async run(ctx) {
    const rule = ctx.profile.authorizationRequest?.jarm
    const requirements: RequirementId[] = rule?.requirements ?? ['JARM-2.1']
    if (!rule)
      return notApplicable(`${ctx.profile.title} does not have the client use JARM`, requirements)
    // FAPI 1.0 Part 2 §5.2.2-2 lets the AS offer code id_token instead; Discovery §3 defaults
    // response_modes_supported to query and fragment
    const advertised = ctx.metadata.response_modes_supported
    const modes = Array.isArray(advertised) ? advertised.map(String) : ['query', 'fragment']
    if (!modes.includes('jwt'))
      return notApplicable(
        `the target does not offer response_mode jwt (response_modes_supported: ${Array.isArray(advertised) ? modes.join(', ') : 'absent, so query and fragment'})`,
        requirements,
      )
    const client = await registerCodeClient(ctx, requirements)
    if (isNotApplicable(client) || isInconclusive(client)) return client
    const a = await authorize(
      ctx,
      client,
      'authorize',
      'the authorization request with response_type code and response_mode jwt in the browser: login, consent, redirect to the client',
      { responseType: 'code', responseMode: 'jwt' },
    )
    const now = Math.floor(Date.now() / 1000)
    if (a.kind === 'failed') {
      return {
        expected: 'a JARM response, then an access token',
        uses: [
          use(
            jarmResponse,
            {
              issuer: ctx.expectedIssuer,
              clientId: client.client_id,
              now,
              failure: `${a.step}: ${a.reason}`,
            },
            requirements,
            'shall',
            'authorize',
          ),
        ],
      }
    }
    const jwks = await fetchJwks(ctx, 'the JARM response')
    const p = ctx.profile
    const algs = p.authorizationRequest?.idTokenAlgs?.allowed
    const variant = flowVariant(ctx, client, a)
    const uses: CheckUse<any>[] = [
      use(
        jarmResponse,
        {
          ...(a.jarm ? { response: a.jarm } : {}),
          raw: a.raw,
          ...(jwks ? { jwks } : {}),
          issuer: ctx.expectedIssuer,
          clientId: client.client_id,
          now,
          ...(algs ? { algs } : {}),
        },
        requirements,
        'shall',
        'jwks',
      ),
      // the profile's key sizes, the rule the harness applies to clients' keys, for the key the AS signs with
      use(
        jarmSigningKey,
        {
          ...(a.jarm ? { response: a.jarm } : {}),
          ...(jwks ? { jwks } : {}),
          minBits: { RSA: p.minKeyBits.RSA.bits, EC: p.minKeyBits.EC.bits },
        },
        [...p.minKeyBits.RSA.requirements, ...p.minKeyBits.EC.requirements],
        undefined,
        'jwks',
      ),
      use(
        authorizationResponseCodeAndState,
        { state: a.request.state, params: a.params, callbackUrl: a.callbackUrl },
        [],
        undefined,
        'authorize',
      ),
    ]
    if (!a.params.code) return { expected: 'a JARM response, then an access token', variant, uses }
    const t = await token(ctx, client, a)
    const binding = t.ok ? await certificateBinding(ctx, client, t.exchange) : []
    uses.push(
      use(
        attemptAccepted,
        { response: t.exchange, kind: acceptedKind('token') },
        ['RFC6749-4.1.4'],
        undefined,
        'token',
      ),
      ...binding,
    )
    return { expected: 'a JARM response, then an access token', variant, uses }
  },
})

export const redirectFlowModules: Module[] = [
  authorizationCodeFlow,
  ...codeNegativeModules,
  ...authorizationNegativeModules,
  ...parNegativeModules,
  jarmCodeFlow,
]
