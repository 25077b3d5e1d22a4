import { expect, test } from '@playwright/test'
import validateDiscoveryMetadata from '../../../../src/checks/discovery/validate-discovery-metadata.js'
import type { Exchange } from '../../../../src/suite/result.js'
import { exchange, transportFailure } from '../_exchange.js'
import { ISSUER, metadata } from './_metadata.js'

const doc = (status: number, body: unknown, contentType?: string): Exchange => ({
  ...exchange('discovery', status, body, contentType ? { contentType } : {}),
  request: { method: 'GET', url: `${ISSUER}/.well-known/openid-configuration`, headers: {} },
})

test.describe('validate-discovery-metadata', () => {
  test('well-formed metadata passes, unknown members allowed', () => {
    const v = validateDiscoveryMetadata.evaluate({
      response: doc(
        200,
        metadata({
          token_endpoint_auth_methods_supported: ['private_key_jwt'],
          backchannel_token_delivery_modes_supported: ['poll'],
          x_vendor: { a: 1 },
        }),
      ),
    })
    expect(v.ok).toBe(true)
  })

  test('non-200 fails with the status', () => {
    const v = validateDiscoveryMetadata.evaluate({ response: doc(404, { error: 'not_found' }) })
    expect(v.ok).toBe(false)
    expect(v.evidence).toEqual({ status: 404 })
  })

  test('a non-JSON body fails', () => {
    const v = validateDiscoveryMetadata.evaluate({ response: doc(200, '<html></html>') })
    expect(v.ok).toBe(false)
    expect(v.undecidable).toBeUndefined()
  })

  const errorsOf = (v: { evidence?: Record<string, unknown> }) =>
    (v.evidence?.errors as Array<{ instancePath: string; keyword: string }>).map(
      (e) => `${e.instancePath}:${e.keyword}`,
    )

  test('an http issuer fails with the schema error as evidence', () => {
    const v = validateDiscoveryMetadata.evaluate({
      response: doc(200, metadata({ issuer: 'http://as.example.com' })),
    })
    expect(v.ok).toBe(false)
    expect(errorsOf(v)).toEqual(['/issuer:pattern'])
  })

  test('a missing token_endpoint and an ill-typed member are all reported', () => {
    const m: Record<string, unknown> = {
      issuer: ISSUER,
      token_endpoint_auth_methods_supported: 'private_key_jwt',
      backchannel_token_delivery_modes_supported: ['smoke-signal'],
    }
    const v = validateDiscoveryMetadata.evaluate({ response: doc(200, m) })
    expect(v.ok).toBe(false)
    expect(errorsOf(v).sort()).toEqual(
      [
        '/backchannel_token_delivery_modes_supported/0:enum',
        '/token_endpoint_auth_methods_supported:type',
        ':required',
      ].sort(),
    )
  })

  test('no HTTP response is undecidable', () => {
    const v = validateDiscoveryMetadata.evaluate({
      response: transportFailure('discovery', 'ECONNREFUSED'),
    })
    expect(v.ok).toBe(false)
    expect(v.undecidable).toBe(true)
  })
})
