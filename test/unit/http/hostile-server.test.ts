import { createServer, type RequestListener, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { expect, test } from '@playwright/test'
import { isHarnessError } from '../../../src/errors.js'
import { HttpClient } from '../../../src/http/client.js'

/**
 * The HTTP client against servers that misbehave: it never hangs past its deadline, never reads an
 * unbounded body, and never follows a redirect (a credential must not travel to a Location).
 */
async function serve(
  handler: RequestListener,
): Promise<{ url: string; server: Server; close(): Promise<void> }> {
  const server = createServer(handler)
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    server,
    close: () => {
      server.closeAllConnections()
      return new Promise<void>((r) => server.close(() => r()))
    },
  }
}

async function failure(p: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await p
  } catch (e) {
    if (isHarnessError(e)) return { code: e.code, message: e.message }
    throw e
  }
  throw new Error('expected a HarnessError')
}

test('a body that trickles in (slowloris) ends at the deadline, naming the URL', async () => {
  const s = await serve((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' })
    const t = setInterval(() => res.write(' '), 50)
    res.on('close', () => clearInterval(t))
  })
  const http = new HttpClient({ trust: {}, timeoutMs: 600 })
  try {
    // the trickle never ends: only the deadline ends the request (else the test times out)
    const f = await failure(
      http.send({
        purpose: 'token',
        method: 'POST',
        url: `${s.url}/token`,
        form: new URLSearchParams({ a: 'b' }),
      }),
    )
    expect(f.code).toBe('ERR_HTTP_TIMEOUT')
    expect(f.message).toContain(`${s.url}/token`)
    expect(f.message).toContain('(token)')
  } finally {
    await http.close()
    await s.close()
  }
})

test('a response that never comes ends at the deadline', async () => {
  const s = await serve(() => undefined)
  const http = new HttpClient({ trust: {}, timeoutMs: 400 })
  try {
    const f = await failure(
      http.send({
        purpose: 'discovery',
        method: 'GET',
        url: `${s.url}/.well-known/openid-configuration`,
      }),
    )
    expect(f.code).toBe('ERR_HTTP_TIMEOUT')
  } finally {
    await http.close()
    await s.close()
  }
})

test('a gigantic body is cut off at the size cap, not read into memory', async () => {
  const s = await serve((_req, res) => {
    let written = 0
    res.writeHead(200, { 'content-type': 'application/json' })
    const chunk = Buffer.alloc(64 * 1024, 0x20)
    const pump = () => {
      while (written < 64 * 1024 * 1024) {
        written += chunk.length
        if (!res.write(chunk)) return void res.once('drain', pump)
      }
      res.end()
    }
    res.on('close', () => (written = Infinity))
    pump()
  })
  const http = new HttpClient({ trust: {}, timeoutMs: 10_000, maxResponseBytes: 1024 * 1024 })
  try {
    const f = await failure(http.send({ purpose: 'jwks', method: 'GET', url: `${s.url}/jwks` }))
    expect(f.code).toBe('ERR_HTTP_BODY_TOO_LARGE')
    expect(f.message).toContain(`${s.url}/jwks`)
    // recorded as evidence when the caller expects transport errors
    const x = await http.send(
      { purpose: 'jwks', method: 'GET', url: `${s.url}/jwks` },
      { allowTransportError: true },
    )
    expect(x.transport_error?.code).toBe('ERR_HTTP_BODY_TOO_LARGE')
    expect(x.response).toBeUndefined()
  } finally {
    await http.close()
    await s.close()
  }
})

test('redirects are never followed: the 3xx is the answer and the Location is never asked', async () => {
  let elsewhere = 0
  const other = await serve((_req, res) => {
    elsewhere++
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"access_token":"x"}')
  })
  const s = await serve((_req, res) => {
    res.writeHead(307, { location: `${other.url}/token` }).end()
  })
  const http = new HttpClient({ trust: {}, timeoutMs: 2_000 })
  try {
    for (const purpose of [
      'token',
      'pushed_authorization_request',
      'registration',
      'backchannel_authentication',
    ]) {
      const x = await http.send({
        purpose,
        method: 'POST',
        url: `${s.url}/${purpose}`,
        headers: { authorization: 'Basic Y2xpZW50OnNlY3JldA==' },
        form: new URLSearchParams({ client_secret: 'secret' }),
      })
      expect(x.response?.status).toBe(307)
      expect(x.response?.headers.location).toBe(`${other.url}/token`)
    }
    const g = await http.send({
      purpose: 'discovery',
      method: 'GET',
      url: `${s.url}/.well-known/openid-configuration`,
    })
    expect(g.response?.status).toBe(307)
    expect(elsewhere).toBe(0)
  } finally {
    await http.close()
    await s.close()
    await other.close()
  }
})
