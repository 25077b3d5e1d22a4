// The only module suites/ and profiles/ import.
export * from './suite/profile.js'
export type { Level, RequirementId } from './spec/requirements.js'
export * from './suite/module.js'
export * from './suite/expect.js'
export * from './suite/attempt.js'
export * from './suite/flow.js'
export type { ResultRecord, RunResults, Status, Exchange, CheckOutcome } from './suite/result.js'
export type { ServerMetadata, TestClient } from './client/types.js'
export type { ClientSpec } from './client/simulator.js'
export * from './client/auth/index.js'
export * from './mutators/index.js'
export { pkcePair } from './client/pkce.js'
export {
  SignedAuthenticationRequest,
  SignedAuthorizationRequest,
  PlainAuthenticationRequest,
  fixesRequestForm,
  buildRequestObject,
  buildAuthorizationRequestObject,
  requestObjectClaims,
  requestObjectAlg,
  DEFAULT_REQUEST_LIFETIME_S,
  type RequestObjectOptions,
} from './client/request-object.js'
export { getKey, type KeyKind, type KeyPair } from './crypto/keys.js'
export { HarnessError, type HarnessErrorCode } from './errors.js'
export { default as validateDiscoveryMetadata } from './checks/discovery/validate-discovery-metadata.js'
export { default as discoveryIssuerMatches } from './checks/discovery/discovery-issuer-matches.js'
export { default as authMethodsWithinProfile } from './checks/discovery/auth-methods-within-profile.js'
export { default as authMethodsIncludeAllowed } from './checks/discovery/auth-methods-include-allowed.js'
export { default as signingAlgsWithinProfile } from './checks/discovery/signing-algs-within-profile.js'
export { default as signingAlgsExcludeNone } from './checks/discovery/signing-algs-exclude-none.js'
export { default as signingAlgsIncludeAllowed } from './checks/discovery/signing-algs-include-allowed.js'
export {
  default as signingAlgsListedForJwtMethods,
  JWT_METHODS,
} from './checks/discovery/signing-algs-listed-for-jwt-methods.js'
export { default as cibaMetadataValid } from './checks/ciba/ciba-metadata-valid.js'
export { default as cibaDeliveryModesExcludePush } from './checks/ciba/ciba-delivery-modes-exclude-push.js'
export { default as pollAuthorizationPending } from './checks/ciba/poll-authorization-pending.js'
export { default as pollAnswersError } from './checks/ciba/poll-answers-error.js'
export { default as pingNotification } from './checks/ciba/ping-notification.js'
export { default as pushTokenDelivery, pushBody } from './checks/ciba/push-token-delivery.js'
export { default as pushIdTokenBinding } from './checks/ciba/push-id-token-binding.js'
export {
  notificationToken,
  type NotificationReceiver,
  type ReceivedNotification,
} from './suite/notifications.js'
export type { EndUserCall } from './client/simulator.js'
export { default as attemptAccepted } from './checks/token-endpoint/attempt-accepted.js'
export { default as attemptRefused } from './checks/token-endpoint/attempt-refused.js'
export { default as oauthErrorResponse } from './checks/errors/oauth-error-response.js'
export { default as registrationErrorResponse } from './checks/errors/registration-error-response.js'
export { default as errorCodeAsSpecified } from './checks/errors/error-code-as-specified.js'
export { default as tokenResponseNotCacheable } from './checks/token-endpoint/token-response-not-cacheable.js'
export { default as tokenResponsePragmaNoCache } from './checks/token-endpoint/token-response-pragma-no-cache.js'
export type { Registration } from './suite/flow.js'
export {
  DEFAULT_DENY_STEPS,
  DEFAULT_LOGIN_STEPS,
  ERROR_PAGE_SETTLE_MS,
  type BrowserDriver,
  type LoginStep,
  type RefusalOptions,
  type RefusalResult,
} from './suite/browser.js'
export {
  default as authorizationRefused,
  type AuthorizationRefusedInput,
} from './checks/authorization/authorization-refused.js'
export { runSuite } from './suite/playwright.js'
// Mutual TLS (RFC 8705): client certificates made to order, a chosen certificate on a request,
// the run plan (for the client CA and the protected resource), and the mTLS checks.
export {
  ClientCertificates,
  type CertificateIssuer,
  type CertificateRequest,
  type ClientCertificate,
} from './client/auth/client-certificates.js'
export { PresentCertificate } from './client/auth/present-certificate.js'
export type { CallOptions } from './client/simulator.js'
export type { ClientIdentity } from './http/agents.js'
export { subjectDn, thumbprintS256, type KeyAlg, type SubjectAltNames } from './crypto/certs.js'
export { loadPlan, type RunPlan } from './suite/plan.js'
export { default as handshakeRefused } from './checks/mtls/handshake-refused.js'
export { default as tokenBoundToCertificate } from './checks/mtls/token-bound-to-certificate.js'
export { accessTokenOf, jwtPayload } from './checks/token-binding.js'
export { default as resourceAcceptsBoundToken } from './checks/mtls/resource-accepts-bound-token.js'
export { default as boundTokenRefusedByResource } from './checks/mtls/bound-token-refused-by-resource.js'
export { default as mtlsAuthMethodsAdvertised } from './checks/mtls/mtls-auth-methods-advertised.js'
export { default as validateMtlsEndpointAliases } from './checks/mtls/validate-mtls-endpoint-aliases.js'
export { default as tokenTypeDpop } from './checks/dpop/token-type-dpop.js'
export { default as tokenBoundToDpopKey } from './checks/dpop/token-bound-to-dpop-key.js'
export { default as resourceAcceptsDpopToken } from './checks/dpop/resource-accepts-dpop-token.js'
export { default as dpopRefusedByResource } from './checks/dpop/dpop-refused-by-resource.js'
export { default as dpopChallenge } from './checks/dpop/dpop-challenge.js'
export { default as dpopNonceSupplied } from './checks/dpop/dpop-nonce-supplied.js'
export { default as codeBindingEnforced } from './checks/dpop/code-binding-enforced.js'
export {
  generateDpopKey,
  dpopProof,
  htuOf,
  accessTokenHash,
  dpopChallenge as parseDpopChallenge,
  DpopProofVariation,
  type DpopKey,
  type DpopVariation,
  type DpopProofInput,
} from './client/dpop.js'
export { dpopNonceDemanded } from './client/simulator.js'
