import { expect, test } from '@playwright/test'
import {
  CLIENT_ID_MISMATCH,
  clientIdMismatchIsInvalidClient,
} from '../../../src/reference-as/config.js'
import type { KoaContext } from '../../../src/reference-as/mutant.js'

/** A koa context as far as the middleware reads and writes it, answered by `answer` downstream. */
async function run(answer: { status: number; body: unknown }, authorization?: string) {
  const headers: Record<string, string> = {}
  const ctx = {
    status: 404,
    body: undefined as unknown,
    headers: authorization ? { authorization } : {},
    app: { issuer: 'https://as.example.com/fapi1-baseline' },
    set(k: string, v: string) {
      headers[k.toLowerCase()] = v
    },
  }
  await clientIdMismatchIsInvalidClient()(ctx as unknown as KoaContext, async () => {
    ctx.status = answer.status
    ctx.body = answer.body
  })
  return { status: ctx.status, body: ctx.body, headers }
}

test.describe('reference AS: client_id mismatch is invalid_client (FAPI 1.0 Part 1 §5.2.2-19)', () => {
  test("oidc-provider's invalid_request 'client_id mismatch' becomes 401 invalid_client", async () => {
    const r = await run({
      status: 400,
      body: { error: 'invalid_request', error_description: 'client_id mismatch' },
    })
    expect(r).toEqual({
      status: 401,
      body: { error: 'invalid_client', error_description: CLIENT_ID_MISMATCH },
      headers: {},
    })
  })

  test('with HTTP Basic credentials the 401 carries a Basic challenge', async () => {
    const r = await run(
      { status: 400, body: { error: 'invalid_request', error_description: 'client_id mismatch' } },
      'Basic YTpi',
    )
    expect(r.status).toBe(401)
    expect(r.headers['www-authenticate']).toBe(
      'Basic realm="https://as.example.com/fapi1-baseline"',
    )
  })

  test('other answers pass unchanged', async () => {
    for (const answer of [
      {
        status: 400,
        body: {
          error: 'invalid_request',
          error_description: 'client authentication must only be provided using one mechanism',
        },
      },
      {
        status: 401,
        body: { error: 'invalid_client', error_description: 'invalid secret provided' },
      },
      { status: 200, body: { access_token: 'x', token_type: 'Bearer' } },
    ]) {
      const r = await run(answer)
      expect({ status: r.status, body: r.body }).toEqual(answer)
    }
  })
})
