import 'reflect-metadata'
import { expect, test } from '@playwright/test'
import { request } from 'node:https'
import { createCa, issueServerCert } from '../../../src/crypto/certs.js'
import { NOTIFICATION_PATH, NotificationReceiver } from '../../../src/suite/notifications.js'

function post(
  url: string,
  ca: string,
  headers: Record<string, string>,
  body: string,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', ca, headers }, (res) => {
      res.resume()
      res.on('end', () => resolve(res.statusCode ?? 0))
    })
    req.on('error', reject)
    req.end(body)
  })
}

test('the receiver listens on 127.0.0.1 over TLS, answers 204 and hands over what it received', async () => {
  const ca = await createCa('CN=receiver test CA')
  const cert = await issueServerCert(ca, {
    ips: ['127.0.0.1'],
    dns: ['localhost'],
    subject: 'CN=localhost',
  })
  const r = await NotificationReceiver.start({ certPem: cert.certPem, keyPem: cert.keyPem })
  try {
    expect(r.url).toMatch(new RegExp(`^https://127\\.0\\.0\\.1:\\d+${NOTIFICATION_PATH}$`))
    const waiting = r.waitFor((n) => JSON.parse(n.body).auth_req_id === 'b', 5000)
    expect(
      await post(
        r.url,
        ca.certPem,
        { authorization: 'Bearer t', 'content-type': 'application/json' },
        JSON.stringify({ auth_req_id: 'a' }),
      ),
    ).toBe(204)
    expect(
      await post(
        r.url,
        ca.certPem,
        { 'content-type': 'application/json' },
        JSON.stringify({ auth_req_id: 'b' }),
      ),
    ).toBe(204)
    const n = await waiting
    expect(n).toMatchObject({
      method: 'POST',
      path: NOTIFICATION_PATH,
      contentType: 'application/json',
    })
    expect(n?.authorization).toBeUndefined()
    expect((await r.waitFor((x) => x.authorization === 'Bearer t', 10))?.body).toBe(
      '{"auth_req_id":"a"}',
    )
    expect(await r.waitFor(() => false, 50)).toBeUndefined()
  } finally {
    await r.close()
  }
})

test('a public URL replaces the loopback one; a busy fixed port is named', async () => {
  const ca = await createCa('CN=receiver test CA 2')
  const cert = await issueServerCert(ca, { ips: ['127.0.0.1'], subject: 'CN=localhost' })
  const a = await NotificationReceiver.start({
    certPem: cert.certPem,
    keyPem: cert.keyPem,
    publicUrl: 'https://tunnel.example.com/cb',
  })
  try {
    expect(a.url).toBe('https://tunnel.example.com/cb')
    const port = Number(
      new URL(
        (
          await NotificationReceiver.start({ certPem: cert.certPem, keyPem: cert.keyPem }).then(
            async (b) => (await b.close(), b),
          )
        ).url,
      ).port,
    )
    const c = await NotificationReceiver.start({ certPem: cert.certPem, keyPem: cert.keyPem, port })
    try {
      await expect(
        NotificationReceiver.start({ certPem: cert.certPem, keyPem: cert.keyPem, port }),
      ).rejects.toThrow(/EADDRINUSE.*--workers 1/)
    } finally {
      await c.close()
    }
  } finally {
    await a.close()
  }
})
