import {
  acceptedKind,
  attemptAccepted,
  control,
  defineModule,
  isInconclusive,
  isNotApplicable,
  notApplicable,
  use,
  type Module,
} from '../../src/index.js'
import { completeCodeFlow, refreshTokenOf } from './code-flow.js'

const REQUIREMENTS = ['RFC6749-6'] as const

/**
 * RFC 6749 §6: a refresh token issued with the code flow buys a new access token, with the
 * client's registered authentication. The client registers the refresh_token grant; a target
 * that issues no refresh token for it makes the module not applicable, with that reason.
 */
export const refreshTokenGrant: Module = defineModule({
  id: 'refresh-token-grant',
  title: 'Refresh token grant: the refresh token of the code flow buys a new access token',
  surface: 'redirect-flows',
  summary:
    'Registers a client for the authorization_code and refresh_token grants, runs the code flow, and sends the refresh token it was issued back to the token endpoint (grant_type refresh_token) with the registered client authentication: RFC 6749 §6 says a valid refresh request gets an access token.',
  async run(ctx) {
    const flow = await completeCodeFlow(ctx, REQUIREMENTS, ['refresh_token'])
    if (isNotApplicable(flow) || isInconclusive(flow)) return flow
    const refresh = refreshTokenOf(flow.tokenResponse)
    if (refresh === undefined) {
      return notApplicable(
        `the target issued no refresh_token to a client registered for the refresh_token grant (scope ${flow.request.scope ?? 'none'}; RFC 6749 §4.1.4 makes it optional)`,
        REQUIREMENTS,
      )
    }
    const r = await control(
      ctx,
      'token',
      { grant_type: 'refresh_token', refresh_token: refresh, ...ctx.sim.params.tokenParams },
      flow.client,
      undefined,
      {
        name: 'refresh',
        title:
          'the refresh token sent back with the registered client authentication, which must succeed',
      },
    )
    return {
      expected: 'a new access token',
      variant: { ...flow.variant, grant: 'refresh_token' },
      uses: [
        use(
          attemptAccepted,
          { response: r.exchange, kind: acceptedKind('token') },
          REQUIREMENTS,
          undefined,
          'refresh',
        ),
      ],
    }
  },
})

export const refreshTokenModules: Module[] = [refreshTokenGrant]
