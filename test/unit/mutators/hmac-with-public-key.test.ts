import { expect, test } from '@playwright/test'
import { createHmac, createPublicKey } from 'node:crypto'
import { compactVerify } from 'jose'
import { hmacWithPublicKey } from '../../../src/mutators/hmac-with-public-key.js'
import { build, registered, without } from './_assertion.js'

test.describe('hmacWithPublicKey', () => {
  test('HS256 keyed with the SPKI PEM of the registered public key', async () => {
    const base = await build([])
    const m = await build([hmacWithPublicKey()])
    expect(m.header).toEqual({ alg: 'HS256', kid: registered().kid })
    expect(without(m.payload)).toEqual(without(base.payload))
    const pem = createPublicKey({ key: registered().publicJwk as never, format: 'jwk' }).export({
      type: 'spki',
      format: 'pem',
    }) as string
    expect(pem.startsWith('-----BEGIN PUBLIC KEY-----')).toBe(true)
    const expected = createHmac('sha256', pem).update(m.input).digest()
    expect(m.signature.equals(expected)).toBe(true)
    await compactVerify(m.jws, new TextEncoder().encode(pem), { algorithms: ['HS256'] })
  })

  test('needs a key signer', async () => {
    await expect(build([hmacWithPublicKey()], { signer: { mode: 'none' } })).rejects.toThrow(
      TypeError,
    )
  })
})
