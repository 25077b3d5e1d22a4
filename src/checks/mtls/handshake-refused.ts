import type { Exchange } from '../../suite/result.js'
import { defineCheck, pass, undecidable } from '../define.js'

export interface HandshakeRefusedInput {
  /** The request that had to be refused, recorded with its transport failure. */
  response: Exchange
  /**
   * The same request to the same URL with the right certificate (the module's control): its HTTP
   * answer shows that the same handshake succeeds when the certificate is acceptable, so a failed
   * handshake with the certificate under test was the target refusing that certificate.
   */
  control?: Exchange
}

/** A TLS alert received from the peer: the handshake was refused by the other side. */
const ALERT = /^ERR_SSL_[A-Z0-9_]*ALERT_/
/** The connection was dropped without an HTTP answer (TLS 1.3 servers refuse a client certificate after the client's Finished). */
const CLOSED = /^(?:ECONNRESET|EPIPE|EPROTO|UND_ERR_SOCKET|ERR_SSL_[A-Z0-9_]+|ERR_TLS_[A-Z0-9_]+)$/
/** Our own TLS stack refused to use the certificate: the target was never asked. */
const LOCAL =
  /KEY_TOO_SMALL|CA_MD_TOO_WEAK|CA_KEY_TOO_SMALL|NO_CERTIFICATE_ASSIGNED|BAD_(?:BASE64|END_LINE)|PEM_|ERR_OSSL_(?:PEM|X509|EVP)/

/**
 * RFC 8705 §2 lets the refusal of a client certificate happen in the TLS layer: a server whose TLS
 * stack verifies client certificates may abort the handshake instead of answering 401
 * invalid_client. A module that expects a refusal judges such a recorded handshake failure here,
 * and only next to its control: the same request to the same URL with the right certificate got
 * an HTTP answer (the handshake itself works). Then a TLS alert from the server, or a connection
 * closed without an answer, is the target refusing the certificate. Without that control, when
 * the control failed too, or for anything else (a timeout, a refused connection, our own stack
 * refusing the certificate) nothing is decided.
 *
 * It cannot fail, by construction: what it judges is a request that got no HTTP answer, and a
 * request without an answer was never accepted. An accepted request (an HTTP answer, 2xx where a
 * refusal was due) is judged by attempt-refused or bound-token-refused-by-resource, which fail.
 */
export default defineCheck<HandshakeRefusedInput>({
  id: 'handshake-refused',
  title: 'The server refuses the client certificate in the TLS handshake',
  requirements: [],
  evaluate({ response, control }) {
    const t = response.transport_error
    if (!t)
      return undecidable(
        'the request got an HTTP response: it is judged by attempt-refused, not here',
        { status: response.response?.status },
      )
    const evidence: Record<string, unknown> = {
      refusedAt: 'tls-handshake',
      code: t.code,
      message: t.message,
      url: response.request.url,
      client_certificate: response.request.client_certificate ?? null,
    }
    if (LOCAL.test(t.code) || LOCAL.test(t.message)) {
      return undecidable(
        `the harness's own TLS stack refused to use the certificate (${t.code}); the target was not asked`,
        evidence,
      )
    }
    const alert = ALERT.test(t.code)
    if (!alert && !CLOSED.test(t.code))
      return undecidable(`no HTTP response (${t.code}); not a TLS refusal`, evidence)
    const what = alert
      ? `a TLS alert (${t.code})`
      : `the connection was closed without an answer (${t.code})`
    if (!control)
      return undecidable(
        `${what}, but no control shows the same handshake succeeding with the right certificate`,
        evidence,
      )
    if (!control.response) {
      return undecidable(
        `${what}, but the control with the right certificate failed too (${control.transport_error?.code}): the server may be down or refuse every certificate`,
        { ...evidence, control: control.transport_error },
      )
    }
    if (control.request.url !== response.request.url) {
      return undecidable('the control request went to another URL', {
        ...evidence,
        control_url: control.request.url,
      })
    }
    return pass(
      `refused in the TLS handshake: ${what} while the same request with the right certificate got HTTP ${control.response.status}`,
      {
        ...evidence,
        control: {
          status: control.response.status,
          client_certificate: control.request.client_certificate ?? null,
        },
      },
    )
  },
})
