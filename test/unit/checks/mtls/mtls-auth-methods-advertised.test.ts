import { expect, test } from '@playwright/test'
import advertised from '../../../../src/checks/mtls/mtls-auth-methods-advertised.js'

const meta = (methods?: string[]) => ({
  issuer: 'https://as',
  token_endpoint: 'https://as/token',
  ...(methods ? { token_endpoint_auth_methods_supported: methods } : {}),
})
const MTLS = ['tls_client_auth', 'self_signed_tls_client_auth']

test.describe('mtls-auth-methods-advertised', () => {
  test('both listed passes', () => {
    const v = advertised.evaluate({ metadata: meta(['private_key_jwt', ...MTLS]), methods: MTLS })
    expect(v.ok).toBe(true)
  })

  test('one missing fails, naming it', () => {
    const v = advertised.evaluate({
      metadata: meta(['private_key_jwt', 'tls_client_auth']),
      methods: MTLS,
    })
    expect(v.ok).toBe(false)
    expect(v.evidence).toEqual({
      listed: ['private_key_jwt', 'tls_client_auth'],
      missing: ['self_signed_tls_client_auth'],
    })
  })

  test('an absent list means client_secret_basic only', () => {
    const v = advertised.evaluate({ metadata: meta(), methods: MTLS })
    expect(v.ok).toBe(false)
    expect(v.evidence).toMatchObject({ listed: ['client_secret_basic'] })
  })
})
