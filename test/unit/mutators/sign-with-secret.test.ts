import { expect, test } from '@playwright/test'
import { compactVerify } from 'jose'
import { signWithSecret } from '../../../src/mutators/sign-with-secret.js'
import { build, without } from './_assertion.js'

const SECRET = 'the-client-secret-of-at-least-32-bytes!!'
const OTHER = 'another-secret-that-is-not-the-clients!!'
const key = (s: string) => new TextEncoder().encode(s)

test.describe('signWithSecret', () => {
  test('MACs with the other secret and the same alg; the client secret no longer verifies', async () => {
    const signer = { mode: 'secret', secret: SECRET, alg: 'HS384' } as const
    const base = await build([], { signer })
    const m = await build([signWithSecret(OTHER)], { signer })
    expect(m.header).toEqual({ alg: 'HS384' })
    expect(without(m.payload)).toEqual(without(base.payload))
    await compactVerify(m.jws, key(OTHER), { algorithms: ['HS384'] })
    await expect(compactVerify(m.jws, key(SECRET), { algorithms: ['HS384'] })).rejects.toThrow()
  })

  test('label does not carry the secret', () => {
    expect(signWithSecret(OTHER).label).toBe('sign-with-secret(not the client secret)')
  })

  test('needs a secret signer', async () => {
    await expect(build([signWithSecret(OTHER)])).rejects.toThrow(TypeError)
  })
})
