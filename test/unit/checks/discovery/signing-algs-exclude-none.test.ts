import { expect, test } from '@playwright/test'
import signingAlgsExcludeNone from '../../../../src/checks/discovery/signing-algs-exclude-none.js'
import { metadata } from './_metadata.js'

test.describe('signing-algs-exclude-none', () => {
  test('passes without none', () => {
    expect(
      signingAlgsExcludeNone.evaluate({
        metadata: metadata({
          token_endpoint_auth_signing_alg_values_supported: ['PS256', 'ES256'],
        }),
      }).ok,
    ).toBe(true)
  })

  for (const none of ['none', 'None', 'NONE']) {
    test(`fails when "${none}" is listed`, () => {
      const listed = ['PS256', none]
      const v = signingAlgsExcludeNone.evaluate({
        metadata: metadata({ token_endpoint_auth_signing_alg_values_supported: listed }),
      })
      expect(v.ok).toBe(false)
      expect(v.evidence).toEqual({ listed })
    })
  }

  test('cites both RFC 8414 §2 and OIDC Discovery §3, which say the same', () => {
    expect(signingAlgsExcludeNone.requirements).toEqual(['RFC8414-2', 'OIDCD-3'])
  })

  test('passes when no list is advertised', () => {
    expect(signingAlgsExcludeNone.evaluate({ metadata: metadata() }).ok).toBe(true)
  })
})
