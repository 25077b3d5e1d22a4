import {
  answer,
  baselineClient,
  control,
  defineModule,
  inconclusive,
  isNotApplicable,
  notApplicable,
  register,
  requestParams,
  tokenResponseNotCacheable,
  tokenResponsePragmaNoCache,
  use,
  type Module,
} from '../../src/index.js'

/**
 * RFC 6749 §5.1: a response carrying tokens is not to be cached. Judged once, in a module of its
 * own, on a token response the profile's baseline client obtains (not on every accepted request).
 */
export const tokenResponseModules: Module[] = [
  defineModule({
    id: 'token-response-cache-control',
    title: 'A token response carries Cache-Control: no-store and Pragma: no-cache',
    surface: 'client-authentication',
    summary:
      'The profile baseline client obtains a token with client_credentials; the response must carry Cache-Control: no-store and, at should (RFC 9111 §5.4 deprecates Pragma), Pragma: no-cache (RFC 6749 §5.1).',
    async run(ctx) {
      const spec = baselineClient(ctx.profile, ctx.metadata)
      if (isNotApplicable(spec)) return spec
      const grants = ctx.metadata.grant_types_supported
      if (Array.isArray(grants) && !grants.includes('client_credentials'))
        return notApplicable('the target does not offer the client_credentials grant', [
          'RFC6749-5.1',
        ])
      const reg = await register(ctx, spec)
      if (reg.kind === 'unavailable') return notApplicable(reg.reason)
      if (reg.kind === 'refused')
        return inconclusive(
          `registration of the baseline client was refused (${reg.answer})`,
          ['RFC6749-5.1'],
          'shall',
        )
      const c = await control(ctx, 'token', requestParams(ctx, 'token'), reg.client, undefined, {
        name: 'request',
        title: 'a token request of the baseline client',
      })
      if (!c.ok)
        return inconclusive(`no token was issued (${answer(c.exchange)})`, ['RFC6749-5.1'], 'shall')
      return {
        expected: 'Cache-Control: no-store (shall), Pragma: no-cache (should)',
        uses: [
          use(tokenResponseNotCacheable, { response: c.exchange }, [], undefined, 'request'),
          use(tokenResponsePragmaNoCache, { response: c.exchange }, [], 'should', 'request'),
        ],
      }
    },
  }),
]
