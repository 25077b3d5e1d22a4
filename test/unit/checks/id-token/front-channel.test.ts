import { createHash } from 'node:crypto'
import { expect, test } from '@playwright/test'
import { exportJWK, generateKeyPair, SignJWT, type JWTPayload } from 'jose'
import idTokenCHash from '../../../../src/checks/id-token/id-token-c-hash.js'
import idTokenSHash from '../../../../src/checks/id-token/id-token-s-hash.js'
import idTokenSigningAlg from '../../../../src/checks/id-token/id-token-signing-alg.js'
import { leftHalfHash } from '../../../../src/checks/id-token/id-token.js'
import { exchange } from '../_exchange.js'

const CODE = 'the-code'
const STATE = 'fapi-harness-state'
const half = (v: string, h = 'sha256') => {
  const d = createHash(h).update(v).digest()
  return d.subarray(0, d.length / 2).toString('base64url')
}

async function signed(payload: JWTPayload, alg = 'PS256', kid = 'k1') {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true })
  const jwt = await new SignJWT(payload).setProtectedHeader({ alg, kid }).sign(privateKey)
  return { jwt, jwk: { ...(await exportJWK(publicKey)), kid, use: 'sig' } }
}

test('leftHalfHash: the left half of the hash of the alg, base64url (OIDC Core §3.3.2.11)', () => {
  expect(leftHalfHash(CODE, 'PS256')).toBe(half(CODE))
  expect(leftHalfHash(CODE, 'ES384')).toBe(half(CODE, 'sha384'))
  expect(leftHalfHash(CODE, 'EdDSA')).toBe(half(CODE, 'sha512'))
  expect(leftHalfHash(CODE, 'none')).toBeUndefined()
})

test('id-token-c-hash: the hash of the code passes; another hash or none fails; no code is undecidable', async () => {
  expect(
    idTokenCHash.evaluate({ idToken: (await signed({ c_hash: half(CODE) })).jwt, code: CODE }),
  ).toMatchObject({ ok: true })
  expect(
    idTokenCHash.evaluate({ idToken: (await signed({ c_hash: half('other') })).jwt, code: CODE }),
  ).toMatchObject({ ok: false, message: expect.stringContaining('not the hash') })
  expect(idTokenCHash.evaluate({ idToken: (await signed({})).jwt, code: CODE })).toMatchObject({
    ok: false,
    message: expect.stringContaining('no c_hash'),
  })
  expect(
    idTokenCHash.evaluate({ idToken: (await signed({ c_hash: half(CODE) })).jwt }),
  ).toMatchObject({ ok: false, undecidable: true })
  expect(idTokenCHash.evaluate({ idToken: '', code: CODE })).toMatchObject({
    ok: false,
    message: expect.stringContaining('not a signed JWT'),
  })
})

test('id-token-s-hash: the hash of the state sent passes; missing or wrong fails; no state sent is undecidable', async () => {
  expect(
    idTokenSHash.evaluate({
      idToken: (await signed({ s_hash: half(STATE) }, 'ES256')).jwt,
      state: STATE,
    }),
  ).toMatchObject({ ok: true })
  expect(idTokenSHash.evaluate({ idToken: (await signed({})).jwt, state: STATE })).toMatchObject({
    ok: false,
    message: expect.stringContaining('no s_hash'),
  })
  expect(
    idTokenSHash.evaluate({ idToken: (await signed({ s_hash: half('x') })).jwt, state: STATE }),
  ).toMatchObject({ ok: false })
  expect(
    idTokenSHash.evaluate({ idToken: (await signed({ s_hash: half(STATE) })).jwt }),
  ).toMatchObject({ undecidable: true })
})

test('id-token-signing-alg: PS256 by a 2048-bit key passes; RS256, or a key below the minimum, fails', async () => {
  const ps = await signed({}, 'PS256')
  const jwks = (jwk: object) => exchange('jwks', 200, { keys: [jwk] })
  const input = { allowed: ['PS256', 'ES256'], minRsaBits: 2048, minEcBits: 256 }
  expect(
    idTokenSigningAlg.evaluate({ ...input, idToken: ps.jwt, jwks: jwks(ps.jwk) }),
  ).toMatchObject({ ok: true, message: expect.stringContaining('2048-bit RSA') })
  const rs = await signed({}, 'RS256')
  expect(
    idTokenSigningAlg.evaluate({ ...input, idToken: rs.jwt, jwks: jwks(rs.jwk) }),
  ).toMatchObject({ ok: false, message: expect.stringContaining('RS256') })
  expect(
    idTokenSigningAlg.evaluate({ ...input, minRsaBits: 3072, idToken: ps.jwt, jwks: jwks(ps.jwk) }),
  ).toMatchObject({ ok: false, message: expect.stringContaining('at least 3072') })
  const es = await signed({}, 'ES256')
  expect(
    idTokenSigningAlg.evaluate({ ...input, idToken: es.jwt, jwks: jwks(es.jwk) }),
  ).toMatchObject({ ok: true, message: expect.stringContaining('256-bit EC') })
  expect(idTokenSigningAlg.evaluate({ ...input, idToken: ps.jwt })).toMatchObject({
    undecidable: true,
  })
})
