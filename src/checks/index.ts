import type { Check } from './define.js'
import authorizationResponseCodeAndState from './authorization/authorization-response-code-and-state.js'
import authorizationResponseIss from './authorization/authorization-response-iss.js'
import jarmResponse from './authorization/jarm-response.js'
import jarmSigningKey from './authorization/jarm-signing-key.js'
import idTokenCHash from './id-token/id-token-c-hash.js'
import idTokenSHash from './id-token/id-token-s-hash.js'
import idTokenSigningAlg from './id-token/id-token-signing-alg.js'
import authorizationRefused from './authorization/authorization-refused.js'
import outsideParameterNotUsed from './authorization/outside-parameter-not-used.js'
import idTokenAud from './id-token/id-token-aud.js'
import idTokenExpIat from './id-token/id-token-exp-iat.js'
import idTokenIss from './id-token/id-token-iss.js'
import idTokenNonce from './id-token/id-token-nonce.js'
import idTokenSignature from './id-token/id-token-signature.js'
import idTokenAtHash from './id-token/id-token-at-hash.js'
import idTokenSigningKey from './id-token/id-token-signing-key.js'
import userinfoResponse from './userinfo/userinfo-response.js'
import userinfoRefusesMissingToken from './userinfo/userinfo-refuses-missing-token.js'
import cibaDeliveryModesExcludePush from './ciba/ciba-delivery-modes-exclude-push.js'
import cibaMetadataValid from './ciba/ciba-metadata-valid.js'
import pollAuthorizationPending from './ciba/poll-authorization-pending.js'
import pollAnswersError from './ciba/poll-answers-error.js'
import pingNotification from './ciba/ping-notification.js'
import pushTokenDelivery from './ciba/push-token-delivery.js'
import pushIdTokenBinding from './ciba/push-id-token-binding.js'
import authMethodsIncludeAllowed from './discovery/auth-methods-include-allowed.js'
import authMethodsWithinProfile from './discovery/auth-methods-within-profile.js'
import discoveryIssuerMatches from './discovery/discovery-issuer-matches.js'
import signingAlgsExcludeNone from './discovery/signing-algs-exclude-none.js'
import signingAlgsIncludeAllowed from './discovery/signing-algs-include-allowed.js'
import signingAlgsListedForJwtMethods from './discovery/signing-algs-listed-for-jwt-methods.js'
import signingAlgsWithinProfile from './discovery/signing-algs-within-profile.js'
import validateDiscoveryMetadata from './discovery/validate-discovery-metadata.js'
import boundTokenRefusedByResource from './mtls/bound-token-refused-by-resource.js'
import handshakeRefused from './mtls/handshake-refused.js'
import mtlsAuthMethodsAdvertised from './mtls/mtls-auth-methods-advertised.js'
import resourceAcceptsBoundToken from './mtls/resource-accepts-bound-token.js'
import tokenBoundToCertificate from './mtls/token-bound-to-certificate.js'
import validateMtlsEndpointAliases from './mtls/validate-mtls-endpoint-aliases.js'
import dpopChallenge from './dpop/dpop-challenge.js'
import dpopNonceSupplied from './dpop/dpop-nonce-supplied.js'
import dpopRefusedByResource from './dpop/dpop-refused-by-resource.js'
import resourceAcceptsDpopToken from './dpop/resource-accepts-dpop-token.js'
import tokenBoundToDpopKey from './dpop/token-bound-to-dpop-key.js'
import tokenTypeDpop from './dpop/token-type-dpop.js'
import codeBindingEnforced from './dpop/code-binding-enforced.js'
import errorCodeAsSpecified from './errors/error-code-as-specified.js'
import oauthErrorResponse from './errors/oauth-error-response.js'
import registrationErrorResponse from './errors/registration-error-response.js'
import attemptAccepted from './token-endpoint/attempt-accepted.js'
import attemptRefused from './token-endpoint/attempt-refused.js'
import invalidClientBasicIs401 from './token-endpoint/invalid-client-basic-is-401.js'
import tokenResponseNotCacheable from './token-endpoint/token-response-not-cacheable.js'
import tokenResponsePragmaNoCache from './token-endpoint/token-response-pragma-no-cache.js'

/** Every check, by surface; docs/checks.md is generated from this list. */
export const CHECKS: Record<string, Check<any>[]> = {
  discovery: [
    validateDiscoveryMetadata,
    discoveryIssuerMatches,
    authMethodsWithinProfile,
    authMethodsIncludeAllowed,
    signingAlgsListedForJwtMethods,
    signingAlgsIncludeAllowed,
    signingAlgsWithinProfile,
    signingAlgsExcludeNone,
  ],
  'token endpoint': [
    attemptAccepted,
    attemptRefused,
    tokenResponseNotCacheable,
    tokenResponsePragmaNoCache,
    invalidClientBasicIs401,
  ],
  'error responses': [oauthErrorResponse, registrationErrorResponse, errorCodeAsSpecified],
  ciba: [
    cibaMetadataValid,
    cibaDeliveryModesExcludePush,
    pollAuthorizationPending,
    pollAnswersError,
    pingNotification,
    pushTokenDelivery,
    pushIdTokenBinding,
  ],
  'redirect flows': [
    authorizationResponseCodeAndState,
    authorizationRefused,
    outsideParameterNotUsed,
    authorizationResponseIss,
    jarmResponse,
    jarmSigningKey,
  ],
  'ID Token': [
    idTokenSignature,
    idTokenIss,
    idTokenAud,
    idTokenExpIat,
    idTokenNonce,
    idTokenAtHash,
    idTokenSigningKey,
    idTokenCHash,
    idTokenSHash,
    idTokenSigningAlg,
  ],
  UserInfo: [userinfoResponse, userinfoRefusesMissingToken],
  'mutual TLS': [
    handshakeRefused,
    tokenBoundToCertificate,
    resourceAcceptsBoundToken,
    boundTokenRefusedByResource,
    mtlsAuthMethodsAdvertised,
    validateMtlsEndpointAliases,
  ],
  DPoP: [
    tokenTypeDpop,
    tokenBoundToDpopKey,
    resourceAcceptsDpopToken,
    dpopRefusedByResource,
    dpopChallenge,
    dpopNonceSupplied,
    codeBindingEnforced,
  ],
}
