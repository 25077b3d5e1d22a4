import { expect, test } from '@playwright/test'
import { compactVerify, importJWK } from 'jose'
import { setClaim } from '../../../src/mutators/set-claim.js'
import { build, registered, without } from './_assertion.js'

test.describe('setClaim', () => {
  test('overwrites iss only (sub keeps the client_id)', async () => {
    const base = await build([])
    const m = await build([setClaim('iss', 'someone-else')])
    expect(m.payload.iss).toBe('someone-else')
    expect(m.payload.sub).toBe('client-1')
    expect(without(m.payload, 'iss')).toEqual(without(base.payload, 'iss'))
    expect(m.header).toEqual(base.header)
    await compactVerify(m.jws, await importJWK(registered().publicJwk, 'PS256'))
  })

  test('overwrites jti with a fixed value', async () => {
    const a = await build([setClaim('jti', 'fixed')])
    const b = await build([setClaim('jti', 'fixed')])
    expect([a.payload.jti, b.payload.jti]).toEqual(['fixed', 'fixed'])
  })

  test('adds a claim that was absent, keeping non-string values', async () => {
    const m = await build([setClaim('nbf', 123)])
    expect(m.payload.nbf).toBe(123)
  })
})
