import {
  isInconclusive,
  acceptedKind,
  attemptAccepted,
  authorize,
  defineModule,
  isNotApplicable,
  token,
  use,
  type Module,
} from '../../src/index.js'
import { registerCodeClient } from './code-flow.js'
import authorizationResponseCodeAndState from '../../src/checks/authorization/authorization-response-code-and-state.js'
import { codeNegativeModules } from './negatives.js'
import { authorizationNegativeModules } from './authorization-negatives.js'

/**
 * The authorization code flow with PKCE S256, as a correct client runs it: register, authorize in
 * the browser (login and consent on the target's pages), exchange the code. Judges the
 * authorization response (RFC 6749 §4.1.2: the code and the same state) and the token response
 * (§4.1.4, §5.1).
 */
export const authorizationCodeFlow: Module = defineModule({
  id: 'authorization-code-flow',
  title: 'Authorization code flow with PKCE: the code and the state come back, the code buys an access token',
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
      return { expected: 'code and state, then an access token', uses: [use(state.use, { failure: `${a.step}: ${a.reason}${a.pageUrl ? ` at ${a.pageUrl}` : ''}` }, [], undefined, state.step)] }
    }
    const judged = use(state.use, { state: a.request.state, params: a.params, callbackUrl: a.callbackUrl }, [], undefined, state.step)
    const variant = { grant: 'authorization_code', client_auth: reg.client.token_endpoint_auth_method, response_type: a.request.response_type!, pkce: 'S256' }
    if (!a.params.code) return { expected: 'code and state, then an access token', variant, uses: [judged] }
    const t = await token(ctx, reg.client, a)
    return {
      expected: 'code and state, then an access token',
      variant,
      uses: [judged, use(attemptAccepted, { response: t.exchange, kind: acceptedKind('token') }, ['RFC6749-4.1.4'], undefined, 'token')],
    }
  },
})

export const redirectFlowModules: Module[] = [authorizationCodeFlow, ...codeNegativeModules, ...authorizationNegativeModules]
