import { expect, test } from '@playwright/test'
import validate from '../../../../src/checks/mtls/validate-mtls-endpoint-aliases.js'

const meta = (aliases: unknown) =>
  ({
    issuer: 'https://as',
    token_endpoint: 'https://as/token',
    ...(aliases === undefined ? {} : { mtls_endpoint_aliases: aliases }),
  }) as never

test.describe('validate-mtls-endpoint-aliases', () => {
  test('https endpoint URLs pass', () => {
    const v = validate.evaluate({
      metadata: meta({
        token_endpoint: 'https://mtls.as/token',
        introspection_endpoint: 'https://mtls.as/introspect',
      }),
    })
    expect(v.ok).toBe(true)
    expect(v.evidence).toEqual({ names: ['token_endpoint', 'introspection_endpoint'] })
  })

  test('http scheme, a fragment, a relative URL and a non-endpoint name each fail', () => {
    const v = validate.evaluate({
      metadata: meta({
        token_endpoint: 'http://mtls.as/token',
        revocation_endpoint: 'https://mtls.as/r#x',
        introspection_endpoint: '/introspect',
        issuer: 'https://mtls.as',
      }),
    })
    expect(v.ok).toBe(false)
    expect(v.undecidable).toBeUndefined()
    expect((v.evidence as { problems: string[] }).problems).toHaveLength(4)
  })

  test('not an object, or empty, fails', () => {
    expect(validate.evaluate({ metadata: meta(['https://mtls.as/token']) }).ok).toBe(false)
    expect(validate.evaluate({ metadata: meta('https://mtls.as/token') }).ok).toBe(false)
    expect(validate.evaluate({ metadata: meta({}) }).ok).toBe(false)
    expect(validate.evaluate({ metadata: meta(null) }).ok).toBe(false)
  })

  test('absent is undecidable (the module reports it as not applicable)', () => {
    expect(validate.evaluate({ metadata: meta(undefined) }).undecidable).toBe(true)
  })
})
