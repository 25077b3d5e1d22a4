// Violates CIBA Core §10.2 (CIBA-10.2): "In Ping mode, the OP sends the client_notification_token
// as a bearer token in the Authorization header field and sends only the auth_req_id in the body
// of the request." Broken by editing the configuration (a): the AS's outgoing fetch drops the
// Authorization header of its ping notifications, so the client cannot tell them from a forgery
// (its push deliveries, the bodies that carry tokens, keep it: ciba-push-without-token drops that).
import { defineMutant } from '../../src/reference-as/mutant.js'

export default defineMutant({
  id: 'ciba-ping-without-token',
  module: import.meta.url,
  description: 'ciba pings the client notification endpoint without the client_notification_token',
  profiles: ['ciba'],
  expectFailures: {
    ciba: ['ciba-ping-flow'],
  },
  configure(config) {
    const fetch = config.fetch
    config.fetch = (url: string, options: Record<string, any>) => {
      if (typeof options.body === 'string' && options.body.includes('"access_token"'))
        return fetch(url, options)
      const headers = new Headers(options.headers)
      headers.delete('authorization')
      return fetch(url, { ...options, headers })
    }
  },
})
