import { expect, test } from '@playwright/test'
import { exportJWK, generateKeyPair, SignJWT, type JWTPayload } from 'jose'
import idTokenAud from '../../../../src/checks/id-token/id-token-aud.js'
import idTokenExpIat from '../../../../src/checks/id-token/id-token-exp-iat.js'
import idTokenIss from '../../../../src/checks/id-token/id-token-iss.js'
import idTokenNonce from '../../../../src/checks/id-token/id-token-nonce.js'
import idTokenSignature from '../../../../src/checks/id-token/id-token-signature.js'
import { AS, exchange } from '../_exchange.js'

const NOW = 1_800_000_000
const CLIENT = 'client-1'
const claims = (over: JWTPayload = {}): JWTPayload => ({
  iss: AS,
  sub: 'u1',
  aud: CLIENT,
  exp: NOW + 300,
  iat: NOW,
  nonce: 'n-1',
  ...over,
})

async function keyPair(kid = 'k1') {
  const { privateKey, publicKey } = await generateKeyPair('PS256', { extractable: true })
  return { privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg: 'PS256', use: 'sig' } }
}

async function idToken(
  payload: JWTPayload,
  key: CryptoKey | Awaited<ReturnType<typeof generateKeyPair>>['privateKey'],
  kid = 'k1',
  alg = 'PS256',
) {
  return new SignJWT(payload).setProtectedHeader({ alg, kid }).sign(key)
}

const tokenResponse = (id_token?: string) =>
  exchange('token', 200, {
    access_token: 'at',
    token_type: 'Bearer',
    ...(id_token ? { id_token } : {}),
  })

test('id-token-iss: the issuer passes; another value, a trailing slash or no iss fails', async () => {
  const { privateKey } = await keyPair()
  expect(
    idTokenIss.evaluate({
      tokenResponse: tokenResponse(await idToken(claims(), privateKey)),
      issuer: AS,
    }),
  ).toMatchObject({ ok: true })
  expect(
    idTokenIss.evaluate({
      tokenResponse: tokenResponse(await idToken(claims({ iss: `${AS}/` }), privateKey)),
      issuer: AS,
    }),
  ).toMatchObject({ ok: false, message: expect.stringContaining(`"${AS}/"`) })
  const { iss: _, ...noIss } = claims()
  expect(
    idTokenIss.evaluate({
      tokenResponse: tokenResponse(await idToken(noIss, privateKey)),
      issuer: AS,
    }),
  ).toMatchObject({ ok: false, message: expect.stringContaining('no iss') })
})

test('id-token-aud: the client_id as string or in an array passes; another audience fails', async () => {
  const { privateKey } = await keyPair()
  expect(
    idTokenAud.evaluate({
      tokenResponse: tokenResponse(await idToken(claims(), privateKey)),
      clientId: CLIENT,
    }),
  ).toMatchObject({ ok: true })
  expect(
    idTokenAud.evaluate({
      tokenResponse: tokenResponse(await idToken(claims({ aud: ['rs', CLIENT] }), privateKey)),
      clientId: CLIENT,
    }),
  ).toMatchObject({ ok: true })
  expect(
    idTokenAud.evaluate({
      tokenResponse: tokenResponse(await idToken(claims({ aud: 'client-2' }), privateKey)),
      clientId: CLIENT,
    }),
  ).toMatchObject({ ok: false, message: expect.stringContaining('does not contain') })
})

test('id-token-exp-iat: exp in the future and iat pass; expired, no exp or no iat fail', async () => {
  const { privateKey } = await keyPair()
  expect(
    idTokenExpIat.evaluate({
      tokenResponse: tokenResponse(await idToken(claims(), privateKey)),
      now: NOW,
    }),
  ).toMatchObject({ ok: true })
  expect(
    idTokenExpIat.evaluate({
      tokenResponse: tokenResponse(await idToken(claims({ exp: NOW - 3600 }), privateKey)),
      now: NOW,
    }),
  ).toMatchObject({ ok: false, message: expect.stringContaining('expired') })
  expect(
    idTokenExpIat.evaluate({
      tokenResponse: tokenResponse(await idToken(claims({ exp: NOW }), privateKey)),
      now: NOW,
    }),
  ).toMatchObject({ ok: false })
  const { iat: _, ...noIat } = claims()
  expect(
    idTokenExpIat.evaluate({
      tokenResponse: tokenResponse(await idToken(noIat, privateKey)),
      now: NOW,
    }),
  ).toMatchObject({ ok: false, message: expect.stringContaining('no iat') })
  const { exp: __, ...noExp } = claims()
  expect(
    idTokenExpIat.evaluate({
      tokenResponse: tokenResponse(await idToken(noExp, privateKey)),
      now: NOW,
    }),
  ).toMatchObject({ ok: false, message: expect.stringContaining('no exp') })
})

test('id-token-nonce: the nonce sent passes; dropped or changed fails; none sent passes', async () => {
  const { privateKey } = await keyPair()
  const { nonce: _, ...noNonce } = claims()
  expect(
    idTokenNonce.evaluate({
      tokenResponse: tokenResponse(await idToken(claims(), privateKey)),
      nonce: 'n-1',
    }),
  ).toMatchObject({ ok: true })
  expect(
    idTokenNonce.evaluate({
      tokenResponse: tokenResponse(await idToken(noNonce, privateKey)),
      nonce: 'n-1',
    }),
  ).toMatchObject({ ok: false, message: expect.stringContaining('drops the nonce') })
  expect(
    idTokenNonce.evaluate({
      tokenResponse: tokenResponse(await idToken(claims({ nonce: 'n-2' }), privateKey)),
      nonce: 'n-1',
    }),
  ).toMatchObject({ ok: false, message: expect.stringContaining('"n-2"') })
  expect(
    idTokenNonce.evaluate({ tokenResponse: tokenResponse(await idToken(noNonce, privateKey)) }),
  ).toMatchObject({ ok: true })
})

test('every ID Token check: no id_token or not a JWT fails; no token response or a refused one is undecidable', async () => {
  for (const v of [
    idTokenIss.evaluate({ tokenResponse: tokenResponse(), issuer: AS }),
    idTokenNonce.evaluate({ tokenResponse: tokenResponse(), nonce: 'n' }),
    await idTokenSignature.evaluate({ tokenResponse: tokenResponse() }),
  ]) {
    expect(v).toMatchObject({ ok: false, message: expect.stringContaining('no id_token') })
    expect(v.undecidable).toBeUndefined()
  }
  expect(
    idTokenAud.evaluate({ tokenResponse: tokenResponse('not-a-jwt'), clientId: CLIENT }),
  ).toMatchObject({ ok: false, message: expect.stringContaining('not a signed JWT') })
  expect(idTokenExpIat.evaluate({ failure: 'authorize: timeout' })).toMatchObject({
    ok: false,
    undecidable: true,
    message: expect.stringContaining('authorize: timeout'),
  })
  expect(
    idTokenIss.evaluate({
      tokenResponse: exchange('token', 400, { error: 'invalid_grant' }),
      issuer: AS,
    }),
  ).toMatchObject({ ok: false, undecidable: true })
})

test('id-token-signature: a key of the JWKS and an advertised alg pass; a foreign key, an unlisted alg, none, a missing JWKS do not', async () => {
  const as = await keyPair('k1')
  const other = await keyPair('k1')
  const jwks = exchange('jwks', 200, { keys: [as.jwk] })
  const good = await idToken(claims(), as.privateKey)
  expect(
    await idTokenSignature.evaluate({
      tokenResponse: tokenResponse(good),
      jwks,
      algs: ['PS256', 'ES256'],
    }),
  ).toMatchObject({ ok: true, message: expect.stringContaining('PS256') })
  // a key under the kid of the AS's key that the JWKS does not serve
  expect(
    await idTokenSignature.evaluate({
      tokenResponse: tokenResponse(await idToken(claims(), other.privateKey)),
      jwks,
      algs: ['PS256'],
    }),
  ).toMatchObject({ ok: false, message: expect.stringContaining('does not verify') })
  // a kid the JWKS does not have
  expect(
    await idTokenSignature.evaluate({
      tokenResponse: tokenResponse(await idToken(claims(), other.privateKey, 'k2')),
      jwks,
    }),
  ).toMatchObject({ ok: false, message: expect.stringContaining('no key of the jwks_uri') })
  expect(
    await idTokenSignature.evaluate({ tokenResponse: tokenResponse(good), jwks, algs: ['ES256'] }),
  ).toMatchObject({ ok: false, message: expect.stringContaining('does not list') })
  const unsigned = `${Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url')}.${Buffer.from(JSON.stringify(claims())).toString('base64url')}.`
  expect(
    await idTokenSignature.evaluate({ tokenResponse: tokenResponse(unsigned), jwks }),
  ).toMatchObject({ ok: false, message: expect.stringContaining('not signed') })
  expect(await idTokenSignature.evaluate({ tokenResponse: tokenResponse(good) })).toMatchObject({
    ok: false,
    undecidable: true,
    message: expect.stringContaining('no jwks_uri'),
  })
  expect(
    await idTokenSignature.evaluate({
      tokenResponse: tokenResponse(good),
      jwks: exchange('jwks', 500, 'oops'),
    }),
  ).toMatchObject({ ok: false, undecidable: true, message: expect.stringContaining('HTTP 500') })
})
