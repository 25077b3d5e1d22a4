import { defineAuth } from './types.js'

/**
 * No authentication: a public client sends only its client_id.
 * @see https://www.rfc-editor.org/rfc/rfc7591.html#section-2
 */
export const None = () =>
  defineAuth('none', 'none', async (req) => {
    req.body.set('client_id', req.client.client_id)
  })
