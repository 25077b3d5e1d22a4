import { expect, test } from '@playwright/test'
import cibaMetadataValid from '../../../../src/checks/ciba/ciba-metadata-valid.js'
import { metadata } from '../discovery/_metadata.js'

const BC = 'https://as.example.com/bc-authorize'

test.describe('ciba-metadata-valid', () => {
  test('endpoint and modes advertised passes', () => {
    const v = cibaMetadataValid.evaluate({
      metadata: metadata({
        backchannel_authentication_endpoint: BC,
        backchannel_token_delivery_modes_supported: ['poll', 'ping'],
      }),
    })
    expect(v.ok).toBe(true)
  })

  test('missing backchannel_authentication_endpoint fails', () => {
    expect(
      cibaMetadataValid.evaluate({
        metadata: metadata({ backchannel_token_delivery_modes_supported: ['poll'] }),
      }).ok,
    ).toBe(false)
  })

  test('missing delivery modes fails', () => {
    expect(
      cibaMetadataValid.evaluate({
        metadata: metadata({ backchannel_authentication_endpoint: BC }),
      }).ok,
    ).toBe(false)
  })

  test('an empty mode list fails', () => {
    expect(
      cibaMetadataValid.evaluate({
        metadata: metadata({
          backchannel_authentication_endpoint: BC,
          backchannel_token_delivery_modes_supported: [],
        }),
      }).ok,
    ).toBe(false)
  })

  test('an unknown mode fails', () => {
    const v = cibaMetadataValid.evaluate({
      metadata: metadata({
        backchannel_authentication_endpoint: BC,
        backchannel_token_delivery_modes_supported: ['poll', 'carrier-pigeon'],
      }),
    })
    expect(v.ok).toBe(false)
    expect(v.undecidable).toBeUndefined()
  })
})
