// RFC 6749 §3.3: "If the client omits the scope parameter when requesting authorization, the
// authorization server MUST either process the request using a pre-defined default value or fail
// the request indicating an invalid scope." This server fails it: a client_credentials token request
// that does not ask for the `accounts` scope, and a CIBA backchannel request without scope, are
// answered 400 invalid_scope (RFC 6749 §5.2). The scope is configured in oidc-provider (a), so
// discovery lists it in scopes_supported, and required by a middleware (c). target.yaml tells the
// harness which scope to send (`scope: accounts`).
import {
  defineMutant,
  readForm,
  respondWithError,
  type KoaMiddleware,
} from '../../src/reference-as/mutant.js'
import { PROFILE_IDS } from '../../src/suite/profile.js'

/** The scope this server requires for client_credentials. */
export const REQUIRED_SCOPE = 'accounts'

/** (a) Make `scope` a scope the server knows (scopes_supported); oidc-provider's defaults stay. */
export function configureScope(config: Record<string, any>, scope = REQUIRED_SCOPE): void {
  config.scopes = [...new Set([...(config.scopes ?? ['openid', 'offline_access']), scope])]
}

/**
 * The scopes a request asks for: its `scope` parameter or, for a signed authentication request
 * (FAPI-CIBA §5.2.2, CIBA §7.1.1), the `scope` claim of its `request` object. The signature is
 * oidc-provider's business; this only reads what is asked for.
 */
function scopesOf(form: URLSearchParams): string[] {
  let scope = form.get('scope')
  const request = form.get('request')
  if (scope === null && request) {
    try {
      const claims = JSON.parse(
        Buffer.from(request.split('.')[1] ?? '', 'base64url').toString('utf8'),
      ) as { scope?: unknown }
      if (typeof claims?.scope === 'string') scope = claims.scope
    } catch {
      // not a JWT: oidc-provider refuses it
    }
  }
  return (scope ?? '').split(' ').filter(Boolean)
}

/**
 * (c) A client_credentials token request whose scope does not include `scope`, or a CIBA
 * backchannel request without any scope, is answered 400 invalid_scope.
 */
export function requireScope(scope = REQUIRED_SCOPE): KoaMiddleware {
  return async (ctx, next) => {
    if (ctx.method === 'POST' && (ctx.path === '/token' || ctx.path === '/backchannel')) {
      const form = await readForm(ctx)
      if (
        form &&
        ctx.path === '/token' &&
        form.get('grant_type') === 'client_credentials' &&
        !scopesOf(form).includes(scope)
      ) {
        return respondWithError(
          ctx,
          400,
          'invalid_scope',
          `the client_credentials grant requires scope ${scope} (no default scope)`,
        )
      }
      if (form && ctx.path === '/backchannel' && scopesOf(form).length === 0) {
        return respondWithError(ctx, 400, 'invalid_scope', 'scope is required')
      }
    }
    return next()
  }
}

export default defineMutant({
  id: 'requires-scope',
  module: import.meta.url,
  description: `client_credentials without scope ${REQUIRED_SCOPE} (and CIBA without scope) is refused with 400 invalid_scope`,
  why: 'RFC 6749 §3.3: "If the client omits the scope parameter when requesting authorization, the authorization server MUST either process the request using a pre-defined default value or fail the request indicating an invalid scope."',
  profiles: [...PROFILE_IDS],
  expectFailures: {},
  config: `scope: ${REQUIRED_SCOPE}\n`,
  configure: (config) => configureScope(config),
  middleware: requireScope(),
})
