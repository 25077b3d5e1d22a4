import type { KeyPair } from '../crypto/keys.js'
import type { DpopKey } from './dpop.js'
import type { ClientIdentity } from '../http/agents.js'
import type { ClientAuthMethod } from '../suite/profile.js'

/** The authorization server's metadata as discovered (RFC 8414 / OIDC Discovery); wire names. */
export interface ServerMetadata {
  issuer: string
  token_endpoint: string
  registration_endpoint?: string
  backchannel_authentication_endpoint?: string
  token_endpoint_auth_methods_supported?: string[]
  token_endpoint_auth_signing_alg_values_supported?: string[]
  backchannel_token_delivery_modes_supported?: string[]
  mtls_endpoint_aliases?: Record<string, string>
  [k: string]: unknown
}

/** A client the harness can act as: registered by it, or taken from the configuration. */
export interface TestClient {
  client_id: string
  token_endpoint_auth_method: ClientAuthMethod
  client_secret?: string
  /** The signing key registered for private_key_jwt. */
  key?: KeyPair
  /** The TLS client certificate (mTLS authentication and certificate-bound tokens). */
  identity?: ClientIdentity
  /** The DPoP key its tokens are bound to (RFC 9449): every token request carries a proof signed with it. */
  dpop?: DpopKey
  /** Where it came from. */
  source: 'registered' | 'config'
}
