import { expect, test } from '@playwright/test'
import signingAlgsIncludeAllowed from '../../../../src/checks/discovery/signing-algs-include-allowed.js'
import { metadata } from './_metadata.js'

const FAPI1 = ['PS256', 'ES256']

test.describe('signing-algs-include-allowed', () => {
  test('passes when one allowed alg is advertised among others', () => {
    const v = signingAlgsIncludeAllowed.evaluate({
      metadata: metadata({ token_endpoint_auth_signing_alg_values_supported: ['RS256', 'ES256'] }),
      allowed: FAPI1,
    })
    expect(v.ok).toBe(true)
    expect(v.message).toBe('offers ES256')
  })

  test('fails when only algorithms outside the profile are advertised', () => {
    const listed = ['RS256', 'HS256']
    const v = signingAlgsIncludeAllowed.evaluate({
      metadata: metadata({ token_endpoint_auth_signing_alg_values_supported: listed }),
      allowed: FAPI1,
    })
    expect(v.ok).toBe(false)
    expect(v.undecidable).toBeUndefined()
    expect(v.evidence).toEqual({ listed, allowed: FAPI1 })
  })

  test('an absent list offers nothing', () => {
    const v = signingAlgsIncludeAllowed.evaluate({ metadata: metadata(), allowed: FAPI1 })
    expect(v.ok).toBe(false)
    expect(v.evidence).toEqual({ listed: [], allowed: FAPI1 })
  })

  test('EdDSA alone satisfies FAPI 2.0', () => {
    expect(
      signingAlgsIncludeAllowed.evaluate({
        metadata: metadata({ token_endpoint_auth_signing_alg_values_supported: ['EdDSA'] }),
        allowed: ['PS256', 'ES256', 'EdDSA'],
      }).ok,
    ).toBe(true)
  })
})
