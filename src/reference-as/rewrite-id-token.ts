/**
 * A helper for mutants that break one rule of the ID Tokens the reference AS issues (OIDC Core §2,
 * §3.1.3.7): the ID Token oidc-provider signs is decoded, edited, and signed again, by default
 * with the AS's own key of the same kid (so only the edited claim is wrong), or with a key of the
 * edit's choosing (a key not in the jwks_uri). Runs in process: `configure` keeps the profile's
 * private JWKS, `patchProvider` wraps that provider's IdToken model. Imports jose and node:crypto only.
 */
import { constants, generateKeyPairSync, sign } from 'node:crypto'
import {
  calculateJwkThumbprint,
  CompactSign,
  decodeJwt,
  decodeProtectedHeader,
  importJWK,
  type JWK,
  type JWTPayload,
  type KeyObject,
  type ProtectedHeaderParameters,
} from 'jose'
import type { ProfileId } from '../suite/profile.js'
import type { Mutant, MutantContext } from './mutant.js'

export interface IdTokenEdit {
  header: ProtectedHeaderParameters
  payload: JWTPayload
  /** Sign with this key instead of the AS's key of the header's kid. */
  key?: KeyObject | CryptoKey
}

/**
 * `use`: which JWTs oidc-provider's IdToken model signs are rewritten: `idtoken`, the ID Tokens
 * (token endpoint and authorization response); `authorization`, the JARM response JWTs.
 */
export function rewriteIdToken(
  edit: (t: IdTokenEdit, ctx: MutantContext) => Promise<void> | void,
  opts: { use?: 'idtoken' | 'authorization' } = {},
): Required<Pick<Mutant, 'configure' | 'patchProvider'>> {
  const use = opts.use ?? 'idtoken'
  const keys = new Map<ProfileId, JWK[]>()
  return {
    configure(config, ctx) {
      keys.set(ctx.profile, (config.jwks?.keys ?? []) as JWK[])
    },
    patchProvider(provider, ctx) {
      const proto = provider.IdToken.prototype
      const issue = proto.issue
      proto.issue = async function (this: unknown, opts: { use?: string } = {}) {
        const jwt: string = await issue.call(this, opts)
        if (opts.use !== use || jwt.split('.').length !== 3) return jwt
        const t: IdTokenEdit = { header: decodeProtectedHeader(jwt), payload: decodeJwt(jwt) }
        await edit(t, ctx)
        let key = t.key
        if (!key) {
          for (const jwk of keys.get(ctx.profile) ?? []) {
            const kid = jwk.kid ?? (await calculateJwkThumbprint(jwk))
            if (kid === t.header.kid) {
              key = (await importJWK(jwk, t.header.alg)) as KeyObject | CryptoKey
              break
            }
          }
        }
        if (!key)
          throw new Error(
            `rewriteIdToken: no key of kid ${t.header.kid} to sign the edited ID Token with`,
          )
        return new CompactSign(new TextEncoder().encode(JSON.stringify(t.payload)))
          .setProtectedHeader(t.header as never)
          .sign(key)
      }
    },
  }
}

/**
 * For mutants whose AS signs with a key shorter than RFC 7518 §3.3/§3.5 allow: the jwks_uri also
 * serves a 1024-bit RSA key of `kid`, and every JWT of `use` the IdToken model signs is signed
 * again with it under `alg` (node:crypto: jose refuses to sign with a key this short).
 */
export function resignWithShortRsaKey(opts: {
  kid: string
  alg: 'RS256' | 'PS256'
  use: 'idtoken' | 'authorization'
}): Required<Pick<Mutant, 'middleware' | 'patchProvider'>> {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 1024 })
  const jwk = { ...publicKey.export({ format: 'jwk' }), kid: opts.kid, alg: opts.alg, use: 'sig' }
  const pss =
    opts.alg === 'PS256' ? { padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 } : {}
  return {
    async middleware(ctx, next) {
      await next()
      if (
        ctx.path === '/jwks' &&
        ctx.status === 200 &&
        ctx.body &&
        typeof ctx.body === 'object' &&
        Array.isArray(ctx.body.keys)
      )
        ctx.body = { ...ctx.body, keys: [...ctx.body.keys, jwk] }
    },
    patchProvider(provider) {
      const proto = provider.IdToken.prototype
      const issue = proto.issue
      proto.issue = async function (this: unknown, o: { use?: string } = {}) {
        const jwt: string = await issue.call(this, o)
        if (o.use !== opts.use || jwt.split('.').length !== 3) return jwt
        const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url')
        const input = `${b64({ alg: opts.alg, kid: opts.kid })}.${b64(decodeJwt(jwt))}`
        return `${input}.${sign('sha256', Buffer.from(input), { key: privateKey, ...pss }).toString('base64url')}`
      }
    },
  }
}
