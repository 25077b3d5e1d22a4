import { expect, test } from '@playwright/test'
import { compactVerify, importJWK } from 'jose'
import { dropClaim } from '../../../src/mutators/drop-claim.js'
import { build, registered, without } from './_assertion.js'

test.describe('dropClaim', () => {
  for (const claim of ['jti', 'exp', 'iss', 'sub', 'aud', 'iat']) {
    test(`removes ${claim} and nothing else`, async () => {
      const base = await build([])
      const m = await build([dropClaim(claim)])
      expect(claim in m.payload).toBe(false)
      expect(without(m.payload, claim)).toEqual(without(base.payload, claim))
      expect(m.header).toEqual(base.header)
      await compactVerify(m.jws, await importJWK(registered().publicJwk, 'PS256'))
    })
  }

  test('dropping an absent claim changes nothing', async () => {
    const base = await build([])
    const m = await build([dropClaim('nbf')])
    expect(without(m.payload)).toEqual(without(base.payload))
    expect(typeof m.payload.jti).toBe('string')
  })
})
