import { HarnessError } from '../../errors.js'
import { formUrlEncode as formEncode } from '../form.js'
import { defineAuth } from './types.js'

/**
 * HTTP Basic with client_id and client_secret, each application/x-www-form-urlencoded first.
 * @see https://www.rfc-editor.org/rfc/rfc6749.html#section-2.3.1
 */
export const ClientSecretBasic = (secret?: string) =>
  defineAuth(
    'client_secret_basic',
    secret === undefined ? 'client_secret_basic' : 'client_secret_basic(given secret)',
    async (req) => {
      const s = secret ?? req.client.client_secret
      if (s === undefined)
        throw new HarnessError(
          'ERR_STEP_PRECONDITION',
          `client ${req.client.client_id} has no client_secret`,
        )
      req.headers.authorization = `Basic ${Buffer.from(`${formEncode(req.client.client_id)}:${formEncode(s)}`).toString('base64')}`
    },
  )
