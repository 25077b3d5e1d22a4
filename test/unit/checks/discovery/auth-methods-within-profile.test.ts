import { expect, test } from '@playwright/test'
import authMethodsWithinProfile from '../../../../src/checks/discovery/auth-methods-within-profile.js'
import { metadata } from './_metadata.js'

const FAPI = ['private_key_jwt', 'tls_client_auth', 'self_signed_tls_client_auth']

test.describe('auth-methods-within-profile', () => {
  test('passes when every advertised method is allowed', () => {
    const v = authMethodsWithinProfile.evaluate({
      metadata: metadata({
        token_endpoint_auth_methods_supported: ['private_key_jwt', 'tls_client_auth'],
      }),
      allowed: FAPI,
    })
    expect(v.ok).toBe(true)
    expect(v.evidence).toEqual({ listed: ['private_key_jwt', 'tls_client_auth'] })
  })

  test('fails naming the forbidden methods', () => {
    const listed = ['private_key_jwt', 'client_secret_basic', 'client_secret_post']
    const v = authMethodsWithinProfile.evaluate({
      metadata: metadata({ token_endpoint_auth_methods_supported: listed }),
      allowed: FAPI,
    })
    expect(v.ok).toBe(false)
    expect(v.undecidable).toBeUndefined()
    expect(v.evidence).toEqual({
      listed,
      allowed: FAPI,
      forbidden: ['client_secret_basic', 'client_secret_post'],
      defaulted: false,
    })
  })

  test('an absent list defaults to client_secret_basic and is flagged as defaulted', () => {
    const v = authMethodsWithinProfile.evaluate({ metadata: metadata(), allowed: FAPI })
    expect(v.ok).toBe(false)
    expect(v.evidence).toEqual({
      listed: ['client_secret_basic'],
      allowed: FAPI,
      forbidden: ['client_secret_basic'],
      defaulted: true,
    })
  })
})
