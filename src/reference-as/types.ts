import type { CertificateAuthority } from '../crypto/certs.js'
import type { ProfileId } from '../suite/profile.js'
import type { Mutant } from './mutant.js'
import type { TlsTermination } from './mtls.js'

/** What starts the embedded reference AS (in this process, index.ts, or a child, process.ts), and what it gives back. */
export interface StartReferenceOptions {
  /** Default: all seven profiles (PROFILE_IDS). */
  profiles?: ProfileId[]
  /** CA trusted for tls_client_auth. If absent one is created and returned (`clientCa`, with its key). */
  clientCaPem?: string
  /** A deliberately broken server (see mutant.ts); undefined = correct server. */
  mutant?: Mutant
  /**
   * `self` (default): the AS speaks TLS itself (requestCert, client CA = clientCaPem).
   * `{ header }`: plain HTTP on 127.0.0.1 behind a TLS-terminating proxy that passes the client
   * certificate as URL-encoded PEM in that header (nginx `$ssl_client_escaped_cert`); the AS
   * verifies its chain against the client CA itself.
   */
  tlsTermination?: TlsTermination
  /** With a proxy: the https origin clients see; issuers and endpoint URLs are built from it. */
  publicOrigin?: string
  /**
   * Delay before the simulated CIBA authentication device approves. Default 1000 ms: long enough for
   * a loaded machine to poll once before it (CIBA §11 authorization_pending), shorter than the poll interval.
   */
  cibaApprovalDelayMs?: number
  /** `interval` (seconds) announced in CIBA backchannel responses. Default 1. */
  cibaInterval?: number
  /**
   * CA certificate(s) the AS trusts for its outgoing loopback requests (CIBA ping notifications to
   * the harness's receiver, client jwks_uri). Default: loopback server certificates are not verified.
   */
  outboundCa?: string[]
}

export interface ReferenceAS {
  /** The origin clients use, e.g. `https://127.0.0.1:43123` (the `publicOrigin` behind a proxy). */
  origin: string
  /** Where the server really listens (differs from `origin` behind a proxy: `http://127.0.0.1:PORT`). */
  listenOrigin: string
  /** One issuer per started profile: `${origin}/${profileId}`. */
  issuers: Record<ProfileId, string>
  /** CA that signed the server certificate (SAN IP 127.0.0.1, DNS localhost). */
  caPem: string
  /** `caPem` in a temp file (removed by close()). */
  caFile: string
  /** CA trusted for tls_client_auth. */
  clientCaPem: string
  /** The client CA with its key, when the AS created it (to issue client certificates from it). */
  clientCa?: CertificateAuthority
  /** The server certificate and key (PEM and temp files), e.g. for a TLS-terminating proxy. */
  serverCertPem: string
  serverKeyPem: string
  serverCertFile: string
  serverKeyFile: string
  close(): Promise<void>
}
