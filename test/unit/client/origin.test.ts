import { expect, test } from '@playwright/test'
import { credentialEndpoint, sameSiteHost } from '../../../src/client/origin.js'

const ISSUER = 'https://as.bank.example/fapi'

test('an endpoint on the issuer origin may receive credentials', () => {
  expect(credentialEndpoint('token_endpoint', 'https://as.bank.example/token', ISSUER).ok).toBe(
    true,
  )
})

test('an endpoint on another origin is refused, naming the URL and why', () => {
  for (const url of [
    'https://evil.example/token',
    'http://as.bank.example/token',
    'https://as.bank.example:8443/token',
    'https://mtls.bank.example/token',
  ]) {
    const v = credentialEndpoint('token_endpoint', url, ISSUER)
    expect(v.ok, url).toBe(false)
    expect(v.reason).toContain(url)
    expect(v.reason).toContain('allowed_origins')
  }
})

test('allowed_origins lets a configured origin through, and only that one', () => {
  const allowed = ['https://tokens.bank.example']
  expect(
    credentialEndpoint('token_endpoint', 'https://tokens.bank.example/t', ISSUER, { allowed }).ok,
  ).toBe(true)
  expect(
    credentialEndpoint('token_endpoint', 'https://tokens.bank.example:444/t', ISSUER, { allowed })
      .ok,
  ).toBe(false)
})

test('an mTLS alias may sit on another port of the issuer host or a host under it, nowhere else', () => {
  const alias = { alias: true }
  expect(
    credentialEndpoint(
      'mtls_endpoint_aliases.token_endpoint',
      'https://as.bank.example:8443/token',
      ISSUER,
      alias,
    ).ok,
  ).toBe(true)
  // a sibling host needs allowed_origins: without a public suffix list it cannot be told from another site
  expect(
    credentialEndpoint(
      'mtls_endpoint_aliases.token_endpoint',
      'https://mtls.bank.example/token',
      ISSUER,
      alias,
    ).ok,
  ).toBe(false)
  expect(
    credentialEndpoint(
      'mtls_endpoint_aliases.token_endpoint',
      'https://mtls.bank.example/token',
      ISSUER,
      { ...alias, allowed: ['https://mtls.bank.example'] },
    ).ok,
  ).toBe(true)
  expect(
    credentialEndpoint(
      'mtls_endpoint_aliases.token_endpoint',
      'https://mtls.as.bank.example/token',
      ISSUER,
      alias,
    ).ok,
  ).toBe(true)
  expect(
    credentialEndpoint(
      'mtls_endpoint_aliases.token_endpoint',
      'https://mtls.other.example/token',
      ISSUER,
      alias,
    ).ok,
  ).toBe(false)
  expect(
    credentialEndpoint(
      'mtls_endpoint_aliases.token_endpoint',
      'http://as.bank.example/token',
      ISSUER,
      alias,
    ).ok,
  ).toBe(false)
})

test('same site is judged conservatively without a public suffix list', () => {
  expect(sameSiteHost('mtls.as.bank.co.uk', 'as.bank.co.uk')).toBe(true)
  expect(sameSiteHost('mtls.bank.co.uk', 'as.bank.co.uk')).toBe(false)
  expect(sameSiteHost('evil.co.uk', 'bank.co.uk')).toBe(false)
  expect(sameSiteHost('other.com', 'example.com')).toBe(false)
  expect(sameSiteHost('mtls.example.com', 'example.com')).toBe(true)
  expect(sameSiteHost('127.0.0.2', '127.0.0.1')).toBe(false)
  expect(sameSiteHost('127.0.0.1', '127.0.0.1')).toBe(true)
})
