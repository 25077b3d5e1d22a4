import { expect, test } from '@playwright/test'
import handshakeRefused from '../../../../src/checks/mtls/handshake-refused.js'
import type { Exchange } from '../../../../src/suite/result.js'
import { exchange } from '../_exchange.js'

const CERT = { subject: 'CN=fapi-harness impostor client, O=fapi-harness', x5t_s256: 'abc' }

function failed(code: string, message = 'boom', url = 'https://as.example.com/token'): Exchange {
  return {
    purpose: 'token',
    request: { method: 'POST', url, headers: {}, client_certificate: CERT },
    transport_error: { code, message },
    durationMs: 1,
  }
}

test.describe('handshake-refused', () => {
  test('a TLS alert from the server is a refusal next to a control that got an HTTP answer over the same URL', () => {
    const control = exchange('token', 200, { access_token: 'a', token_type: 'Bearer' })
    const v = handshakeRefused.evaluate({
      response: failed('ERR_SSL_TLSV1_ALERT_UNKNOWN_CA', 'tlsv1 alert unknown ca'),
      control,
    })
    expect(v.ok).toBe(true)
    expect(v.evidence).toMatchObject({
      refusedAt: 'tls-handshake',
      code: 'ERR_SSL_TLSV1_ALERT_UNKNOWN_CA',
      client_certificate: CERT,
      control: { status: 200 },
    })
  })

  test('TLS 1.3 certificate_required alert is a refusal next to its control', () => {
    expect(
      handshakeRefused.evaluate({
        response: failed('ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED'),
        control: exchange('token', 200, {}),
      }).ok,
    ).toBe(true)
  })

  test('a TLS alert without a control is undecidable: the handshake may fail for every certificate', () => {
    const v = handshakeRefused.evaluate({ response: failed('ERR_SSL_TLSV1_ALERT_UNKNOWN_CA') })
    expect(v.ok).toBe(false)
    expect(v.undecidable).toBe(true)
  })

  test('a TLS alert when the control failed in the handshake too is undecidable', () => {
    const v = handshakeRefused.evaluate({
      response: failed('ERR_SSL_TLSV1_ALERT_UNKNOWN_CA'),
      control: failed('ERR_SSL_TLSV1_ALERT_UNKNOWN_CA'),
    })
    expect(v.undecidable).toBe(true)
    expect(v.evidence).toMatchObject({ control: { code: 'ERR_SSL_TLSV1_ALERT_UNKNOWN_CA' } })
  })

  test('a TLS alert next to a control to another URL is undecidable', () => {
    const v = handshakeRefused.evaluate({
      response: failed('ERR_SSL_TLSV1_ALERT_UNKNOWN_CA', 'x', 'https://as.example.com/mtls/token'),
      control: exchange('token', 200, {}),
    })
    expect(v.undecidable).toBe(true)
  })

  test('a bare close counts when the control request to the same URL got an HTTP answer', () => {
    const control = exchange('token', 200, { access_token: 'a', token_type: 'Bearer' })
    const v = handshakeRefused.evaluate({
      response: failed('UND_ERR_SOCKET', 'other side closed'),
      control,
    })
    expect(v.ok).toBe(true)
    expect(v.evidence).toMatchObject({
      refusedAt: 'tls-handshake',
      code: 'UND_ERR_SOCKET',
      control: { status: 200 },
    })
  })

  test('a bare close without a control is undecidable', () => {
    const v = handshakeRefused.evaluate({ response: failed('ECONNRESET') })
    expect(v.ok).toBe(false)
    expect(v.undecidable).toBe(true)
  })

  test('a bare close when the control failed too is undecidable (the server may be down)', () => {
    const v = handshakeRefused.evaluate({
      response: failed('ECONNRESET'),
      control: failed('ECONNRESET'),
    })
    expect(v.undecidable).toBe(true)
    expect(v.evidence).toMatchObject({ control: { code: 'ECONNRESET' } })
  })

  test('a control to another URL does not prove anything', () => {
    const v = handshakeRefused.evaluate({
      response: failed('ECONNRESET', 'x', 'https://as.example.com/mtls/token'),
      control: exchange('token', 200, {}),
    })
    expect(v.undecidable).toBe(true)
  })

  test('our own TLS stack refusing the key is undecidable, not a refusal by the target', () => {
    const v = handshakeRefused.evaluate({
      response: failed('ERR_SSL_EE_KEY_TOO_SMALL', 'ee key too small'),
      control: exchange('token', 200, {}),
    })
    expect(v.undecidable).toBe(true)
  })

  test('a timeout or a refused connection is not a TLS refusal', () => {
    expect(
      handshakeRefused.evaluate({
        response: failed('UND_ERR_HEADERS_TIMEOUT'),
        control: exchange('token', 200, {}),
      }).undecidable,
    ).toBe(true)
    expect(
      handshakeRefused.evaluate({
        response: failed('ECONNREFUSED'),
        control: exchange('token', 200, {}),
      }).undecidable,
    ).toBe(true)
  })

  test('an HTTP answer is not judged here', () => {
    const v = handshakeRefused.evaluate({
      response: exchange('token', 401, { error: 'invalid_client' }),
    })
    expect(v.undecidable).toBe(true)
    expect(v.evidence).toEqual({ status: 401 })
  })
})
