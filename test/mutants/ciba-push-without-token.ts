// Violates CIBA Core §10.3 (CIBA-10.3): the push delivery is authenticated with the
// client_notification_token as a bearer token, so the client can tell the OP's delivery from a
// forgery. Broken by editing the configuration (a): the AS's outgoing fetch drops the Authorization
// header of its push deliveries (the bodies that carry tokens); its pings keep it.
import { defineMutant } from '../../src/reference-as/mutant.js'

export default defineMutant({
  id: 'ciba-push-without-token',
  module: import.meta.url,
  description:
    'ciba pushes tokens to the client notification endpoint without the client_notification_token',
  profiles: ['ciba'],
  expectFailures: {
    ciba: ['ciba-push-mode'],
  },
  configure(config) {
    const fetch = config.fetch
    config.fetch = (url: string, options: Record<string, any>) => {
      if (typeof options.body !== 'string' || !options.body.includes('"access_token"'))
        return fetch(url, options)
      const headers = new Headers(options.headers)
      headers.delete('authorization')
      return fetch(url, { ...options, headers })
    }
  },
})
