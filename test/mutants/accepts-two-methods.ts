// Violates RFC 6749 §2.3 (RFC6749-2.3): a client MUST NOT use more than one authentication method
// in a request, and the AS must refuse such a request (oidc-provider answers 400 invalid_request).
// Broken by a middleware (c): when a request carries several credentials, the ones that do not
// match the client's registered method are silently dropped before oidc-provider sees them.
import {
  defineMutant,
  readForm,
  replaceBody,
  type KoaContext,
} from '../../src/reference-as/mutant.js'

const CLIENT_AUTH_ENDPOINTS = new Set([
  '/token',
  '/token/introspection',
  '/token/revocation',
  '/backchannel',
  '/request',
])

function clientIdOf(ctx: KoaContext, form: URLSearchParams): string | undefined {
  const assertion = form.get('client_assertion')
  if (assertion) {
    try {
      const sub = JSON.parse(
        Buffer.from(assertion.split('.')[1] ?? '', 'base64url').toString('utf8'),
      ).sub
      if (typeof sub === 'string') return sub
    } catch {
      /* fall through */
    }
  }
  const auth = ctx.get('authorization')
  if (/^basic /i.test(auth)) {
    const decoded = Buffer.from(auth.slice(6).trim(), 'base64').toString('utf8')
    return decodeURIComponent(decoded.slice(0, decoded.indexOf(':')))
  }
  return form.get('client_id') ?? undefined
}

export default defineMutant({
  id: 'accepts-two-methods',
  module: import.meta.url,
  description: 'oauth2 accepts a request that carries two client authentication methods',
  profiles: ['oauth2'],
  expectFailures: {
    oauth2: ['two-authentication-methods'],
  },
  async middleware(ctx, next) {
    if (ctx.method === 'POST' && CLIENT_AUTH_ENDPOINTS.has(ctx.path)) {
      const form = await readForm(ctx)
      const hasBasic = /^basic /i.test(ctx.get('authorization'))
      if (form) {
        const present = [hasBasic, form.has('client_assertion'), form.has('client_secret')].filter(
          Boolean,
        ).length
        const id = present > 1 ? clientIdOf(ctx, form) : undefined
        const client = id ? await ctx.app.Client.find(id).catch(() => undefined) : undefined
        if (client) {
          const method: string = client.clientAuthMethod
          const keep =
            method === 'client_secret_basic'
              ? 'basic'
              : method === 'client_secret_post'
                ? 'post'
                : method.endsWith('_jwt')
                  ? 'assertion'
                  : 'none'
          if (keep !== 'basic' && hasBasic) delete ctx.req.headers.authorization
          if (keep !== 'assertion') {
            form.delete('client_assertion')
            form.delete('client_assertion_type')
          }
          if (keep !== 'post') form.delete('client_secret')
          replaceBody(ctx, form.toString())
        }
      }
    }
    return next()
  },
})
