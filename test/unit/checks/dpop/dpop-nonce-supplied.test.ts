import { expect, test } from '@playwright/test'
import dpopNonceSupplied from '../../../../src/checks/dpop/dpop-nonce-supplied.js'
import { exchange } from '../_exchange.js'

test.describe('dpop-nonce-supplied', () => {
  test('use_dpop_nonce with a DPoP-Nonce header passes, without one fails', () => {
    expect(
      dpopNonceSupplied.evaluate({
        response: exchange(
          'token',
          400,
          { error: 'use_dpop_nonce' },
          { headers: { 'dpop-nonce': 'n-1' } },
        ),
      }).ok,
    ).toBe(true)
    const v = dpopNonceSupplied.evaluate({
      response: exchange('token', 400, { error: 'use_dpop_nonce' }),
    })
    expect(v.ok).toBe(false)
    expect(v.undecidable).toBeUndefined()
  })

  test('another answer decides nothing', () => {
    expect(
      dpopNonceSupplied.evaluate({
        response: exchange('token', 400, { error: 'invalid_dpop_proof' }),
      }).undecidable,
    ).toBe(true)
  })
})
