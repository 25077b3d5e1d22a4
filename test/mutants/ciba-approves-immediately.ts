// Violates CIBA Core §11 (CIBA-11): "If the Client is polling and the authorization request is
// still pending as the end-user hasn't yet been authenticated" the OP answers
// authorization_pending. Broken by editing the configuration (a): the simulated authentication
// device approves inside the backchannel authentication request, before the response, so the
// very first poll already yields tokens (as if the end-user had acted before the client could
// ask). `deny` as login_hint keeps its delayed denial, and push clients their delayed delivery
// (push has no polling to break).
import { defineMutant } from '../../src/reference-as/mutant.js'

export default defineMutant({
  id: 'ciba-approves-immediately',
  module: import.meta.url,
  description: 'ciba: the first poll yields tokens, never authorization_pending',
  profiles: ['ciba'],
  expectFailures: {
    ciba: ['ciba-poll-flow'],
  },
  configure(config) {
    const ciba = config.features.ciba
    const delayed = ciba.triggerAuthenticationDevice
    ciba.triggerAuthenticationDevice = async (
      ctx: any,
      request: any,
      account: any,
      client: any,
    ) => {
      if (account.accountId === 'deny' || client.backchannelTokenDeliveryMode === 'push')
        return delayed(ctx, request, account, client)
      const provider = ctx.oidc.provider
      const grant = new provider.Grant({ clientId: client.clientId, accountId: account.accountId })
      if (request.scope) grant.addOIDCScope(request.scope)
      if (request.claims && Object.keys(request.claims).length)
        grant.addOIDCClaims(Object.keys({ ...request.claims.id_token, ...request.claims.userinfo }))
      await grant.save()
      await provider.backchannelResult(request, grant)
    }
  },
})
