import type { ServerMetadata } from '../../client/types.js'
import { defineCheck, fail, pass } from '../define.js'

/** FAPI-CIBA: the OP does not support the push token delivery mode. */
export default defineCheck<{ metadata: ServerMetadata }>({
  id: 'ciba-delivery-modes-exclude-push',
  title: 'backchannel_token_delivery_modes_supported does not list push',
  requirements: ['FAPI-CIBA-5.2.2-3'],
  evaluate({ metadata }) {
    const modes = metadata.backchannel_token_delivery_modes_supported ?? []
    return modes.includes('push')
      ? fail('push mode is advertised', { modes })
      : pass(`modes ${modes.join(', ') || '(none)'}`)
  },
})
