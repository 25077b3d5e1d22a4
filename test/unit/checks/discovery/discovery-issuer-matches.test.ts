import { expect, test } from '@playwright/test'
import discoveryIssuerMatches from '../../../../src/checks/discovery/discovery-issuer-matches.js'
import { ISSUER, metadata } from './_metadata.js'

test.describe('discovery-issuer-matches', () => {
  test('identical issuer passes', () => {
    expect(
      discoveryIssuerMatches.evaluate({ metadata: metadata(), expectedIssuer: ISSUER }).ok,
    ).toBe(true)
  })

  for (const actual of [`${ISSUER}/`, 'https://AS.example.com', 'http://as.example.com']) {
    test(`"${actual}" does not match (exact comparison)`, () => {
      const v = discoveryIssuerMatches.evaluate({
        metadata: metadata({ issuer: actual }),
        expectedIssuer: ISSUER,
      })
      expect(v.ok).toBe(false)
      expect(v.evidence).toEqual({ actual, expected: ISSUER })
    })
  }

  test('a document without issuer fails', () => {
    const m = metadata()
    delete (m as Partial<typeof m>).issuer
    const v = discoveryIssuerMatches.evaluate({ metadata: m, expectedIssuer: ISSUER })
    expect(v.ok).toBe(false)
    expect(v.evidence).toEqual({ actual: undefined, expected: ISSUER })
  })
})
