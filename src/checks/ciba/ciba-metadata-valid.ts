import type { ServerMetadata } from '../../client/types.js'
import { defineCheck, fail, pass } from '../define.js'

/** CIBA §4: the OP advertises its backchannel endpoint and the token delivery modes it supports. */
export default defineCheck<{ metadata: ServerMetadata }>({
  id: 'ciba-metadata-valid',
  title:
    'Metadata advertises backchannel_authentication_endpoint and backchannel_token_delivery_modes_supported',
  requirements: ['CIBA-4'],
  evaluate({ metadata }) {
    const missing = [
      'backchannel_authentication_endpoint',
      'backchannel_token_delivery_modes_supported',
    ].filter((k) => metadata[k] === undefined)
    if (missing.length) return fail(`missing ${missing.join(', ')}`)
    const modes = metadata.backchannel_token_delivery_modes_supported ?? []
    const bad = modes.filter((m) => !['poll', 'ping', 'push'].includes(m))
    if (!modes.length || bad.length)
      return fail(`backchannel_token_delivery_modes_supported is ${JSON.stringify(modes)}`)
    return pass(`backchannel endpoint advertised; modes ${modes.join(', ')}`)
  },
})
