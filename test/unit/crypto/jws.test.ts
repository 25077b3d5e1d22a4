import { expect, test } from '@playwright/test'
import { constants, createPublicKey, verify } from 'node:crypto'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { compactVerify, importJWK } from 'jose'
import { decodeJws, signJws } from '../../../src/crypto/jws.js'
import { getKey, rsaBits, type KeyPair } from '../../../src/crypto/keys.js'

process.env.FAPI_HARNESS_CACHE_DIR ??= join(tmpdir(), 'fapi-harness-unit-keys')

const PAYLOAD = {
  iss: 'c',
  sub: 'c',
  aud: 'https://as.example.com/token',
  iat: 1,
  exp: 61,
  jti: 'j',
}

function split(jws: string) {
  const [h, p, s] = jws.split('.') as [string, string, string]
  return {
    input: Buffer.from(`${h}.${p}`),
    sig: Buffer.from(s, 'base64url'),
    header: JSON.parse(Buffer.from(h, 'base64url').toString()),
  }
}

let rsa1024: KeyPair
test.beforeAll(() => {
  rsa1024 = getKey('RSA-1024', 0)
})

test.describe('signJws with RSA-1024 (through node:crypto, since jose refuses it)', () => {
  test('PS256 verifies with RSASSA-PSS (salt = hash length), not PKCS#1 v1.5', async () => {
    expect(rsaBits(rsa1024.privateJwk)).toBe(1024)
    const jws = await signJws({ kid: rsa1024.kid }, PAYLOAD, {
      mode: 'key',
      key: rsa1024,
      alg: 'PS256',
    })
    const { input, sig, header } = split(jws)
    expect(header).toEqual({ kid: rsa1024.kid, alg: 'PS256' })
    const pub = createPublicKey({ key: rsa1024.publicJwk as never, format: 'jwk' })
    expect(
      verify(
        'sha256',
        input,
        { key: pub, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 },
        sig,
      ),
    ).toBe(true)
    expect(verify('sha256', input, { key: pub, padding: constants.RSA_PKCS1_PADDING }, sig)).toBe(
      false,
    )
    expect(decodeJws(jws)?.payload).toEqual(PAYLOAD)
  })

  test('RS256 verifies with RSASSA-PKCS1-v1_5', async () => {
    const jws = await signJws({}, PAYLOAD, { mode: 'key', key: rsa1024, alg: 'RS256' })
    const { input, sig, header } = split(jws)
    expect(header).toEqual({ alg: 'RS256' })
    const pub = createPublicKey({ key: rsa1024.publicJwk as never, format: 'jwk' })
    expect(verify('sha256', input, { key: pub, padding: constants.RSA_PKCS1_PADDING }, sig)).toBe(
      true,
    )
  })

  test('PS384 uses SHA-384 with a 48-byte salt', async () => {
    const { input, sig } = split(
      await signJws({}, PAYLOAD, { mode: 'key', key: rsa1024, alg: 'PS384' }),
    )
    const pub = createPublicKey({ key: rsa1024.publicJwk as never, format: 'jwk' })
    expect(
      verify(
        'sha384',
        input,
        { key: pub, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 48 },
        sig,
      ),
    ).toBe(true)
  })

  test('a non-RSA alg with an RSA-1024 key is a TypeError', async () => {
    await expect(signJws({}, PAYLOAD, { mode: 'key', key: rsa1024, alg: 'ES256' })).rejects.toThrow(
      TypeError,
    )
  })
})

test.describe('signJws other modes', () => {
  test('RSA-2048 PS256 goes through jose and verifies', async () => {
    const key = getKey('RSA-2048', 0)
    const jws = await signJws({ kid: key.kid }, PAYLOAD, { mode: 'key', key, alg: 'PS256' })
    const { protectedHeader } = await compactVerify(jws, await importJWK(key.publicJwk, 'PS256'), {
      algorithms: ['PS256'],
    })
    expect(protectedHeader).toEqual({ kid: key.kid, alg: 'PS256' })
  })

  test('secret mode is an HMAC with the secret bytes', async () => {
    const jws = await signJws({}, PAYLOAD, { mode: 'secret', secret: 'x'.repeat(64), alg: 'HS384' })
    await compactVerify(jws, new TextEncoder().encode('x'.repeat(64)), { algorithms: ['HS384'] })
  })

  test('none mode: alg none overrides any alg in the header, empty signature', async () => {
    const jws = await signJws({ alg: 'PS256', kid: 'k' }, PAYLOAD, { mode: 'none' })
    expect(jws.endsWith('.')).toBe(true)
    expect(decodeJws(jws)).toEqual({ header: { alg: 'none', kid: 'k' }, payload: PAYLOAD })
  })

  test('decodeJws returns undefined for garbage', () => {
    expect(decodeJws('not-a-jws')).toBeUndefined()
    expect(decodeJws('e30.bm90IGpzb24.')).toBeUndefined()
  })
})
