/**
 * A tiny protected resource per issuer at `${issuer}/resource` (RFC 6750 bearer usage, RFC 8705 §3
 * certificate binding, RFC 9449 §7 DPoP): 200 JSON for a valid token (and, for a certificate-bound
 * token, the certificate it is bound to; for a DPoP-bound token, `Authorization: DPoP` with a valid
 * proof of its key); 401 with `WWW-Authenticate: Bearer ...` or `DPoP ...` otherwise.
 */
import { createHash } from 'node:crypto'
import { calculateJwkThumbprint, EmbeddedJWK, jwtVerify } from 'jose'
import { thumbprintS256 } from '../crypto/certs.js'
import type { CertificateSource } from './mtls.js'
import type { KoaContext, Next } from './mutant.js'

/**
 * The DPoP checks of the resource (RFC 9449 §4.3, §7.1, §11.1). A mutant switches one off for its
 * profile by putting its name into `ctx.state[RESOURCE_RELAX]` (a Set) before the resource runs.
 */
export type DpopResourceCheck =
  'proof-required' | 'bearer-downgrade' | 'key-binding' | 'htm' | 'htu' | 'ath' | 'iat' | 'jti'
export const RESOURCE_RELAX = 'referenceAsResourceRelax'

/** A mutant's middleware (c) that switches off one DPoP check of the resource for its profile. */
export function relaxResource(check: DpopResourceCheck) {
  return async (ctx: KoaContext, next: Next) => {
    if (ctx.path === '/resource') {
      ctx.state ??= {}
      const set: Set<string> = (ctx.state[RESOURCE_RELAX] ??= new Set<string>())
      set.add(check)
    }
    return next()
  }
}

/** How long after its `iat` a proof is accepted, and how far ahead (RFC 9449 §11.1: "a limited time"). */
const PROOF_MAX_AGE_S = 300
const PROOF_MAX_AHEAD_S = 60

export function resourceMiddleware(
  provider: any,
  certs: CertificateSource,
  opts: { dpopAlgs?: readonly string[] } = {},
) {
  const dpopAlgs = [...(opts.dpopAlgs ?? ['ES256', 'PS256', 'EdDSA'])]
  /** jti values seen within the acceptance window (RFC 9449 §11.1). */
  const seen = new Map<string, number>()

  /** RFC 9449 §4.3 and §7.1 for a request to this resource; undefined when the proof holds. */
  async function checkProof(
    ctx: KoaContext,
    accessToken: string,
    jkt: string,
    relaxed: Set<string>,
  ): Promise<{ error: string; description: string } | undefined> {
    const invalid = (description: string) => ({ error: 'invalid_dpop_proof', description })
    const raw = ctx.req.headersDistinct?.dpop ?? (ctx.get('dpop') ? [ctx.get('dpop')] : [])
    if (raw.length === 0)
      return relaxed.has('proof-required')
        ? undefined
        : {
            error: 'invalid_token',
            description: 'a DPoP-bound access token needs a DPoP proof (DPoP header)',
          }
    if (raw.length > 1) return invalid('more than one DPoP header')
    let header: Record<string, any>
    let payload: Record<string, any>
    try {
      const v = await jwtVerify(raw[0]!, EmbeddedJWK, { algorithms: dpopAlgs, typ: 'dpop+jwt' })
      header = v.protectedHeader as Record<string, any>
      payload = v.payload as Record<string, any>
    } catch (e) {
      return invalid(`the DPoP proof does not verify: ${(e as Error).message}`)
    }
    if (
      typeof payload.jti !== 'string' ||
      !payload.jti ||
      typeof payload.iat !== 'number' ||
      typeof payload.htm !== 'string' ||
      typeof payload.htu !== 'string'
    )
      return invalid('the DPoP proof lacks jti, htm, htu or iat')
    if (!relaxed.has('htm') && payload.htm !== ctx.method)
      return invalid('htm does not match the request method')
    if (!relaxed.has('htu')) {
      let htu: string | undefined
      try {
        const u = new URL(payload.htu)
        u.search = ''
        u.hash = ''
        htu = u.href
      } catch {
        htu = undefined
      }
      if (htu !== new URL(`${provider.issuer}/resource`).href)
        return invalid('htu does not match the request URI')
    }
    const now = Math.floor(Date.now() / 1000)
    if (
      !relaxed.has('iat') &&
      (payload.iat < now - PROOF_MAX_AGE_S || payload.iat > now + PROOF_MAX_AHEAD_S)
    )
      return invalid('the DPoP proof iat is outside the acceptance window')
    if (
      !relaxed.has('ath') &&
      payload.ath !== createHash('sha256').update(accessToken, 'ascii').digest('base64url')
    )
      return invalid('ath does not match the access token')
    if (!relaxed.has('key-binding') && (await calculateJwkThumbprint(header.jwk, 'sha256')) !== jkt)
      return {
        error: 'invalid_token',
        description: 'the DPoP proof key does not match the access token binding',
      }
    if (!relaxed.has('jti')) {
      for (const [k, exp] of seen) if (exp < now) seen.delete(k)
      const id = `${header.jwk ? await calculateJwkThumbprint(header.jwk, 'sha256') : ''}:${payload.jti}`
      if (seen.has(id)) return invalid('the DPoP proof jti was already used')
      seen.set(id, payload.iat + PROOF_MAX_AGE_S + PROOF_MAX_AHEAD_S)
    }
    return undefined
  }
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
      ctx.set(
        'WWW-Authenticate',
        error
          ? `Bearer realm="${provider.issuer}", error="${error}", error_description="${description ?? ''}"`
          : `Bearer realm="${provider.issuer}"`,
      )
      ctx.body = error
        ? { error, error_description: description }
        : { error: 'invalid_token', error_description: 'no access token provided' }
    }
    const relaxed: Set<string> = ctx.state?.[RESOURCE_RELAX] ?? new Set()
    const algs = `algs="${dpopAlgs.join(' ')}"`
    const refuseDpop = (error: string, description: string) => {
      ctx.status = 401
      ctx.set(
        'WWW-Authenticate',
        `DPoP realm="${provider.issuer}", error="${error}", error_description="${description}", ${algs}`,
      )
      ctx.body = { error, error_description: description }
    }
    const auth = ctx.get('authorization')
    const m = /^(Bearer|DPoP) +([A-Za-z0-9\-._~+/]+=*)$/i.exec(auth)
    if (!auth) return refuse()
    if (!m) return refuse('invalid_token', 'expected Authorization: Bearer <token> or DPoP <token>')
    const scheme = m[1]!.toLowerCase()
    const value = m[2]!
    const token =
      (await provider.AccessToken.find(value)) ?? (await provider.ClientCredentials.find(value))
    if (!token || !token.isValid)
      return scheme === 'dpop'
        ? refuseDpop('invalid_token', 'the access token is invalid or expired')
        : refuse('invalid_token', 'the access token is invalid or expired')
    if (token.jkt || scheme === 'dpop') {
      // RFC 9449 §7.2: "such a protected resource MUST reject a DPoP-bound access token received as a bearer token"
      if (scheme !== 'dpop' && !relaxed.has('bearer-downgrade'))
        return refuse(
          'invalid_token',
          'the access token is DPoP-bound: present it with Authorization: DPoP and a DPoP proof',
        )
      if (!token.jkt) return refuseDpop('invalid_token', 'the access token is not DPoP-bound')
      if (scheme === 'dpop' || !relaxed.has('bearer-downgrade')) {
        const problem = await checkProof(ctx, value, token.jkt as string, relaxed)
        if (problem) return refuseDpop(problem.error, problem.description)
      }
    }
    const bound = token['x5t#S256'] as string | undefined
    if (bound) {
      const cert = certs.getCertificate(ctx)
      if (!cert)
        return refuse(
          'invalid_token',
          'the access token is certificate-bound and no client certificate was presented',
        )
      if (thumbprintS256(cert.raw) !== bound)
        return refuse(
          'invalid_token',
          'the presented client certificate does not match the access token binding',
        )
    }
    ctx.status = 200
    ctx.body = {
      active: true,
      client_id: token.clientId,
      sub: token.accountId,
      scope: token.scope,
      ...(bound || token.jkt
        ? {
            cnf: {
              ...(bound ? { 'x5t#S256': bound } : {}),
              ...(token.jkt ? { jkt: token.jkt } : {}),
            },
          }
        : {}),
    }
    return undefined
  }
}
