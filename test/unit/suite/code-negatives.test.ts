// Tests suites/redirect-flows/negatives.ts: each variant changes exactly one thing of the code exchange.
import { expect, test } from '@playwright/test'
import { otherRedirectUri } from '../../../suites/redirect-flows/negatives.js'
import { MODULES } from '../../../suites/index.js'

test('otherRedirectUri differs from the authorized URI by one path segment and keeps its origin', () => {
  expect(otherRedirectUri('https://127.0.0.1/fapi-harness/callback')).toBe(
    'https://127.0.0.1/fapi-harness/callback/other',
  )
  expect(otherRedirectUri('https://tpp.example.com/cb/')).toBe('https://tpp.example.com/cb/other')
  expect(new URL(otherRedirectUri('https://tpp.example.com:8443/cb?x=1')).origin).toBe(
    'https://tpp.example.com:8443',
  )
})

test('the code negatives are registered on the redirect-flows surface, right after the code flow', () => {
  const ids = MODULES.filter((m) => m.surface === 'redirect-flows').map((m) => m.id)
  const at = ids.indexOf('authorization-code-flow')
  expect(at).toBeGreaterThanOrEqual(0)
  expect(ids.slice(at, at + 6)).toEqual([
    'authorization-code-flow',
    'pkce-wrong-verifier',
    'pkce-missing-verifier',
    'authorization-code-replay',
    'authorization-code-replay-revokes-tokens',
    'redirect-uri-mismatch-at-token',
  ])
})

test('code-of-another-client and authorization-code-expired follow them; the authorization-endpoint negatives follow those', () => {
  const ids = MODULES.filter((m) => m.surface === 'redirect-flows').map((m) => m.id)
  const at = ids.indexOf('redirect-uri-mismatch-at-token')
  expect(ids.slice(at + 1, at + 8)).toEqual([
    'code-of-another-client',
    'authorization-code-expired',
    'redirect-uri-not-registered',
    'authorization-request-without-redirect-uri',
    'pkce-plain-refused',
    'consent-denied-access-denied',
    'long-state-and-nonce',
  ])
})
