import type { ClientAuthMethod } from '../../suite/profile.js'
import { ClientSecretBasic } from './client-secret-basic.js'
import { ClientSecretJwt } from './client-secret-jwt.js'
import { ClientSecretPost } from './client-secret-post.js'
import { None } from './none.js'
import { PrivateKeyJwt } from './private-key-jwt.js'
import { SelfSignedTlsClientAuth } from './self-signed-tls-client-auth.js'
import { TlsClientAuth } from './tls-client-auth.js'
import type { ClientAuth } from './types.js'

export {
  ClientSecretBasic,
  ClientSecretJwt,
  ClientSecretPost,
  None,
  PrivateKeyJwt,
  SelfSignedTlsClientAuth,
  TlsClientAuth,
}
export { ReplayAssertion } from './private-key-jwt.js'
export type { ClientAuth, RequestContext } from './types.js'

/** The plain strategy for a registered method. */
export function authFor(method: ClientAuthMethod): ClientAuth {
  switch (method) {
    case 'client_secret_basic':
      return ClientSecretBasic()
    case 'client_secret_post':
      return ClientSecretPost()
    case 'client_secret_jwt':
      return ClientSecretJwt()
    case 'private_key_jwt':
      return PrivateKeyJwt()
    case 'tls_client_auth':
      return TlsClientAuth()
    case 'self_signed_tls_client_auth':
      return SelfSignedTlsClientAuth()
    case 'none':
      return None()
  }
}
