import { HarnessError } from '../../errors.js'
import { defineAuth } from './types.js'

/**
 * client_id and client_secret in the request body, never in the URL.
 * @see https://www.rfc-editor.org/rfc/rfc6749.html#section-2.3.1
 */
export const ClientSecretPost = () =>
  defineAuth('client_secret_post', 'client_secret_post', async (req) => {
    if (req.client.client_secret === undefined) throw new HarnessError('ERR_STEP_PRECONDITION', `client ${req.client.client_id} has no client_secret`)
    req.body.set('client_id', req.client.client_id)
    req.body.set('client_secret', req.client.client_secret)
  })
