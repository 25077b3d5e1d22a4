import { expect, test } from '@playwright/test'
import { signWithKey } from '../../../src/mutators/sign-with-key.js'
import { unsigned } from '../../../src/mutators/unsigned.js'
import { getKey } from '../../../src/crypto/keys.js'
import { build, without } from './_assertion.js'

test.describe('unsigned', () => {
  test('alg none, no kid, empty signature, claims unchanged', async () => {
    const base = await build([])
    const m = await build([unsigned()])
    expect(m.header).toEqual({ alg: 'none' })
    expect(m.jws.endsWith('.')).toBe(true)
    expect(m.jws.split('.')).toHaveLength(3)
    expect(m.signature.length).toBe(0)
    expect(without(m.payload)).toEqual(without(base.payload))
  })

  test('applied after another signer mutator, it wins (mutators run in order)', async () => {
    const m = await build([signWithKey(getKey('RSA-2048', 1)), unsigned()])
    expect(m.header).toEqual({ alg: 'none' })
    expect(m.signature.length).toBe(0)
  })
})
