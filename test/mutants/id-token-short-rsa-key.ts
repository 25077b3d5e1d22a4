// Violates RFC 7518 §3.3 (RFC7518-3.3): "A key of size 2048 bits or larger MUST be used with these
// algorithms." — binding whoever signs with RS256, here the OP signing its ID Tokens. Broken by a
// middleware (c) and a patch (b): the jwks_uri also serves a 1024-bit RSA key, and every ID Token
// is signed again with it under RS256 (node:crypto: jose refuses to sign with a key this short).
import { generateKeyPairSync, sign } from 'node:crypto'
import { decodeJwt } from 'jose'
import { defineMutant } from '../../src/reference-as/mutant.js'

const KID = 'fapi-harness-short-rsa-1024'
const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 1024 })
const PUBLIC_JWK = { ...publicKey.export({ format: 'jwk' }), kid: KID, alg: 'RS256', use: 'sig' }

export default defineMutant({
  id: 'id-token-short-rsa-key',
  module: import.meta.url,
  description: 'oidc signs ID Tokens with a 1024-bit RSA key it publishes in its jwks_uri',
  profiles: ['oidc'],
  expectFailures: {
    oidc: ['oidc-id-token'],
  },
  async middleware(ctx, next) {
    await next()
    if (ctx.path === '/jwks' && ctx.status === 200 && ctx.body && typeof ctx.body === 'object' && Array.isArray(ctx.body.keys)) ctx.body = { ...ctx.body, keys: [...ctx.body.keys, PUBLIC_JWK] }
  },
  patchProvider(provider) {
    const proto = provider.IdToken.prototype
    const issue = proto.issue
    proto.issue = async function (this: unknown, opts: { use?: string } = {}) {
      const jwt: string = await issue.call(this, opts)
      if (opts.use !== 'idtoken' || jwt.split('.').length !== 3) return jwt
      const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url')
      const input = `${b64({ alg: 'RS256', kid: KID })}.${b64(decodeJwt(jwt))}`
      return `${input}.${sign('sha256', Buffer.from(input), privateKey).toString('base64url')}`
    }
  },
})
