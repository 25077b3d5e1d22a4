import mtlsAcceptsAnyCertificate from './mtls-accepts-any-certificate.js'
import mtlsIgnoresSubjectMatch from './mtls-ignores-subject-match.js'
import mtlsIssuesUnboundTokens from './mtls-issues-unbound-tokens.js'
import mtlsResourceIgnoresBinding from './mtls-resource-ignores-binding.js'
import resourceRefusesBoundToken from './resource-refuses-bound-token.js'
import unauthenticatedPar from './unauthenticated-par.js'
import parAcceptsUnsignedRequest from './par-accepts-unsigned-request.js'
import parAcceptsRequestUri from './par-accepts-request-uri.js'
import parPkceNotRequired from './par-pkce-not-required.js'
import parRefusesMtlsClientAuth from './par-refuses-mtls-client-auth.js'
import requestObjectAcceptsBadSignature from './request-object-accepts-bad-signature.js'
import requestObjectAcceptsForeignKey from './request-object-accepts-foreign-key.js'
import requestObjectAcceptsAlgNone from './request-object-accepts-alg-none.js'
import requestObjectAcceptsRs256 from './request-object-accepts-rs256.js'
import requestObjectAcceptsAnyAud from './request-object-accepts-any-aud.js'
import requestObjectRefusesAudArray from './request-object-refuses-aud-array.js'
import requestObjectAcceptsMissingExp from './request-object-accepts-missing-exp.js'
import requestObjectAcceptsMissingNbf from './request-object-accepts-missing-nbf.js'
import requestObjectAcceptsExpired from './request-object-accepts-expired.js'
import requestObjectAcceptsLongLived from './request-object-accepts-long-lived.js'
import requestObjectNbfAgeUnchecked from './request-object-nbf-age-unchecked.js'
import requestObjectRedirectUriDefaulted from './request-object-redirect-uri-defaulted.js'
import fapi1RedirectUriDefaulted from './fapi1-redirect-uri-defaulted.js'
import fapi2ParRedirectUriDefaulted from './fapi2-par-redirect-uri-defaulted.js'
import codeReplayKeepsTokens from './code-replay-keeps-tokens.js'
import jarmShortRsaKey from './jarm-short-rsa-key.js'
import requestObjectAcceptsMissingNonce from './request-object-accepts-missing-nonce.js'
import parRequestUriReusable from './par-request-uri-reusable.js'
import parRequestUriOutlivesLifetime from './par-request-uri-outlives-lifetime.js'
import requestObjectOuterStateUsed from './request-object-outer-state-used.js'
import parRequestUriNotBound from './par-request-uri-not-bound.js'
import parNotRequired from './par-not-required.js'
import fapi1CodeWithoutJarmAccepted from './fapi1-code-without-jarm-accepted.js'
import fapi2ParTreatsCodeIdTokenAsCode from './fapi2-par-treats-code-id-token-as-code.js'
import fapi2ParTreatsTokenAsCode from './fapi2-par-treats-token-as-code.js'
import unauthenticatedRevocation from './unauthenticated-revocation.js'
import unauthenticatedTokenRequest from './unauthenticated-token-request.js'
/**
 * The mutant catalog: one deliberately broken reference AS per rule (see
 * src/reference-as/mutant.ts). Mutants with `sourcePatches` need a child process
 * (`startReferenceASProcess`); the others also run in process (`startReferenceAS({ mutant })`).
 */
import type { Mutant } from '../../src/reference-as/mutant.js'
import acceptsAnyAud from './accepts-any-aud.js'
import acceptsClientSecretBasic from './accepts-client-secret-basic.js'
import acceptsClientSecretJwt from './accepts-client-secret-jwt.js'
import acceptsClientSecretPost from './accepts-client-secret-post.js'
import acceptsExpiredAssertion from './accepts-expired-assertion.js'
import acceptsHs256PublicKey from './accepts-hs256-public-key.js'
import acceptsMissingExp from './accepts-missing-exp.js'
import acceptsMissingJti from './accepts-missing-jti.js'
import acceptsPublicClient from './accepts-public-client.js'
import acceptsPublicClientCredentials from './accepts-public-client-credentials.js'
import acceptsRs256 from './accepts-rs256.js'
import acceptsRsa1024 from './accepts-rsa-1024.js'
import acceptsTokenEndpointAud from './accepts-token-endpoint-aud.js'
import acceptsTwoMethods from './accepts-two-methods.js'
import acceptsUnregisteredKey from './accepts-unregistered-key.js'
import acceptsUnsignedAssertion from './accepts-unsigned-assertion.js'
import acceptsWrongIss from './accepts-wrong-iss.js'
import acceptsWrongSub from './accepts-wrong-sub.js'
import cibaAllowsPush from './ciba-allows-push.js'
import cibaUnauthenticatedBackchannel from './ciba-unauthenticated-backchannel.js'
import cibaAcceptsUnsignedRequest from './ciba-accepts-unsigned-request.js'
import cibaAcceptsLongLivedRequest from './ciba-accepts-long-lived-request.js'
import forgetsJti from './forgets-jti.js'
import listsForbiddenMethod from './lists-forbidden-method.js'
import listsNoneAlg from './lists-none-alg.js'
import refusesIssuerAud from './refuses-issuer-aud.js'
import serverErrorOnRefusal from './server-error-on-refusal.js'
import tokenResponseCacheable from './token-response-cacheable.js'
import basicRefusalNot401 from './basic-refusal-not-401.js'
import discoveryInvalidMember from './discovery-invalid-member.js'
import discoveryWrongIssuer from './discovery-wrong-issuer.js'
import advertisesNoAllowedMethod from './advertises-no-allowed-method.js'
import cibaMetadataIncomplete from './ciba-metadata-incomplete.js'
import cibaApprovesImmediately from './ciba-approves-immediately.js'
import malformedMtlsAliases from './malformed-mtls-aliases.js'
import mtlsMethodsNotAdvertised from './mtls-methods-not-advertised.js'
import registrationRefusalNot400 from './registration-refusal-not-400.js'
import invalidRequestForBadAssertion from './invalid-request-for-bad-assertion.js'
import dropsSigningAlgMetadata from './drops-signing-alg-metadata.js'
import listsNoFapiAlg from './lists-no-fapi-alg.js'
import redirectUrisAndForgetsJti from './redirect-uris-and-forgets-jti.js'
import scopeAndAcceptsRs256 from './scope-and-accepts-rs256.js'
import refusesNearFutureAssertion from './refuses-near-future-assertion.js'
import acceptsFarFutureAssertion from './accepts-far-future-assertion.js'
import ignoresClientIdWithAssertion from './ignores-client-id-with-assertion.js'
import clientIdMismatchInvalidRequest from './client-id-mismatch-invalid-request.js'
import refusesParEndpointAud from './refuses-par-endpoint-aud.js'
import acceptsParEndpointAud from './accepts-par-endpoint-aud.js'
import acceptsWrongClientSecretJwt from './accepts-wrong-client-secret-jwt.js'
import authorizationResponseDropsState from './authorization-response-drops-state.js'
import codeAcceptsWrongVerifier from './code-accepts-wrong-verifier.js'
import codeAcceptsMissingVerifier from './code-accepts-missing-verifier.js'
import codeReplayAccepted from './code-replay-accepted.js'
import codeIgnoresRedirectUri from './code-ignores-redirect-uri.js'
import idTokenDropsNonce from './id-token-drops-nonce.js'
import idTokenWrongIss from './id-token-wrong-iss.js'
import idTokenForeignKey from './id-token-foreign-key.js'
import idTokenWrongAud from './id-token-wrong-aud.js'
import fapi2OmitsAuthorizationResponseIss from './fapi2-omits-authorization-response-iss.js'
import hybridWrongCHash from './hybrid-wrong-c-hash.js'
import hybridDropsSHash from './hybrid-drops-s-hash.js'
import idTokenSignedRs256 from './id-token-signed-rs256.js'
import jarmWrongAud from './jarm-wrong-aud.js'
import idTokenExpired from './id-token-expired.js'
import refreshTokenGrantRefused from './refresh-token-grant-refused.js'
import dpopResourceIgnoresKeyBinding from './dpop-resource-ignores-key-binding.js'
import dpopResourceIgnoresHtm from './dpop-resource-ignores-htm.js'
import dpopResourceIgnoresHtu from './dpop-resource-ignores-htu.js'
import dpopResourceIgnoresAth from './dpop-resource-ignores-ath.js'
import dpopResourceAcceptsStaleProof from './dpop-resource-accepts-stale-proof.js'
import dpopResourceAcceptsBearer from './dpop-resource-accepts-bearer.js'
import dpopResourceProofOptional from './dpop-resource-proof-optional.js'
import dpopResourceForgetsJti from './dpop-resource-forgets-jti.js'
import dpopResourceRefusal403 from './dpop-resource-refusal-403.js'
import dpopAcceptsUnsignedProof from './dpop-accepts-unsigned-proof.js'
import dpopAcceptsPrivateJwk from './dpop-accepts-private-jwk.js'
import dpopAcceptsWrongTyp from './dpop-accepts-wrong-typ.js'
import dpopIgnoresHtu from './dpop-ignores-htu.js'
import dpopIgnoresHtm from './dpop-ignores-htm.js'
import dpopAcceptsStaleProof from './dpop-accepts-stale-proof.js'
import dpopNonceIgnored from './dpop-nonce-ignored.js'
import dpopNonceChallengeWithoutHeader from './dpop-nonce-challenge-without-header.js'
import fapi2IssuesUnboundTokens from './fapi2-issues-unbound-tokens.js'
import dpopTokenTypeBearer from './dpop-token-type-bearer.js'
import dpopIntrospectionDropsJkt from './dpop-introspection-drops-jkt.js'
import dpopResourceRefusesBoundToken from './dpop-resource-refuses-bound-token.js'
import dpopJktIgnored from './dpop-jkt-ignored.js'
import dpopParProofIgnored from './dpop-par-proof-ignored.js'
import redirectsToUnregisteredUri from './redirects-to-unregistered-uri.js'
import pkcePlainAccepted from './pkce-plain-accepted.js'
import consentDenialNotAccessDenied from './consent-denial-not-access-denied.js'
import codeAcceptedFromOtherClient from './code-accepted-from-other-client.js'
import idTokenWrongAtHash from './id-token-wrong-at-hash.js'
import userinfoWrongSub from './userinfo-wrong-sub.js'
import userinfoWithoutToken from './userinfo-without-token.js'
import expiredCodeAccepted from './expired-code-accepted.js'
import idTokenShortRsaKey from './id-token-short-rsa-key.js'
import cibaPingWithoutToken from './ciba-ping-without-token.js'
import cibaIgnoresExpiry from './ciba-ignores-expiry.js'
import cibaDenialAsInvalidGrant from './ciba-denial-as-invalid-grant.js'
import cibaPushWithoutToken from './ciba-push-without-token.js'
import cibaPushIdTokenWithoutAuthReqId from './ciba-push-id-token-without-auth-req-id.js'
import cibaPushIdTokenWithoutAtHash from './ciba-push-id-token-without-at-hash.js'
import cibaPushClientPolls from './ciba-push-client-polls.js'
import deviceForgetsJti from './device-forgets-jti.js'
import unauthenticatedDevice from './unauthenticated-device.js'

export const MUTANTS: readonly Mutant[] = [
  acceptsRs256,
  acceptsClientSecretBasic,
  acceptsClientSecretJwt,
  acceptsClientSecretPost,
  forgetsJti,
  acceptsAnyAud,
  refusesIssuerAud,
  acceptsTokenEndpointAud,
  acceptsTwoMethods,
  acceptsExpiredAssertion,
  acceptsMissingJti,
  acceptsMissingExp,
  acceptsWrongIss,
  acceptsWrongSub,
  acceptsUnregisteredKey,
  acceptsUnsignedAssertion,
  acceptsHs256PublicKey,
  acceptsRsa1024,
  acceptsPublicClientCredentials,
  acceptsPublicClient,
  listsNoneAlg,
  listsForbiddenMethod,
  dropsSigningAlgMetadata,
  listsNoFapiAlg,
  cibaAllowsPush,
  cibaUnauthenticatedBackchannel,
  cibaAcceptsUnsignedRequest,
  cibaAcceptsLongLivedRequest,
  serverErrorOnRefusal,
  tokenResponseCacheable,
  basicRefusalNot401,
  discoveryInvalidMember,
  discoveryWrongIssuer,
  advertisesNoAllowedMethod,
  cibaMetadataIncomplete,
  cibaApprovesImmediately,
  malformedMtlsAliases,
  mtlsMethodsNotAdvertised,
  mtlsAcceptsAnyCertificate,
  mtlsIgnoresSubjectMatch,
  mtlsIssuesUnboundTokens,
  mtlsResourceIgnoresBinding,
  resourceRefusesBoundToken,
  unauthenticatedTokenRequest,
  unauthenticatedRevocation,
  unauthenticatedPar,
  // CIBA delivery and every endpoint that authenticates a client (issue #10)
  unauthenticatedDevice,
  deviceForgetsJti,
  cibaPingWithoutToken,
  cibaIgnoresExpiry,
  cibaDenialAsInvalidGrant,
  cibaPushWithoutToken,
  cibaPushIdTokenWithoutAuthReqId,
  cibaPushIdTokenWithoutAtHash,
  cibaPushClientPolls,
  registrationRefusalNot400,
  invalidRequestForBadAssertion,
  // isolation: a broken rule behind an alternative-correct policy (test/alternatives)
  redirectUrisAndForgetsJti,
  scopeAndAcceptsRs256,
  refusesNearFutureAssertion,
  acceptsFarFutureAssertion,
  ignoresClientIdWithAssertion,
  clientIdMismatchInvalidRequest,
  refusesParEndpointAud,
  acceptsParEndpointAud,
  acceptsWrongClientSecretJwt,
  // redirect flows (issue #9)
  authorizationResponseDropsState,
  codeAcceptsWrongVerifier,
  codeAcceptsMissingVerifier,
  codeReplayAccepted,
  codeIgnoresRedirectUri,
  redirectsToUnregisteredUri,
  pkcePlainAccepted,
  consentDenialNotAccessDenied,
  codeAcceptedFromOtherClient,
  idTokenWrongAtHash,
  userinfoWrongSub,
  userinfoWithoutToken,
  expiredCodeAccepted,
  idTokenShortRsaKey,
  idTokenDropsNonce,
  idTokenWrongIss,
  idTokenForeignKey,
  idTokenWrongAud,
  fapi2OmitsAuthorizationResponseIss,
  hybridWrongCHash,
  hybridDropsSHash,
  idTokenSignedRs256,
  jarmWrongAud,
  idTokenExpired,
  refreshTokenGrantRefused,
  // request objects and PAR (issue #9)
  parAcceptsUnsignedRequest,
  parAcceptsRequestUri,
  parPkceNotRequired,
  parRefusesMtlsClientAuth,
  requestObjectAcceptsBadSignature,
  requestObjectAcceptsForeignKey,
  requestObjectAcceptsAlgNone,
  requestObjectAcceptsRs256,
  requestObjectAcceptsAnyAud,
  requestObjectRefusesAudArray,
  requestObjectAcceptsMissingExp,
  requestObjectAcceptsMissingNbf,
  requestObjectAcceptsExpired,
  requestObjectAcceptsLongLived,
  requestObjectNbfAgeUnchecked,
  requestObjectRedirectUriDefaulted,
  fapi1RedirectUriDefaulted,
  fapi2ParRedirectUriDefaulted,
  codeReplayKeepsTokens,
  jarmShortRsaKey,
  requestObjectAcceptsMissingNonce,
  parRequestUriReusable,
  parRequestUriOutlivesLifetime,
  requestObjectOuterStateUsed,
  parRequestUriNotBound,
  parNotRequired,
  fapi1CodeWithoutJarmAccepted,
  fapi2ParTreatsCodeIdTokenAsCode,
  fapi2ParTreatsTokenAsCode,
  // DPoP (RFC 9449, issue #10)
  dpopResourceIgnoresKeyBinding,
  dpopResourceIgnoresHtm,
  dpopResourceIgnoresHtu,
  dpopResourceIgnoresAth,
  dpopResourceAcceptsStaleProof,
  dpopResourceAcceptsBearer,
  dpopResourceProofOptional,
  dpopResourceForgetsJti,
  dpopResourceRefusal403,
  dpopAcceptsUnsignedProof,
  dpopAcceptsPrivateJwk,
  dpopAcceptsWrongTyp,
  dpopIgnoresHtu,
  dpopIgnoresHtm,
  dpopAcceptsStaleProof,
  dpopNonceIgnored,
  dpopNonceChallengeWithoutHeader,
  fapi2IssuesUnboundTokens,
  dpopTokenTypeBearer,
  dpopIntrospectionDropsJkt,
  dpopResourceRefusesBoundToken,
  dpopJktIgnored,
  dpopParProofIgnored,
]

export function mutantById(id: string): Mutant {
  const m = MUTANTS.find((x) => x.id === id)
  if (!m) throw new Error(`unknown mutant: ${id}`)
  return m
}

/** Whether a mutant must run in a child process (it patches library sources). */
export function needsChildProcess(m: Mutant): boolean {
  return !!m.sourcePatches?.length
}
