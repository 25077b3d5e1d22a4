import type { Module } from '../src/index.js'
import { cibaModules } from './ciba/backchannel.js'
import { cibaDeliveryModules } from './ciba/delivery.js'
import { assertionAlgModules } from './client-authentication/assertion-algs.js'
import { assertionAudienceModules } from './client-authentication/assertion-audience.js'
import {
  assertionClaimModules,
  parAssertionModules,
} from './client-authentication/assertion-claims.js'
import { assertionClockModules } from './client-authentication/assertion-clock.js'
import { authMethodModules, wrongSecretModules } from './client-authentication/auth-methods.js'
import { clientIdMismatchModules } from './client-authentication/client-id-mismatch.js'
import { clientKeyModules } from './client-authentication/client-keys.js'
import { clientSecretJwtModules } from './client-authentication/client-secret-jwt.js'
import { endpointClientAuthModules } from './client-authentication/endpoints.js'
import { parAudienceModules } from './client-authentication/par-audience.js'
import { publicClientModules } from './client-authentication/public-clients.js'
import { tokenResponseModules } from './client-authentication/token-response.js'
import { twoMethodsModules } from './client-authentication/two-methods.js'
import { unauthenticatedModules } from './client-authentication/unauthenticated.js'
import { discoveryModules } from './discovery/metadata.js'
import { dpopModules } from './dpop/index.js'
import { mtlsModules } from './mtls/index.js'
import { redirectFlowModules } from './redirect-flows/authorization-code.js'
import { idTokenModules } from './redirect-flows/id-token.js'
import { refreshTokenModules } from './redirect-flows/refresh-token.js'
import {
  parRedirectUriModules,
  parRequestUriModules,
  requestObjectModules,
  responseTypeModules,
} from './request-objects/par-request-objects.js'
import { userinfoModules } from './redirect-flows/userinfo.js'

/** Every module, in report order. A profile runs those whose surface it lists. */
export const MODULES: Module[] = [
  ...discoveryModules,
  ...authMethodModules,
  ...tokenResponseModules,
  ...wrongSecretModules,
  ...publicClientModules,
  ...assertionAlgModules,
  ...clientKeyModules,
  ...assertionAudienceModules,
  ...assertionClaimModules,
  ...assertionClockModules,
  ...clientSecretJwtModules,
  ...clientIdMismatchModules,
  ...twoMethodsModules,
  ...unauthenticatedModules,
  ...parAudienceModules,
  ...endpointClientAuthModules,
  ...parAssertionModules,
  ...parRequestUriModules,
  ...requestObjectModules,
  ...responseTypeModules,
  ...parRedirectUriModules,
  ...cibaModules,
  ...cibaDeliveryModules,
  ...mtlsModules,
  ...dpopModules,
  ...redirectFlowModules,
  ...idTokenModules,
  ...refreshTokenModules,
  ...userinfoModules,
]
