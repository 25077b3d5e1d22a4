/**
 * A tiny protected resource per issuer at `${issuer}/resource` (RFC 6750 bearer usage, RFC 8705 §3
 * certificate binding): 200 JSON for a valid token (and, for a certificate-bound token, the
 * certificate it is bound to); 401 with `WWW-Authenticate: Bearer ...` otherwise.
 */
import { thumbprintS256 } from '../crypto/certs.js'
import type { CertificateSource } from './mtls.js'
import type { KoaContext, Next } from './mutant.js'

export function resourceMiddleware(provider: any, certs: CertificateSource) {
  return async (ctx: KoaContext, next: Next) => {
    if (ctx.path !== '/resource') return next()
    ctx.set('Cache-Control', 'no-store')
    if (ctx.method !== 'GET') {
      ctx.status = 405
      ctx.set('Allow', 'GET')
      ctx.body = { error: 'invalid_request', error_description: 'only GET is supported' }
      return undefined
    }
    const refuse = (error?: string, description?: string) => {
      ctx.status = 401
      ctx.set('WWW-Authenticate', error
        ? `Bearer realm="${provider.issuer}", error="${error}", error_description="${description ?? ''}"`
        : `Bearer realm="${provider.issuer}"`)
      ctx.body = error ? { error, error_description: description } : { error: 'invalid_token', error_description: 'no access token provided' }
    }
    const auth = ctx.get('authorization')
    const m = /^Bearer +([A-Za-z0-9\-._~+/]+=*)$/i.exec(auth)
    if (!auth) return refuse()
    if (!m) return refuse('invalid_token', 'expected Authorization: Bearer <token>')
    const value = m[1]!
    const token = (await provider.AccessToken.find(value)) ?? (await provider.ClientCredentials.find(value))
    if (!token || !token.isValid) return refuse('invalid_token', 'the access token is invalid or expired')
    if (token.jkt) return refuse('invalid_token', 'DPoP-bound tokens are not supported by this resource')
    const bound = token['x5t#S256'] as string | undefined
    if (bound) {
      const cert = certs.getCertificate(ctx)
      if (!cert) return refuse('invalid_token', 'the access token is certificate-bound and no client certificate was presented')
      if (thumbprintS256(cert.raw) !== bound) return refuse('invalid_token', 'the presented client certificate does not match the access token binding')
    }
    ctx.status = 200
    ctx.body = {
      active: true,
      client_id: token.clientId,
      sub: token.accountId,
      scope: token.scope,
      ...(bound ? { cnf: { 'x5t#S256': bound } } : {}),
    }
    return undefined
  }
}
