import { expect, test } from '@playwright/test'
import { PROFILES } from '../../../profiles/index.js'
import type { ServerMetadata } from '../../../src/client/types.js'
import { hmacAlg } from '../../../suites/client-authentication/client-secret-jwt.js'

const meta = (methods: string[], algs: string[]): ServerMetadata => ({
  issuer: 'https://as.example.com',
  token_endpoint: 'https://as.example.com/token',
  token_endpoint_auth_methods_supported: methods,
  token_endpoint_auth_signing_alg_values_supported: algs,
})

test.describe('client_secret_jwt modules: the HMAC algorithm', () => {
  test('the first advertised of HS256, HS384, HS512', () => {
    expect(hmacAlg(PROFILES.oauth2, meta(['client_secret_jwt'], ['PS256', 'HS512', 'HS384']))).toBe(
      'HS384',
    )
    expect(
      hmacAlg(
        PROFILES['fapi1-baseline'],
        meta(['client_secret_jwt', 'private_key_jwt'], ['PS256', 'HS256']),
      ),
    ).toBe('HS256')
  })

  test('not applicable without an advertised HMAC algorithm, or without the method', () => {
    expect(hmacAlg(PROFILES.oidc, meta(['client_secret_jwt'], ['PS256']))).toHaveProperty(
      'notApplicable',
    )
    expect(hmacAlg(PROFILES.oidc, meta(['private_key_jwt'], ['HS256', 'PS256']))).toHaveProperty(
      'notApplicable',
    )
  })

  test('not applicable where the profile forbids client_secret_jwt (its auth-method module judges that)', () => {
    const na = hmacAlg(
      PROFILES['fapi1-advanced'],
      meta(['client_secret_jwt', 'private_key_jwt'], ['HS256', 'PS256']),
    )
    expect(na).toHaveProperty('notApplicable')
    expect((na as { notApplicable: string }).notApplicable).toMatch(/forbids client_secret_jwt/)
  })
})
