import type { Exchange } from '../../suite/result.js'
import { defineCheck, pass, undecidable } from '../define.js'

export interface HandshakeRefusedInput {
  /** The request that had to be refused, recorded with its transport failure. */
  response: Exchange
  /**
   * The same request to the same URL with an acceptable certificate: an HTTP answer to it shows
   * that the target was up and speaking HTTP there, so a bare connection close was the target
   * refusing the certificate.
   */
  control?: Exchange
}

/** A TLS alert received from the peer: the handshake was refused by the other side. */
const ALERT = /^ERR_SSL_[A-Z0-9_]*ALERT_/
/** The connection was dropped without an HTTP answer (TLS 1.3 servers refuse a client certificate after the client's Finished). */
const CLOSED = /^(?:ECONNRESET|EPIPE|EPROTO|UND_ERR_SOCKET|ERR_SSL_[A-Z0-9_]+|ERR_TLS_[A-Z0-9_]+)$/
/** Our own TLS stack refused to use the certificate: the target was never asked. */
const LOCAL = /KEY_TOO_SMALL|CA_MD_TOO_WEAK|CA_KEY_TOO_SMALL|NO_CERTIFICATE_ASSIGNED|BAD_(?:BASE64|END_LINE)|PEM_|ERR_OSSL_(?:PEM|X509|EVP)/

/**
 * RFC 8705 §2 lets the refusal of a client certificate happen in the TLS layer: a server whose TLS
 * stack verifies client certificates may abort the handshake instead of answering 401
 * invalid_client. A module that expects a refusal judges such a recorded handshake failure here:
 * a TLS alert from the server is a refusal; a bare connection close counts only when a control
 * request to the same URL got an HTTP answer; anything else (a timeout, a refused connection, our
 * own stack refusing the certificate) decides nothing.
 */
export default defineCheck<HandshakeRefusedInput>({
  id: 'handshake-refused',
  title: 'The server refuses the client certificate in the TLS handshake',
  requirements: [],
  evaluate({ response, control }) {
    const t = response.transport_error
    if (!t) return undecidable('the request got an HTTP response: it is judged by attempt-refused, not here', { status: response.response?.status })
    const evidence: Record<string, unknown> = {
      refusedAt: 'tls-handshake',
      code: t.code,
      message: t.message,
      url: response.request.url,
      client_certificate: response.request.client_certificate ?? null,
    }
    if (LOCAL.test(t.code) || LOCAL.test(t.message)) {
      return undecidable(`the harness's own TLS stack refused to use the certificate (${t.code}); the target was not asked`, evidence)
    }
    if (ALERT.test(t.code)) return pass(`refused in the TLS handshake: ${t.code}`, evidence)
    if (!CLOSED.test(t.code)) return undecidable(`no HTTP response (${t.code}); not a TLS refusal`, evidence)
    if (!control) return undecidable(`the connection was closed without an answer (${t.code}) and no control request shows the server was answering`, evidence)
    if (!control.response) {
      return undecidable(`the connection was closed (${t.code}), but the control request failed too (${control.transport_error?.code}): the server may be down`, { ...evidence, control: control.transport_error })
    }
    if (control.request.url !== response.request.url) {
      return undecidable('the control request went to another URL', { ...evidence, control_url: control.request.url })
    }
    return pass(`refused in the TLS handshake: the connection was closed (${t.code}) while the same request with an acceptable certificate got HTTP ${control.response.status}`, {
      ...evidence,
      control: { status: control.response.status, client_certificate: control.request.client_certificate ?? null },
    })
  },
})
