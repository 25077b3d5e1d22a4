import { expect, test } from '@playwright/test'
import signingAlgsListedForJwtMethods from '../../../../src/checks/discovery/signing-algs-listed-for-jwt-methods.js'
import { metadata } from './_metadata.js'

test.describe('signing-algs-listed-for-jwt-methods (RFC 8414 §2)', () => {
  for (const method of ['private_key_jwt', 'client_secret_jwt']) {
    test(`${method} without token_endpoint_auth_signing_alg_values_supported fails`, () => {
      const v = signingAlgsListedForJwtMethods.evaluate({
        metadata: metadata({ token_endpoint_auth_methods_supported: ['tls_client_auth', method] }),
      })
      expect(v.ok).toBe(false)
      expect(v.undecidable).toBeUndefined()
      expect(v.evidence).toEqual({ jwtMethods: [method], algs: null })
    })
  }

  test('an empty algorithm list names no algorithm and fails', () => {
    const v = signingAlgsListedForJwtMethods.evaluate({
      metadata: metadata({
        token_endpoint_auth_methods_supported: ['private_key_jwt'],
        token_endpoint_auth_signing_alg_values_supported: [],
      }),
    })
    expect(v.ok).toBe(false)
    expect(v.evidence).toEqual({ jwtMethods: ['private_key_jwt'], algs: [] })
  })

  test('passes when the algorithms are listed with a JWT method', () => {
    const v = signingAlgsListedForJwtMethods.evaluate({
      metadata: metadata({
        token_endpoint_auth_methods_supported: ['private_key_jwt'],
        token_endpoint_auth_signing_alg_values_supported: ['PS256'],
      }),
    })
    expect(v.ok).toBe(true)
  })

  test('no JWT method, no list needed (mTLS only, or the client_secret_basic default)', () => {
    expect(
      signingAlgsListedForJwtMethods.evaluate({
        metadata: metadata({
          token_endpoint_auth_methods_supported: ['tls_client_auth', 'self_signed_tls_client_auth'],
        }),
      }).ok,
    ).toBe(true)
    expect(signingAlgsListedForJwtMethods.evaluate({ metadata: metadata() }).ok).toBe(true)
  })
})
