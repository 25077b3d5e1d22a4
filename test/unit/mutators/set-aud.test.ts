import { expect, test } from '@playwright/test'
import { compactVerify, importJWK } from 'jose'
import { setAud } from '../../../src/mutators/set-aud.js'
import type { AudienceKind } from '../../../src/suite/profile.js'
import { METADATA, build, registered, without } from './_assertion.js'

const CASES: Array<[AudienceKind | 'other_server', unknown]> = [
  ['issuer', METADATA.issuer],
  ['token_endpoint', METADATA.token_endpoint],
  ['issuer_in_array', [METADATA.issuer]],
  ['backchannel_endpoint', METADATA.backchannel_authentication_endpoint],
  ['other_server', 'https://other-as.example.com/token'],
]

test.describe('setAud', () => {
  for (const [kind, aud] of CASES) {
    test(`${kind}: changes aud only, still validly signed`, async () => {
      const base = await build([], { audience: 'issuer' })
      const m = await build([setAud(kind)], { audience: 'issuer' })
      expect(m.payload.aud).toEqual(aud)
      expect(without(m.payload, 'aud')).toEqual(without(base.payload, 'aud'))
      expect(m.header).toEqual(base.header)
      await compactVerify(m.jws, await importJWK(registered().publicJwk, 'PS256'))
    })
  }

  test('label names the kind', () => {
    expect(setAud('other_server').label).toBe('set-aud(other_server)')
  })
})
