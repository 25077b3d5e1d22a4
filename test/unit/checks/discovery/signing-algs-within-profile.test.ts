import { expect, test } from '@playwright/test'
import signingAlgsWithinProfile from '../../../../src/checks/discovery/signing-algs-within-profile.js'
import { metadata } from './_metadata.js'

const ALLOWED = ['PS256', 'ES256']

test.describe('signing-algs-within-profile', () => {
  test('passes when every advertised alg is allowed', () => {
    expect(
      signingAlgsWithinProfile.evaluate({
        metadata: metadata({ token_endpoint_auth_signing_alg_values_supported: ['PS256'] }),
        allowed: ALLOWED,
      }).ok,
    ).toBe(true)
  })

  test('fails when a forbidden alg is advertised', () => {
    const listed = ['PS256', 'RS256']
    const v = signingAlgsWithinProfile.evaluate({
      metadata: metadata({ token_endpoint_auth_signing_alg_values_supported: listed }),
      allowed: ALLOWED,
    })
    expect(v.ok).toBe(false)
    expect(v.undecidable).toBeUndefined()
    expect(v.evidence).toEqual({ listed, allowed: ALLOWED, forbidden: ['RS256'] })
  })

  test('passes when nothing is advertised', () => {
    expect(signingAlgsWithinProfile.evaluate({ metadata: metadata(), allowed: ALLOWED }).ok).toBe(
      true,
    )
  })
})
