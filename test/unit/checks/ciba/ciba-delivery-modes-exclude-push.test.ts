import { expect, test } from '@playwright/test'
import cibaDeliveryModesExcludePush from '../../../../src/checks/ciba/ciba-delivery-modes-exclude-push.js'
import { metadata } from '../discovery/_metadata.js'

test.describe('ciba-delivery-modes-exclude-push', () => {
  test('poll and ping pass', () => {
    expect(
      cibaDeliveryModesExcludePush.evaluate({
        metadata: metadata({ backchannel_token_delivery_modes_supported: ['poll', 'ping'] }),
      }).ok,
    ).toBe(true)
  })

  test('push fails with the modes as evidence', () => {
    const modes = ['poll', 'push']
    const v = cibaDeliveryModesExcludePush.evaluate({
      metadata: metadata({ backchannel_token_delivery_modes_supported: modes }),
    })
    expect(v.ok).toBe(false)
    expect(v.evidence).toEqual({ modes })
  })

  test('no modes advertised passes (nothing to exclude)', () => {
    expect(cibaDeliveryModesExcludePush.evaluate({ metadata: metadata() }).ok).toBe(true)
  })

  test('cites FAPI-CIBA-5.2.2-3', () => {
    expect(cibaDeliveryModesExcludePush.requirements).toEqual(['FAPI-CIBA-5.2.2-3'])
  })
})
