import { expect, test } from '@playwright/test'
import { None } from '../../../../src/client/auth/none.js'
import { requestContext } from './_context.js'

test('none: only client_id in the body', async () => {
  const req = requestContext({
    client_id: 'public-1',
    client_secret: 'ignored',
    token_endpoint_auth_method: 'none',
  })
  await None()(req)
  expect(req.body.toString()).toBe('grant_type=client_credentials&client_id=public-1')
  expect(req.headers).toEqual({})
  expect(None().method).toBe('none')
})
