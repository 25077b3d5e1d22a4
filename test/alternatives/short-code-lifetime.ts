// RFC 6749 §4.1.2: "The authorization code MUST expire shortly after it is issued to mitigate the
// risk of leaks. A maximum authorization code lifetime of 10 minutes is RECOMMENDED." This server's
// codes live 5 seconds (oidc-provider ttl.AuthorizationCode, configuration (a)), and target.yaml
// tells the harness so (authorization_code.lifetime_s), so authorization-code-expired runs: a code
// exchanged at once buys tokens, one exchanged after 5 s is refused.
//
// RFC 9126 §2.2 (expires_in): "The request URI lifetime is at the discretion of the authorization
// server but will typically be relatively short (e.g., between 5 and 600 seconds)." This server's
// pushed request URIs live 5 seconds too, and its PAR responses say so (expires_in 5), as does
// target.yaml (par.request_uri_lifetime_s), so par-request-uri-expired runs. oidc-provider 9 has
// no ttl for them (it takes the pushed request object's exp, at most 60 s), so the provider is
// patched (b): a pushed request is saved with the short lifetime, and the PAR response's
// expires_in is cut to it.
import { defineMutant } from '../../src/reference-as/mutant.js'

/** The code lifetime of this server, in seconds. */
export const SHORT_CODE_LIFETIME_S = 5

/** The lifetime of this server's pushed request URIs, in seconds. */
export const SHORT_REQUEST_URI_LIFETIME_S = 5

/** The PAR response's expires_in cut to `seconds` (oidc-provider's event fires once the 201 body is set). */
export function reportRequestUriLifetime(provider: any, seconds: number): void {
  provider.on('pushed_authorization_request.success', (ctx: any) => {
    if (ctx.body && typeof ctx.body.expires_in === 'number' && ctx.body.expires_in > seconds)
      ctx.body.expires_in = seconds
  })
}

/** Pushed requests saved (their exp, their storage) with a lifetime of at most `seconds`, and the PAR response saying so. */
export function shortRequestUriLifetime(provider: any, seconds: number): void {
  const Model = provider.PushedAuthorizationRequest
  const save = Model.prototype.save
  Model.prototype.save = function shortSave(this: unknown, ttl: number) {
    return save.call(this, Math.min(ttl, seconds))
  }
  reportRequestUriLifetime(provider, seconds)
}

export default defineMutant({
  id: 'short-code-lifetime',
  module: import.meta.url,
  description: `authorization codes and pushed request URIs live ${SHORT_CODE_LIFETIME_S} s, and the configuration says so`,
  why: 'RFC 6749 §4.1.2: "The authorization code MUST expire shortly after it is issued to mitigate the risk of leaks. A maximum authorization code lifetime of 10 minutes is RECOMMENDED." RFC 9126 §2.2: "The request URI lifetime is at the discretion of the authorization server but will typically be relatively short (e.g., between 5 and 600 seconds)."',
  profiles: ['oauth2'],
  expectFailures: {},
  config: `authorization_code:\n  lifetime_s: ${SHORT_CODE_LIFETIME_S}\npar:\n  request_uri_lifetime_s: ${SHORT_REQUEST_URI_LIFETIME_S}\n`,
  configure(config) {
    config.ttl.AuthorizationCode = SHORT_CODE_LIFETIME_S
  },
  patchProvider(provider) {
    shortRequestUriLifetime(provider, SHORT_REQUEST_URI_LIFETIME_S)
  },
})
