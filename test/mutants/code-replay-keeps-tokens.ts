// Violates RFC 6749 §4.1.2 (RFC6749-4.1.2-3): "If an authorization code is used more than
// once, the authorization server MUST deny the request and SHOULD revoke (when possible) all tokens
// previously issued based on that authorization code." Built by patching the Provider (b) with a
// middleware (c) that marks each token request, and configuration (a): the replay is still denied,
// but where the request found an already consumed code, revoking the tokens of its grant, and the
// grant itself, is skipped.
import { AsyncLocalStorage } from 'node:async_hooks'
import { defineMutant } from '../../src/reference-as/mutant.js'

const request = new AsyncLocalStorage<{ replayed: boolean }>()

export default defineMutant({
  id: 'code-replay-keeps-tokens',
  module: import.meta.url,
  description:
    'oidc denies a replayed authorization code but leaves the tokens issued for it valid',
  profiles: ['oidc'],
  // a SHOULD: the harness warns
  expectFailures: {},
  expectWarnings: { oidc: ['authorization-code-replay-revokes-tokens'] },
  configure(config) {
    // oidc-provider also destroys the grant itself on a replay (revokeGrantPolicy); its default otherwise
    const policy =
      config.revokeGrantPolicy ??
      ((ctx: any) => !(ctx.oidc.route === 'revocation' && ctx.oidc.entities.AccessToken))
    config.revokeGrantPolicy = (ctx: unknown) =>
      request.getStore()?.replayed ? false : policy(ctx)
  },
  patchProvider(provider) {
    const find = provider.AuthorizationCode.find.bind(provider.AuthorizationCode)
    provider.AuthorizationCode.find = async (...args: unknown[]) => {
      const code = await find(...args)
      const store = request.getStore()
      if (code?.consumed && store) store.replayed = true
      return code
    }
    // oidc-provider's memory adapter revokes every model's entries of a grant through any model's
    // revokeByGrantId, so each model's is skipped
    for (const model of [provider.AccessToken, provider.RefreshToken, provider.AuthorizationCode]) {
      const revoke = model.revokeByGrantId.bind(model)
      model.revokeByGrantId = async (grantId: string) =>
        request.getStore()?.replayed ? undefined : revoke(grantId)
    }
  },
  middleware(ctx, next) {
    return ctx.path === '/token' ? request.run({ replayed: false }, next) : next()
  },
})
