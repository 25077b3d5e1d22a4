// Violates RFC 7518 §3.5 (RFC7518-3.5): "A key of size 2048 bits or larger MUST be used with these
// algorithms." — binding whoever signs with PS256, here the AS signing its JARM responses (FAPI 1.0
// Part 1 §5.2.2-5, taken in by Part 2, requires 2048-bit RSA keys too). Broken by a middleware (c)
// and a patch (b): the jwks_uri also serves a 1024-bit RSA key, and every JARM response is signed
// again with it under PS256 (node:crypto: jose refuses to sign with a key this short).
import { constants, generateKeyPairSync, sign } from 'node:crypto'
import { decodeJwt } from 'jose'
import { defineMutant } from '../../src/reference-as/mutant.js'

const KID = 'fapi-harness-jarm-rsa-1024'
const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 1024 })
const PUBLIC_JWK = { ...publicKey.export({ format: 'jwk' }), kid: KID, alg: 'PS256', use: 'sig' }

export default defineMutant({
  id: 'jarm-short-rsa-key',
  module: import.meta.url,
  description: 'fapi1-advanced signs JARM responses with a 1024-bit RSA key it publishes in its jwks_uri',
  profiles: ['fapi1-advanced'],
  expectFailures: {
    'fapi1-advanced': ['jarm-code-flow'],
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
      if (opts.use !== 'authorization' || jwt.split('.').length !== 3) return jwt
      const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url')
      const input = `${b64({ alg: 'PS256', kid: KID })}.${b64(decodeJwt(jwt))}`
      const signature = sign('sha256', Buffer.from(input), { key: privateKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 })
      return `${input}.${signature.toString('base64url')}`
    }
  },
})
