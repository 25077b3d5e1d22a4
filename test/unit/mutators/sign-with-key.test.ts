import { expect, test } from '@playwright/test'
import { compactVerify, importJWK } from 'jose'
import { getKey } from '../../../src/crypto/keys.js'
import { signWithKey } from '../../../src/mutators/sign-with-key.js'
import { build, registered, without } from './_assertion.js'

test.describe('signWithKey', () => {
  test('kid becomes the other key; verifies with the other key only', async () => {
    const other = getKey('RSA-2048', 1)
    expect(other.kid).not.toBe(registered().kid)
    const base = await build([])
    const m = await build([signWithKey(other)])
    expect(m.header).toEqual({ alg: 'PS256', kid: other.kid })
    expect(without(m.payload)).toEqual(without(base.payload))
    await compactVerify(m.jws, await importJWK(other.publicJwk, 'PS256'))
    await expect(
      compactVerify(m.jws, await importJWK(registered().publicJwk, 'PS256')),
    ).rejects.toThrow()
  })

  test('label names the key kind', () => {
    expect(signWithKey(getKey('RSA-2048', 1)).label).toBe('sign-with-key(RSA-2048, unregistered)')
  })

  test('needs a key signer', async () => {
    await expect(
      build([signWithKey(getKey('RSA-2048', 1))], { signer: { mode: 'none' } }),
    ).rejects.toThrow(TypeError)
  })
})
