// Violates FAPI-CIBA §5.2.2 item 3 (FAPI-CIBA-5.2.2-3): "shall not support CIBA push mode". node
// oidc-provider has no push mode at all, so it is faked by a middleware (c): discovery advertises
// push, and a registration asking for push is accepted (stored as ping, answered as push).
import { defineMutant, isDiscovery, readJson, replaceBody } from '../../src/reference-as/mutant.js'

export default defineMutant({
  id: 'ciba-allows-push',
  module: import.meta.url,
  description: 'fapi-ciba advertises and registers CIBA push mode',
  profiles: ['fapi-ciba'],
  expectFailures: {
    'fapi-ciba': ['ciba-no-push-mode'],
  },
  async middleware(ctx, next) {
    let push = false
    if (ctx.method === 'POST' && ctx.path === '/reg') {
      const body = await readJson(ctx)
      if (body && body.backchannel_token_delivery_mode === 'push') {
        push = true
        replaceBody(ctx, JSON.stringify({ ...body, backchannel_token_delivery_mode: 'ping' }))
      }
    }
    await next()
    if (push && ctx.status === 201 && ctx.body && typeof ctx.body === 'object') {
      ctx.body.backchannel_token_delivery_mode = 'push'
    }
    if (isDiscovery(ctx) && ctx.status === 200 && ctx.body && typeof ctx.body === 'object') {
      const modes: string[] = ctx.body.backchannel_token_delivery_modes_supported ?? []
      if (!modes.includes('push'))
        ctx.body.backchannel_token_delivery_modes_supported = [...modes, 'push']
    }
  },
})
