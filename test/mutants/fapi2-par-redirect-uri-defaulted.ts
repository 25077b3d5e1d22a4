// Violates FAPI 2.0 Security Profile §5.3.2.2-6 (FAPI2-SP-FINAL-5.3.2.2-6): "shall require the
// `redirect_uri` parameter in pushed authorization requests;". oidc-provider's FAPI 2.0 mode never
// fills in a redirect URI, so the mutant is a middleware (c): it remembers the redirect URIs each
// client registered (the registration response) and adds the one registered URI to a pushed
// authorization request that carries none, before oidc-provider reads the form.
import { decodeJwt } from 'jose'
import { defineMutant, readForm, replaceBody } from '../../src/reference-as/mutant.js'

const registered = new Map<string, string[]>()

/** The client of a pushed request: its client_id parameter, or its client assertion's sub. */
function clientOf(form: URLSearchParams): string | undefined {
  const id = form.get('client_id')
  if (id) return id
  const assertion = form.get('client_assertion')
  try {
    const sub = assertion ? decodeJwt(assertion).sub : undefined
    return typeof sub === 'string' ? sub : undefined
  } catch {
    return undefined
  }
}

export default defineMutant({
  id: 'fapi2-par-redirect-uri-defaulted',
  module: import.meta.url,
  description:
    'fapi2-security fills in the registered redirect URI of a pushed authorization request without redirect_uri',
  profiles: ['fapi2-security'],
  expectFailures: { 'fapi2-security': ['par-without-redirect-uri'] },
  async middleware(ctx, next) {
    if (ctx.method === 'POST' && ctx.path === '/request') {
      const form = await readForm(ctx)
      const client =
        form && !form.has('redirect_uri') && !form.has('request') ? clientOf(form) : undefined
      const uris = client ? registered.get(client) : undefined
      if (form && uris?.length === 1) {
        form.set('redirect_uri', uris[0]!)
        replaceBody(ctx, form.toString())
      }
    }
    await next()
    if (
      ctx.method === 'POST' &&
      ctx.path === '/reg' &&
      ctx.status === 201 &&
      Array.isArray(ctx.body?.redirect_uris)
    )
      registered.set(ctx.body.client_id, ctx.body.redirect_uris)
  },
})
