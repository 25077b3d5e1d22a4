import { expect, test } from '@playwright/test'
import { issuerHint } from '../../../src/cli/run.js'

test.describe('issuerHint', () => {
  test('a trailing slash more or less gets a hint naming the discovered issuer', () => {
    expect(issuerHint('https://as.example.com', 'https://as.example.com/')).toContain(
      '--issuer https://as.example.com/',
    )
    expect(issuerHint('https://as.example.com/tenant/', 'https://as.example.com/tenant')).toContain(
      '--issuer https://as.example.com/tenant',
    )
  })
  test('equal issuers, other differences and missing issuers get none', () => {
    expect(issuerHint('https://as.example.com', 'https://as.example.com')).toBeUndefined()
    expect(issuerHint('https://as.example.com', 'https://other.example.com/')).toBeUndefined()
    expect(issuerHint('https://as.example.com', undefined)).toBeUndefined()
  })
})
