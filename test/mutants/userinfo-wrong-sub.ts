// Violates OIDC Core 1.0 §2 (OIDCC-2-2): sub is "A locally unique and never reassigned identifier
// within the Issuer for the End-User" — the UserInfo response for the grant's access token names
// another sub than the ID Token. Broken by a middleware (c): the UserInfo response's sub gets a
// suffix.
import { defineMutant } from '../../src/reference-as/mutant.js'

export default defineMutant({
  id: 'userinfo-wrong-sub',
  module: import.meta.url,
  description: "oidc's UserInfo endpoint names another sub than the ID Token",
  profiles: ['oidc'],
  expectFailures: {
    oidc: ['oidc-userinfo'],
  },
  async middleware(ctx, next) {
    await next()
    if (
      ctx.path === '/me' &&
      ctx.status === 200 &&
      ctx.body &&
      typeof ctx.body === 'object' &&
      typeof ctx.body.sub === 'string'
    )
      ctx.body = { ...ctx.body, sub: `${ctx.body.sub}-other` }
  },
})
