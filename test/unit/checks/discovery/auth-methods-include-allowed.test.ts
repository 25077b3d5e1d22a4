import { expect, test } from '@playwright/test'
import authMethodsIncludeAllowed from '../../../../src/checks/discovery/auth-methods-include-allowed.js'
import { metadata } from './_metadata.js'

const FAPI = ['private_key_jwt', 'tls_client_auth', 'self_signed_tls_client_auth']

test.describe('auth-methods-include-allowed', () => {
  test('passes when one allowed method is advertised among others', () => {
    const v = authMethodsIncludeAllowed.evaluate({
      metadata: metadata({
        token_endpoint_auth_methods_supported: ['client_secret_basic', 'private_key_jwt'],
      }),
      allowed: FAPI,
    })
    expect(v.ok).toBe(true)
  })

  test('fails when no allowed method is advertised', () => {
    const listed = ['client_secret_basic', 'client_secret_post']
    const v = authMethodsIncludeAllowed.evaluate({
      metadata: metadata({ token_endpoint_auth_methods_supported: listed }),
      allowed: FAPI,
    })
    expect(v.ok).toBe(false)
    expect(v.undecidable).toBeUndefined()
    expect(v.evidence).toEqual({ listed, allowed: FAPI })
  })

  test('an absent list means client_secret_basic (RFC 8414 §2)', () => {
    const v = authMethodsIncludeAllowed.evaluate({ metadata: metadata(), allowed: FAPI })
    expect(v.ok).toBe(false)
    expect(v.evidence).toEqual({ listed: ['client_secret_basic'], allowed: FAPI })
    expect(
      authMethodsIncludeAllowed.evaluate({ metadata: metadata(), allowed: ['client_secret_basic'] })
        .ok,
    ).toBe(true)
  })
})
