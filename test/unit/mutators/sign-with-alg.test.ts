import { expect, test } from '@playwright/test'
import { constants, createPublicKey, verify } from 'node:crypto'
import { compactVerify, importJWK } from 'jose'
import { signWithAlg } from '../../../src/mutators/sign-with-alg.js'
import { build, registered, without } from './_assertion.js'

test.describe('signWithAlg', () => {
  test('RS256: header alg changes, kid and claims stay, RSASSA-PKCS1-v1_5 signature', async () => {
    const base = await build([])
    const m = await build([signWithAlg('RS256')])
    expect(m.header).toEqual({ ...base.header, alg: 'RS256' })
    expect(without(m.payload)).toEqual(without(base.payload))
    const pub = createPublicKey({ key: registered().publicJwk as never, format: 'jwk' })
    expect(
      verify(
        'sha256',
        Buffer.from(m.input),
        { key: pub, padding: constants.RSA_PKCS1_PADDING },
        m.signature,
      ),
    ).toBe(true)
    expect(
      verify(
        'sha256',
        Buffer.from(m.input),
        { key: pub, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 },
        m.signature,
      ),
    ).toBe(false)
    await compactVerify(m.jws, await importJWK(registered().publicJwk, 'RS256'), {
      algorithms: ['RS256'],
    })
  })

  test('the PS256 baseline is not a PKCS#1 v1.5 signature', async () => {
    const base = await build([])
    const pub = createPublicKey({ key: registered().publicJwk as never, format: 'jwk' })
    expect(
      verify(
        'sha256',
        Buffer.from(base.input),
        { key: pub, padding: constants.RSA_PKCS1_PADDING },
        base.signature,
      ),
    ).toBe(false)
  })

  test('PS512 uses SHA-512 PSS', async () => {
    const m = await build([signWithAlg('PS512')])
    expect(m.header.alg).toBe('PS512')
    await compactVerify(m.jws, await importJWK(registered().publicJwk, 'PS512'), {
      algorithms: ['PS512'],
    })
  })

  test('needs a key signer', async () => {
    await expect(
      build([signWithAlg('RS256')], {
        signer: { mode: 'secret', secret: 's'.repeat(32), alg: 'HS256' },
      }),
    ).rejects.toThrow(TypeError)
  })
})
