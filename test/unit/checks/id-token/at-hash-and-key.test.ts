import { expect, test } from '@playwright/test'
import { generateKeyPairSync } from 'node:crypto'
import { exportJWK, generateKeyPair, SignJWT, type JWTPayload } from 'jose'
import idTokenAtHash, { atHash } from '../../../../src/checks/id-token/id-token-at-hash.js'
import idTokenSigningKey from '../../../../src/checks/id-token/id-token-signing-key.js'
import { exchange } from '../_exchange.js'

const { privateKey } = await generateKeyPair('PS256', { extractable: true })
const sign = (
  payload: JWTPayload,
  header: { alg: string; kid?: string } = { alg: 'PS256', kid: 'k1' },
) => new SignJWT(payload).setProtectedHeader(header).sign(privateKey)
const tokenResponse = (id_token: string, access_token = 'dNZX1hEZ9wBCzNL40Upu646bdzQA') =>
  exchange('token', 200, { access_token, token_type: 'Bearer', id_token })
const jwks = (keys: unknown[]) => exchange('jwks', 200, { keys })

test('atHash: the left half of SHA-256 of the access token (the published RS256 example)', () => {
  expect(atHash('dNZX1hEZ9wBCzNL40Upu646bdzQA', 'sha256')).toBe('wfgvmE9VxjAudsl9lc6TqA')
})

test('id-token-at-hash: absent passes (OPTIONAL); the right value passes; another fails', async () => {
  expect(
    idTokenAtHash.evaluate({ tokenResponse: tokenResponse(await sign({ sub: 'u' })) }),
  ).toMatchObject({ ok: true, message: expect.stringContaining('OPTIONAL') })
  expect(
    idTokenAtHash.evaluate({
      tokenResponse: tokenResponse(await sign({ sub: 'u', at_hash: 'wfgvmE9VxjAudsl9lc6TqA' })),
    }),
  ).toMatchObject({ ok: true })
  expect(
    idTokenAtHash.evaluate({
      tokenResponse: tokenResponse(
        await sign({ sub: 'u', at_hash: 'wfgvmE9VxjAudsl9lc6TqA' }),
        'another-token',
      ),
    }),
  ).toMatchObject({ ok: false })
})

test('id-token-signing-key: the key of the kid is measured; RSA under the minimum and an ES256 key off P-256 fail', async () => {
  const minBits = { RSA: 2048, EC: 256 }
  const rsa = (bits: number, kid: string) => ({
    ...generateKeyPairSync('rsa', { modulusLength: bits }).publicKey.export({ format: 'jwk' }),
    kid,
  })
  const idt = await sign({ sub: 'u' })
  expect(
    idTokenSigningKey.evaluate({
      tokenResponse: tokenResponse(idt),
      jwks: jwks([rsa(1024, 'other'), rsa(2048, 'k1')]),
      minBits,
    }),
  ).toMatchObject({ ok: true, message: 'an RSA key of 2048 bits' })
  expect(
    idTokenSigningKey.evaluate({
      tokenResponse: tokenResponse(idt),
      jwks: jwks([rsa(1024, 'k1')]),
      minBits,
    }),
  ).toMatchObject({ ok: false, message: expect.stringContaining('1024 bits') })
  expect(
    idTokenSigningKey.evaluate({
      tokenResponse: tokenResponse(idt),
      jwks: jwks([rsa(2048, 'nope')]),
      minBits,
    }),
  ).toMatchObject({ ok: false, undecidable: true })
  const es = await generateKeyPair('ES384', { extractable: true })
  const p384 = { ...(await exportJWK(es.publicKey)), kid: 'e1' }
  const esToken = await new SignJWT({ sub: 'u' })
    .setProtectedHeader({ alg: 'ES384', kid: 'e1' })
    .sign(es.privateKey)
  expect(
    idTokenSigningKey.evaluate({
      tokenResponse: tokenResponse(esToken),
      jwks: jwks([p384]),
      minBits,
    }),
  ).toMatchObject({ ok: true })
  // an ES256 header over a P-384 key: the alg's curve is P-256 (RFC 7518 §3.4)
  const forged = `${Buffer.from(JSON.stringify({ alg: 'ES256', kid: 'e1' })).toString('base64url')}.${esToken.split('.')[1]}.${esToken.split('.')[2]}`
  expect(
    idTokenSigningKey.evaluate({
      tokenResponse: tokenResponse(forged),
      jwks: jwks([p384]),
      minBits,
    }),
  ).toMatchObject({ ok: false, message: expect.stringContaining('P-256') })
})
