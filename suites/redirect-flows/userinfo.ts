import {
  authorizationRequest,
  defineModule,
  inconclusive,
  isInconclusive,
  isNotApplicable,
  notApplicable,
  use,
  type Module,
} from '../../src/index.js'
import { jsonBody } from '../../src/http/client.js'
import { readIdToken } from '../../src/checks/id-token/id-token.js'
import userinfoRefusesMissingToken from '../../src/checks/userinfo/userinfo-refuses-missing-token.js'
import userinfoResponse from '../../src/checks/userinfo/userinfo-response.js'
import { completeCodeFlow } from './code-flow.js'

const REQUIREMENTS = ['OIDCC-5.3', 'OIDCC-5.3.2', 'OIDCC-2-2', 'RFC6750-3'] as const

/**
 * The UserInfo endpoint (OIDC Core §5.3) with the access token of the code flow: a JSON object whose
 * sub is the ID Token's (step `userinfo`, the control); then the same request without the token
 * (step `userinfo-without-token`), which must be refused with 401 and a Bearer challenge (RFC 6750 §3).
 */
export const oidcUserinfo: Module = defineModule({
  id: 'oidc-userinfo',
  title:
    "UserInfo: the code flow's access token gets the End-User's claims with the ID Token's sub; no token gets 401 with WWW-Authenticate",
  surface: 'redirect-flows',
  summary:
    "Runs the authorization code flow with openid, then GETs the userinfo_endpoint with the access token as a Bearer token (OIDC Core §5.3): a 200 JSON object whose sub equals the ID Token's (§5.3.2, §2). Then the same GET without any token: 401 with a WWW-Authenticate challenge (RFC 6750 §3).",
  async run(ctx) {
    const { metadata: m, profile: p } = ctx
    const scope = authorizationRequest(ctx).scope ?? ''
    if (!scope.split(' ').includes('openid'))
      return notApplicable(
        `the authorization request's scope (${scope}) does not ask for openid: no UserInfo is due`,
        REQUIREMENTS,
      )
    if (typeof m.userinfo_endpoint !== 'string')
      return notApplicable(
        'the target advertises no userinfo_endpoint (OIDC Discovery §3: RECOMMENDED)',
        REQUIREMENTS,
      )
    if (p.senderConstrained.required)
      return notApplicable(
        'the profile binds access tokens to the client certificate; a UserInfo request over mTLS is not built yet',
        REQUIREMENTS,
      )
    const flow = await completeCodeFlow(ctx, REQUIREMENTS)
    if (isNotApplicable(flow) || isInconclusive(flow)) return flow
    const body = jsonBody(flow.tokenResponse)
    const tokens =
      body.ok && body.value && typeof body.value === 'object'
        ? (body.value as Record<string, unknown>)
        : {}
    const expected = "200 with the ID Token's sub; 401 with a challenge without a token"
    if (typeof tokens.access_token !== 'string')
      return inconclusive(
        'the token response carries no access_token',
        REQUIREMENTS,
        'shall',
        expected,
      )
    const tokenType = typeof tokens.token_type === 'string' ? tokens.token_type : 'Bearer'
    if (tokenType.toLowerCase() !== 'bearer')
      return notApplicable(`the access token is of type ${tokenType}, not Bearer`, REQUIREMENTS)
    const id = readIdToken({ tokenResponse: flow.tokenResponse })
    const sub = id.ok && typeof id.claims.sub === 'string' ? id.claims.sub : undefined

    ctx.sim.step(
      'userinfo',
      'the UserInfo request with the access token as a Bearer token (the control)',
    )
    const withToken = await ctx.sim.send({
      purpose: 'userinfo',
      method: 'GET',
      url: m.userinfo_endpoint,
      headers: { authorization: `Bearer ${tokens.access_token}`, accept: 'application/json' },
    })
    ctx.sim.outcome(
      withToken.response
        ? `HTTP ${withToken.response.status}`
        : `no HTTP response: ${withToken.transport_error?.code}`,
    )
    const judged = use(
      userinfoResponse,
      { response: withToken, ...(sub !== undefined ? { sub } : {}) },
      [],
      undefined,
      'userinfo',
    )
    const variant = { ...flow.variant, scope }
    if (withToken.response?.status !== 200) return { expected, variant, uses: [judged] }

    ctx.sim.step('userinfo-without-token', 'the same UserInfo request without any access token')
    const without = await ctx.sim.send({
      purpose: 'userinfo',
      method: 'GET',
      url: m.userinfo_endpoint,
      headers: { accept: 'application/json' },
    })
    ctx.sim.outcome(
      without.response
        ? `HTTP ${without.response.status}`
        : `no HTTP response: ${without.transport_error?.code}`,
    )
    return {
      expected,
      variant,
      uses: [
        judged,
        use(
          userinfoRefusesMissingToken,
          { response: without },
          [],
          undefined,
          'userinfo-without-token',
        ),
      ],
    }
  },
})

export const userinfoModules: Module[] = [oidcUserinfo]
