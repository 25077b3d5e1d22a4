import { clientSecret, defineAuth } from './types.js'

/**
 * client_id and client_secret in the request body, never in the URL.
 * @see https://www.rfc-editor.org/rfc/rfc6749.html#section-2.3.1
 */
export const ClientSecretPost = (secret?: string) =>
  defineAuth(
    'client_secret_post',
    secret === undefined ? 'client_secret_post' : 'client_secret_post(given secret)',
    async (req) => {
      const s = clientSecret(req, secret)
      req.body.set('client_id', req.client.client_id)
      req.body.set('client_secret', s)
    },
  )
