import { formUrlEncode as formEncode } from '../form.js'
import { clientSecret, defineAuth } from './types.js'

/**
 * HTTP Basic with client_id and client_secret, each application/x-www-form-urlencoded first.
 * @see https://www.rfc-editor.org/rfc/rfc6749.html#section-2.3.1
 */
export const ClientSecretBasic = (secret?: string) =>
  defineAuth(
    'client_secret_basic',
    secret === undefined ? 'client_secret_basic' : 'client_secret_basic(given secret)',
    async (req) => {
      const s = clientSecret(req, secret)
      req.headers.authorization = `Basic ${Buffer.from(`${formEncode(req.client.client_id)}:${formEncode(s)}`).toString('base64')}`
    },
  )
