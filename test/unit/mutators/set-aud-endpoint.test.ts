import { expect, test } from '@playwright/test'
import { buildAssertion } from '../../../src/client/auth/assertion.js'
import type { ServerMetadata } from '../../../src/client/types.js'
import { setAudEndpoint } from '../../../src/mutators/set-aud-endpoint.js'
import { requestContext } from '../client/auth/_context.js'
import { METADATA, parts, registered, without } from './_assertion.js'

const PAR = 'https://as.example.com/par'

async function build(
  metadata: ServerMetadata = { ...METADATA, pushed_authorization_request_endpoint: PAR },
  mutate = [setAudEndpoint('pushed_authorization_request')],
) {
  const key = registered()
  const ctx = requestContext({ client_id: 'client-1', key }, { metadata, endpoint: PAR })
  return parts(await buildAssertion(ctx, { mode: 'key', key, alg: 'PS256' }, 'issuer', mutate))
}

test.describe('setAudEndpoint', () => {
  test('aud becomes the endpoint URL from the metadata, as a string; nothing else changes', async () => {
    const base = await build(undefined, [])
    const m = await build()
    expect(m.payload.aud).toBe(PAR)
    expect(without(m.payload, 'aud')).toEqual(without(base.payload, 'aud'))
    expect(m.header).toEqual(base.header)
  })

  test('an endpoint the metadata does not name is an error, not a silent aud', async () => {
    await expect(build(METADATA)).rejects.toThrow(TypeError)
  })

  test('label names the metadata member', () => {
    expect(setAudEndpoint('pushed_authorization_request').label).toBe(
      'set-aud(pushed_authorization_request_endpoint)',
    )
  })
})
