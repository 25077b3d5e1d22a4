/**
 * The requirement registry: every clause a check may cite. Ids follow the OpenID Foundation
 * conformance suite (`<SPEC>-<section>[-<list item>]`) so reports compare side by side with OIDF
 * logs. `quote` is a short verbatim excerpt of the clause, filled in by whoever verified it against
 * the spec text; an entry without one is listed as "unverified clause" in docs/requirements.md.
 *
 * Every entry states a duty of the SERVER (the authorization server, or where noted the resource
 * server) and `level` is that duty's keyword. A sentence that binds the client (e.g. "The client
 * MUST NOT use more than one authentication method") is never an entry's quote: the entry quotes
 * the sentence that tells the server what to do about it (there, RFC 6749 §5.2 invalid_request).
 *
 * Item numbers: for FAPI and OIDC the item is the numbered list item of the section (OIDF suite
 * convention). For an RFC section with a numbered or definition list (RFC 7523 §3, the error codes
 * of RFC 6749 §5.2, the client metadata of OIDC Registration §2) it is the list item; for an RFC
 * section without one it is the paragraph number of the rfc-editor.org HTML (`#section-2-5`).
 *
 * Quotes checked word for word (see the git log of this file for the sources read): RFC 6749
 * (§2.3, 2.3.1, 3.2.1, 4.1.2, 4.1.4, 4.4, 5.1, 5.2), RFC 6749 §6 (refresh), RFC 7523 §3/§3.2, RFC 7591 §3.2.1/§3.2.2, RFC 8414 §2/§3.2/
 * §3.3, RFC 8705 §2/2.1/2.1.2/2.2/3/3.1/3.3/5, RFC 8725 §3.1/§3.2, RFC 9126 §2, OIDC Core 1.0
 * errata set 2 §2 (ID Token claims), §3.1.3.7 and §9 (openid/connect openid-connect-core-1_0.xml), Discovery 1.0 errata set 2 §3/§4.3, Registration 1.0 errata set 2 §2, FAPI 1.0
 * Part 1 and Part 2 §5.2.2 and §8.6 (errata-1 source, same numbering as Final; Part 2 §5.2.2 items 1, 13,
 * 15, 17 and 18 read in openid/fapi FAPI_1.0/openid-financial-api-part-2-1_0.md), FAPI 2.0 Security
 * Profile §5.3.2.1/§5.3.2.2/§5.4.1 (working-group source of the Final text), FAPI-CIBA §5.2.2
 * items 1, 2, 3, 6 and 9 (working-group source Financial_API_WD_CIBA.md, 2019 text; later drafts
 * relax item 6 to "shall support unsigned and signed"; numbering as the OIDF suite cites it), RFC
 * 6750 §3.1, RFC 7009 §2.1, RFC 7518 §3.3/§3.5. Not read against a primary text: RFC 7517 §4.7,
 * CIBA Core (incl. §10.2, §11 items 2-4), RFC 8628 §3.1 (as quoted on the IETF OAuth list and in
 * golang/oauth2#685), RFC 6749 §4.1.3 item 5/§5.2 item 3/§10.5, RFC 7636 §4.6, RFC 9700 §2.1.1,
 * FAPI 1.0 Part 1 §5.2.2 item 7, RFC 6749 §4.1.2.1 (paragraphs 1 and 2, access_denied, state) and
 * §4.1.3 item 3, RFC 6750 §3, OIDC Core §2 (sub), §3.1.3.6 (at_hash), §5.3 and §5.3.2 (their
 * quotes agree with several independent quotations of them), RFC 9126 §2.1 item 2 and §2.3 paragraph 2, RFC 9101 §6.2, RFC 7519
 * §4.1.4 (read in the rfcinfo.com mirror of RFC 9101/9126 and in independent quotations).
 * Added with the FAPI redirect flows: FAPI 1.0 Part 2 Final §5.2.2 items 1, 2, 10, §5.2.2.1 items
 * 4-5 and §5.2.2.2 item 1, FAPI 2.0 Security Profile §5.3.2.2 items 3 and 7 (working-group markdown
 * sources, markup dropped); RFC 9207 §2, JARM §2.1 (the Final's "The JWT always contains" list) and
 * OIDC Core §3.3.2.11 (c_hash) were read in several independent verbatim quotations, not the
 * primary text.
 * Added with the authorization-side cases (openid/fapi FAPI_1.0/*.md, markup kept as in the
 * source): FAPI 1.0 Part 2 §5.2.2 items 10 and 11 (the entry that said "10" for PAR was item 11:
 * items 3, 4, 8, 9 are "(moved to 5.2.2.1)" and 7, 12 "(withdrawn)", and they count), Part 1
 * §5.2.2 item 9 and §5.2.2.2 item 1 (Part 2 §5.2.2.0 takes in Part 1's clause), FAPI 2.0 Security
 * Profile §5.3.2.2 items 1 and 6 (working-group markdown). RFC 9126 §2.2 (request_uri bound to its
 * client), §4 paragraph 3 and §7.3 were read in several independent verbatim quotations.
 * Added with the last authorization-side cases: RFC 6749 §4.1.2 item 1's "SHOULD revoke" sentence
 * (several independent verbatim quotations agree) and FAPI 2.0 Security Profile §5.3.2.2 item 6
 * (the Final's working-group markdown, markup kept: the list counts 1 response_type, 2 PAR
 * supported, 3 PAR required, 4 PAR authenticated, 5 PKCE, 6 redirect_uri, 7 iss).
 */
export type Level = 'shall' | 'should' | 'may'

export interface Requirement {
  level: Level
  summary: string
  quote?: string
}

export const REQUIREMENTS = {
  // OAuth 2.0 core (RFC 6749)
  'RFC6749-2.3': {
    level: 'shall',
    summary:
      'the AS never identifies a client by public-client authentication (the one-method-per-request rule of this section binds the client; the server side is RFC6749-5.2-1)',
    quote:
      'The authorization server MUST NOT rely on public client authentication for the purpose of identifying the client.',
  },
  'RFC6749-2.3.1': {
    level: 'shall',
    summary:
      'the AS supports HTTP Basic for clients issued a password; client_secret_post is optional (MAY), never in the URI; TLS and brute-force protection are required',
    quote:
      'The authorization server MUST support the HTTP Basic authentication scheme for authenticating clients that were issued a client password.',
  },
  'RFC6749-3.2.1': {
    level: 'shall',
    summary:
      'confidential clients (and clients issued credentials) authenticate at the token endpoint',
    quote:
      'Confidential clients or other clients issued client credentials MUST authenticate with the authorization server as described in Section 2.3 when making requests to the token endpoint.',
  },
  'RFC7009-2.1': {
    level: 'shall',
    summary:
      'the revocation endpoint validates the credentials of a confidential client before anything else',
    quote:
      'The authorization server first validates the client credentials (in case of a confidential client) and then verifies whether the token was issued to the client making the revocation request.',
  },
  'RFC8628-3.1': {
    level: 'shall',
    summary:
      'the device authorization endpoint applies the token endpoint client authentication rules (RFC 6749 §3.2.1): confidential clients authenticate there as at the token endpoint',
    quote:
      'The client authentication requirements of Section 3.2.1 of [RFC6749] apply to requests on this endpoint, which means that confidential clients (those that have established client credentials) authenticate in the same manner as when making requests to the token endpoint',
  },
  'RFC9126-2': {
    level: 'shall',
    summary:
      'the PAR endpoint applies the token endpoint client authentication rules of RFC 6749 (so RFC6749-3.2.1: confidential clients authenticate there), with the same methods',
    quote:
      'The rules for client authentication as defined in [RFC6749] for token endpoint requests, including the applicable authentication methods, apply for the PAR endpoint as well.',
  },
  'RFC9126-2-5': {
    level: 'shall',
    summary:
      'at the PAR endpoint the AS accepts its issuer identifier, token endpoint URL or PAR endpoint URL as client assertion aud (the issuer SHOULD be what clients send; FAPI2-SP-FINAL-5.3.2.1-8 narrows this to the issuer as a string)',
    quote:
      'In order to facilitate interoperability, the authorization server MUST accept its issuer identifier, token endpoint URL, or pushed authorization request endpoint URL as values that identify it as an intended audience.',
  },
  'RFC9126-2.1-2': {
    level: 'shall',
    summary:
      'the PAR endpoint refuses a pushed authorization request that carries a request_uri parameter (item 2 of the processing the AS MUST apply)',
    quote: 'Reject the request if the "request_uri" authorization request parameter is provided.',
  },
  'RFC9126-2.2-1': {
    level: 'shall',
    summary:
      "a request_uri is bound to the client that pushed the request: under another client's client_id it is refused (item 1, request_uri, of the response parameters)",
    quote:
      'The request_uri value MUST be bound to the client that posted the authorization request.',
  },
  'RFC9126-7.3': {
    level: 'should',
    summary:
      'a request_uri is one-time use: used a second time it is refused (§4: "SHOULD treat request_uri values as one-time use but MAY allow for duplicate requests due to a user reloading/refreshing their user agent")',
    quote:
      'In order to cope with such attacks, the authorization server SHOULD make the request URIs one-time use.',
  },
  'RFC9126-4-3': {
    level: 'shall',
    summary:
      'a request_uri used at the authorization endpoint after its lifetime (the expires_in of the PAR response, §2.2) is refused',
    quote: 'An expired request_uri MUST be rejected as invalid.',
  },
  'RFC9126-2.3-2': {
    level: 'shall',
    summary:
      'where signed request objects are required, the PAR endpoint refuses a request without one with HTTP 400 invalid_request',
    quote:
      'If the client is required to use signed Request Objects, by either the authorization server or the client policy (see [RFC9101], Section 10.5), the authorization server MUST only accept requests complying with the definition given in Section 3 and MUST refuse any other request with HTTP status code 400 and error code invalid_request.',
  },
  // JWT-Secured Authorization Request (RFC 9101) and JWT (RFC 7519)
  'RFC9101-6.2': {
    level: 'shall',
    summary:
      "the AS validates the signature of a request object with a key of the client and answers invalid_request_object where the key is not the client's or the signature does not verify",
    quote:
      'If the key is not associated with the client or if signature validation fails, the authorization server MUST return an invalid_request_object error to the client in response to the authorization request.',
  },
  'RFC7519-4.1.4': {
    level: 'shall',
    summary: 'a JWT (here a request object) is not accepted on or after its exp',
    quote:
      'The "exp" (expiration time) claim identifies the expiration time on or after which the JWT MUST NOT be accepted for processing.',
  },
  'RFC6749-4.1.2-1': {
    level: 'shall',
    summary:
      'a granted authorization request is answered at the redirect URI with an authorization code (item 1, `code`, of the response parameters)',
    quote:
      'If the resource owner grants the access request, the authorization server issues an authorization code and delivers it to the client by adding the following parameters to the query component of the redirection URI',
  },
  'RFC6749-4.1.2-3': {
    level: 'should',
    summary:
      'after an authorization code was used a second time (and refused), the tokens issued for its first use are revoked: its refresh token no longer buys an access token (a sentence of item 1, `code`, after its "MUST deny the request"; numbered 3 here, after rules 1 and 2 of §4.1.2 above; §10.5 says the same of access tokens: "SHOULD attempt to revoke all access tokens already granted based on the compromised authorization code")',
    quote:
      'If an authorization code is used more than once, the authorization server MUST deny the request and SHOULD revoke (when possible) all tokens previously issued based on that authorization code.',
  },
  'RFC6749-4.1.2-2': {
    level: 'shall',
    summary:
      'the authorization response returns the state of the request unchanged (item 2, `state`)',
    quote:
      'REQUIRED if the "state" parameter was present in the client authorization request. The exact value received from the client.',
  },
  'RFC6749-4.1.4': {
    level: 'shall',
    summary:
      'a valid token request of the authorization code grant (the code, redirect_uri and PKCE verifier of the authorization request) is answered with an access token',
    quote:
      'If the access token request is valid and authorized, the authorization server issues an access token and optional refresh token as described in Section 5.1.',
  },
  'RFC6749-4.1.3-5': {
    level: 'shall',
    summary:
      'the token request of the authorization code grant carries the redirect_uri of the authorization request, identical (item 5 of the list of what the AS MUST do)',
    quote:
      'ensure that the "redirect_uri" parameter is present if the "redirect_uri" parameter was included in the initial authorization request as described in Section 4.1.1, and if included ensure that their values are identical.',
  },
  'RFC6749-4.1.3-3': {
    level: 'shall',
    summary:
      'a code is exchanged only by the client it was issued to: another client\'s token request with it is refused (item 3 of the list of what the AS MUST do; §5.2 invalid_grant: "or was issued to another client")',
    quote:
      'ensure that the authorization code was issued to the authenticated confidential client, or if the client is public, ensure that the code was issued to "client_id" in the request,',
  },
  'RFC6749-4.1.2.1-1': {
    level: 'shall',
    summary:
      'an authorization request with a missing, invalid or mismatching redirect URI is never redirected to that URI (paragraph 1; informing the resource owner instead is a SHOULD)',
    quote:
      'If the request fails due to a missing, invalid, or mismatching redirection URI, or if the client identifier is missing or invalid, the authorization server SHOULD inform the resource owner of the error and MUST NOT automatically redirect the user-agent to the invalid redirection URI.',
  },
  'RFC6749-4.1.2.1-2': {
    level: 'shall',
    summary:
      'a request the resource owner denies is answered with an error response at the redirect URI (paragraph 2), not an error page at the AS',
    quote:
      'If the resource owner denies the access request or if the request fails for reasons other than a missing or invalid redirection URI, the authorization server informs the client by adding the following parameters to the query component of the redirection URI using the "application/x-www-form-urlencoded" format, per Appendix B:',
  },
  'RFC6749-4.1.2.1-3': {
    level: 'shall',
    summary:
      'the error code of a denial is access_denied (the `error` parameter, REQUIRED, one of the listed codes)',
    quote: 'The resource owner or authorization server denied the request.',
  },
  'RFC6749-4.1.2.1-4': {
    level: 'shall',
    summary: 'an error response returns the state of the request unchanged (the `state` parameter)',
    quote:
      'REQUIRED if a "state" parameter was present in the client authorization request. The exact value received from the client.',
  },
  'RFC6749-10.5-2': {
    level: 'shall',
    summary:
      'an authorization code buys tokens once: a second exchange of the same code is refused (§4.1.2 item 1 says the same: "If an authorization code is used more than once, the authorization server MUST deny the request")',
    quote: 'Authorization codes MUST be short lived and single-use.',
  },
  'RFC7636-4.6': {
    level: 'shall',
    summary:
      'a code_verifier that does not transform to the code_challenge of the authorization request is refused with invalid_grant',
    quote:
      'If the values are not equal, an error response indicating "invalid_grant" as described in Section 5.2 of [RFC6749] MUST be returned.',
  },
  'RFC9700-2.1.1': {
    level: 'shall',
    summary:
      'where the authorization request carried a code_challenge, the token request must carry its correct code_verifier (a token request without one is refused)',
    quote:
      'If a client sends a valid PKCE code_challenge parameter in the authorization request, the authorization server MUST enforce the correct usage of code_verifier at the token endpoint.',
  },
  'RFC6749-6': {
    level: 'shall',
    summary:
      'a valid refresh request (grant_type refresh_token, the refresh token issued to the client, its registered client authentication) is answered with an access token',
    quote:
      'If valid and authorized, the authorization server issues an access token as described in Section 5.1.',
  },
  'RFC6749-4.4': {
    level: 'shall',
    summary: 'the client credentials grant is for confidential clients only',
    quote: 'The client credentials grant type MUST only be used by confidential clients.',
  },
  'RFC6749-5.1': {
    level: 'shall',
    summary:
      'successful token response: JSON with access_token, token_type; Cache-Control: no-store and Pragma: no-cache',
    quote:
      'The authorization server MUST include the HTTP "Cache-Control" response header field [RFC2616] with a value of "no-store" in any response containing tokens, credentials, or other sensitive information, as well as the "Pragma" response header field [RFC2616] with a value of "no-cache".',
  },
  'RFC6749-5.2': {
    level: 'shall',
    summary:
      'token error response: 400 with a registered error code in JSON; invalid_client MAY be 401, and MUST be 401 with WWW-Authenticate when the client used the Authorization header',
    quote:
      'If the client attempted to authenticate via the "Authorization" request header field, the authorization server MUST respond with an HTTP 401 (Unauthorized) status code',
  },
  'RFC6749-5.2-1': {
    level: 'shall',
    summary:
      'error code invalid_request (item 1 of the error list): the AS answers a request that carries more than one client authentication mechanism (or multiple credentials) with invalid_request',
    quote:
      'The request is missing a required parameter, includes an unsupported parameter value (other than grant type), repeats a parameter, includes multiple credentials, utilizes more than one mechanism for authenticating the client, or is otherwise malformed.',
  },
  'RFC6749-5.2-3': {
    level: 'shall',
    summary:
      'error code invalid_grant (item 3 of the error list): an authorization code that is invalid, already used (revoked) or issued for another redirection URI',
    quote:
      'The provided authorization grant (e.g., authorization code, resource owner credentials) or refresh token is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client.',
  },
  // Bearer token usage (RFC 6750): a duty of the resource server
  'RFC6750-3': {
    level: 'shall',
    summary:
      'a protected resource (the UserInfo endpoint) answers a request without an access token with 401 and a WWW-Authenticate challenge',
    quote:
      'If the protected resource request does not include authentication credentials or does not contain an access token that enables access to the protected resource, the resource server MUST include the HTTP "WWW-Authenticate" response header field',
  },
  'RFC6750-3.1': {
    level: 'should',
    summary:
      'a resource server rejects an expired, revoked, malformed or otherwise invalid token with invalid_token, HTTP 401',
    quote:
      'The access token provided is expired, revoked, malformed, or invalid for other reasons. The resource SHOULD respond with the HTTP 401 (Unauthorized) status code.',
  },
  // JOSE
  'RFC7517-4.7': {
    level: 'shall',
    summary:
      'x5c holds standard base64 (not base64url) DER certificates; the first certificate carries the JWK key',
    quote:
      'Each string in the array is a base64-encoded (Section 4 of [RFC4648] -- not base64url-encoded) DER [ITU.X690.1994] PKIX certificate value.',
  },
  'RFC7518-3.3': {
    level: 'shall',
    summary: 'RS256/384/512 need RSA keys of 2048 bits or more',
    quote: 'A key of size 2048 bits or larger MUST be used with these algorithms.',
  },
  'RFC7518-3.5': {
    level: 'shall',
    summary: 'PS256/384/512 need RSA keys of 2048 bits or more',
    quote: 'A key of size 2048 bits or larger MUST be used with this algorithm.',
  },
  'RFC8725-3.1': {
    level: 'shall',
    summary:
      "whoever verifies a JWT (the AS, for a client assertion) checks that the key is used with its one algorithm: an HS256 MAC keyed with the client RSA public key is refused (the library duties of this section are not the server's)",
    quote:
      'Moreover, each key MUST be used with exactly one algorithm, and this MUST be checked when the cryptographic operation is performed.',
  },
  'RFC8725-3.2': {
    level: 'shall',
    summary:
      'an application (the AS verifying client assertions) only allows cryptographically current algorithms that meet its security requirements',
    quote:
      'Therefore, applications MUST only allow the use of cryptographically current algorithms that meet the security requirements of the application.',
  },
  // JWT client authentication (RFC 7523 §3 numbered items, OIDC Core §9)
  'RFC7523-3': {
    level: 'shall',
    summary:
      'the AS validates a client assertion by every criterion of the numbered list (items 1-10): the claim requirements of the list are what the server checks',
    quote:
      'In order to issue an access token response as described in OAuth 2.0 [RFC6749] or to rely on a JWT for client authentication, the authorization server MUST validate the JWT according to the criteria below.',
  },
  'RFC7523-3-1': {
    level: 'shall',
    summary:
      'the AS requires an iss identifying the entity that issued the assertion (RFC7523-3: it validates by this criterion; RFC 7523 does not itself require iss = client_id, OIDC Core §9 does)',
    quote:
      'The JWT MUST contain an "iss" (issuer) claim that contains a unique identifier for the entity that issued the JWT.',
  },
  'RFC7523-3-2': {
    level: 'shall',
    summary:
      'the AS requires sub = client_id in a client assertion (RFC7523-3: it validates by this criterion)',
    quote: 'For client authentication, the subject MUST be the "client_id" of the OAuth client.',
  },
  'RFC7523-3-3': {
    level: 'shall',
    summary:
      'the AS rejects an assertion whose aud does not identify it; the token endpoint URL MAY be used, the accepted strings are configured out of band',
    quote:
      'The authorization server MUST reject any JWT that does not contain its own identity as the intended audience.',
  },
  'RFC7523-3-4': {
    level: 'shall',
    summary: 'exp is required; an expired assertion is rejected',
    quote:
      'The authorization server MUST reject any JWT with an expiration time that has passed, subject to allowable clock skew between systems.',
  },
  'RFC7523-3-7': {
    level: 'may',
    summary: 'jti is optional; the AS may reject replayed jti values',
    quote:
      'The authorization server MAY ensure that JWTs are not replayed by maintaining the set of used "jti" values',
  },
  'RFC7523-3-9': {
    level: 'shall',
    summary:
      'the AS rejects an assertion with an invalid signature or MAC (an unsigned assertion has none)',
    quote: 'The authorization server MUST reject JWTs with an invalid signature or MAC.',
  },
  'RFC7523-3.2': {
    level: 'shall',
    summary: 'a client assertion that is not valid is refused with error invalid_client',
    quote:
      'If the client JWT is not valid, the authorization server constructs an error response as defined in OAuth 2.0 [RFC6749]. The value of the "error" parameter MUST be the "invalid_client" error code.',
  },
  'OIDCC-9': {
    level: 'shall',
    summary:
      'client_secret_jwt / private_key_jwt assertions carry iss = sub = client_id, aud (SHOULD be the token endpoint URL), jti (single use), exp',
    quote:
      'These tokens MUST only be used once, unless conditions for reuse were negotiated between the parties',
  },
  // ID Token (OIDC Core 1.0 errata set 2 §2 claims list items, §3.1.3.7 validation items)
  'OIDCC-2-1': {
    level: 'shall',
    summary:
      'the ID Token carries iss, the Issuer Identifier of the OP (item 1 of the claims list); the client compares it with the discovered issuer (OIDCC-3.1.3.7-2)',
    quote: 'REQUIRED. Issuer Identifier for the Issuer of the response.',
  },
  'OIDCC-2-2': {
    level: 'shall',
    summary:
      'sub identifies the End-User at the Issuer, never reassigned (item 2 of the claims list): the UserInfo response to an access token of the same grant names the same sub as the ID Token',
    quote:
      'A locally unique and never reassigned identifier within the Issuer for the End-User, which is intended to be consumed by the Client',
  },
  'OIDCC-3.1.3.6': {
    level: 'shall',
    summary:
      "an at_hash in the ID Token of the code flow (OPTIONAL there) is the left half of the hash of the access token, with the hash of the ID Token's alg",
    quote:
      "Its value is the base64url encoding of the left-most half of the hash of the octets of the ASCII representation of the access_token value, where the hash algorithm used is the hash algorithm used in the alg Header Parameter of the ID Token's JOSE Header.",
  },
  'OIDCC-5.3': {
    level: 'shall',
    summary:
      "the UserInfo endpoint accepts the access token of the code flow as a Bearer token (RFC 6750) and answers with the End-User's claims",
    quote:
      'The UserInfo Endpoint MUST accept Access Tokens as OAuth 2.0 Bearer Token Usage [RFC6750].',
  },
  'OIDCC-5.3.2': {
    level: 'shall',
    summary: 'the UserInfo response is a JSON object that always carries sub',
    quote: 'The sub (subject) Claim MUST always be returned in the UserInfo Response.',
  },
  'OIDCC-2-3': {
    level: 'shall',
    summary:
      'the ID Token aud contains the client_id of the client it was issued to (item 3 of the claims list)',
    quote: 'It MUST contain the OAuth 2.0 client_id of the Relying Party as an audience value.',
  },
  'OIDCC-2-5': {
    level: 'shall',
    summary: 'the ID Token carries iat, the time it was issued (item 5 of the claims list)',
    quote: 'REQUIRED. Time at which the JWT was issued.',
  },
  'OIDCC-2-7': {
    level: 'shall',
    summary:
      'the ID Token carries the nonce of the authentication request unchanged (item 7 of the claims list)',
    quote:
      'If present in the Authentication Request, Authorization Servers MUST include a nonce Claim in the ID Token with the Claim Value being the nonce value sent in the Authentication Request.',
  },
  'OIDCC-3.1.3.7-2': {
    level: 'shall',
    summary: 'the iss of the ID Token in the token response equals the issuer of the OP exactly',
    quote:
      'The Issuer Identifier for the OpenID Provider (which is typically obtained during Discovery) MUST exactly match the value of the iss (issuer) Claim.',
  },
  'OIDCC-3.1.3.7-3': {
    level: 'shall',
    summary:
      'the aud of the ID Token in the token response contains the client_id; a token that does not list the client is rejected',
    quote:
      'The ID Token MUST be rejected if the ID Token does not list the Client as a valid audience, or if it contains additional audiences not trusted by the Client.',
  },
  'OIDCC-3.1.3.7-6': {
    level: 'shall',
    summary:
      'the ID Token is signed (§2: "ID Tokens MUST be signed using JWS") with a key of the OP\'s jwks_uri, with an alg the OP lists in id_token_signing_alg_values_supported; a client that checks the signature can verify it',
    quote: 'The Client MUST use the keys provided by the Issuer.',
  },
  'OIDCC-3.1.3.7-9': {
    level: 'shall',
    summary: 'the ID Token in the token response has not expired: its exp is in the future',
    quote: 'The current time MUST be before the time represented by the exp Claim.',
  },
  'OIDCC-3.1.3.7-11': {
    level: 'shall',
    summary:
      "the ID Token carries the nonce the authentication request sent (the OP's duty is OIDCC-2-7)",
    quote:
      'If a nonce value was sent in the Authentication Request, a nonce Claim MUST be present and its value checked to verify that it is the same value as the one that was sent in the Authentication Request.',
  },
  'OIDCC-3.3.2.11': {
    level: 'shall',
    summary:
      'an ID Token issued from the authorization endpoint with a code (response_type code id_token) carries c_hash: the left half of the hash (of the ID Token alg) of the code, base64url',
    quote:
      'If the ID Token is issued from the Authorization Endpoint with a code, which is the case for the response_type values code id_token and code id_token token, this is REQUIRED; otherwise, its inclusion is OPTIONAL.',
  },
  // Authorization responses: issuer identification (RFC 9207) and JARM
  'RFC9207-2': {
    level: 'shall',
    summary:
      'an AS that supports RFC 9207 includes iss in every authorization response, and its value is the issuer identifier (RFC 8414); a response with an ID Token or a JARM JWT carries the issuer inside the JWT instead (the harness does not demand the parameter there)',
    quote:
      'In authorization responses to the client, including error responses, an authorization server supporting this specification MUST indicate its identity by including the iss parameter in the response.',
  },
  'JARM-2.1': {
    level: 'shall',
    summary:
      'the JARM response JWT carries iss (the issuer), aud (the client_id) and exp, and is signed by the AS',
    quote: 'iss - the issuer URL of the authorization server that created the response',
  },
  // Metadata and registration
  'RFC7591-3.2.1': {
    level: 'may',
    summary:
      'the AS may reject or replace requested client metadata values (it MUST return what it registered, so the harness judges the granted values, not the requested ones)',
    quote:
      "The authorization server MAY reject or replace any of the client's requested metadata values submitted during the registration and substitute them with suitable values.",
  },
  'RFC7591-3.2.2': {
    level: 'shall',
    summary:
      'a refused registration answers 400 (unless otherwise specified) with invalid_client_metadata or another registered code in JSON',
    quote:
      'When a registration error condition occurs, the authorization server returns an HTTP 400 status code (unless otherwise specified) with content type "application/json"',
  },
  'RFC8414-2': {
    level: 'shall',
    summary:
      'metadata lists the token endpoint auth methods (default client_secret_basic) and signing algorithms (required with *_jwt methods; none MUST NOT be used)',
    quote:
      'This metadata entry MUST be present if either of these authentication methods are specified in the "token_endpoint_auth_methods_supported" entry.',
  },
  'RFC8414-3.2': {
    level: 'shall',
    summary: 'the metadata document is served with HTTP 200 as a JSON object (application/json)',
    quote:
      'A successful response MUST use the 200 OK HTTP status code and return a JSON object using the "application/json" content type that contains a set of claims as its members that are a subset of the metadata values defined in Section 2.',
  },
  'RFC8414-3.3': {
    level: 'shall',
    summary: 'the metadata issuer equals the issuer used to build the discovery URL',
    quote:
      'The "issuer" value returned MUST be identical to the authorization server\'s issuer identifier value into which the well-known URI string was inserted',
  },
  'OIDCD-3': {
    level: 'shall',
    summary:
      'OP metadata; the value none must not be used in token_endpoint_auth_signing_alg_values_supported',
    quote: 'Servers SHOULD support RS256. The value none MUST NOT be used.',
  },
  'OIDCD-4.3': {
    level: 'shall',
    summary: 'the discovered issuer is identical to the issuer the client used',
    quote:
      'The issuer value returned MUST be identical to the Issuer URL that was used as the prefix to /.well-known/openid-configuration to retrieve the configuration information.',
  },
  'OIDCR-2': {
    level: 'shall',
    summary:
      'token_endpoint_auth_signing_alg: assertions signed with another algorithm are rejected (same clause as OIDCR-2-25; cite that item)',
    quote:
      'All Token Requests using these authentication methods from this Client MUST be rejected, if the JWT is not signed with this algorithm.',
  },
  'OIDCR-2-1': {
    level: 'shall',
    summary:
      'redirect_uris is REQUIRED client metadata (a duty of the registering client, so the harness always sends it; an OP may refuse a registration without it, invalid_redirect_uri in §3.3); the OP matches each authorization request redirect_uri exactly against it',
    quote:
      'REQUIRED. Array of Redirection URI values used by the Client. One of these registered Redirection URI values MUST exactly match the redirect_uri parameter value used in each Authorization Request',
  },
  'OIDCR-2-25': {
    level: 'shall',
    summary:
      'token_endpoint_auth_signing_alg (item 25 of the metadata list): the OP rejects token requests whose client assertion is signed with another algorithm than the registered one',
    quote:
      'All Token Requests using these authentication methods from this Client MUST be rejected, if the JWT is not signed with this algorithm.',
  },
  // Mutual TLS (RFC 8705)
  'RFC8705-2': {
    level: 'shall',
    summary:
      'mutual-TLS client authentication: the AS enforces the client/certificate binding; no or wrong certificate yields invalid_client',
    quote:
      'The authorization server MUST enforce the binding between client and certificate, as described in either Section 2.1 or 2.2 below.',
  },
  'RFC8705-2.1': {
    level: 'shall',
    summary: 'tls_client_auth (PKI): validated chain plus a single expected subject DN or SAN',
    quote:
      'The client is successfully authenticated if the subject information in the certificate matches the single expected subject configured or registered for that particular client',
  },
  'RFC8705-2.1.2': {
    level: 'shall',
    summary:
      "the registered tls_client_auth_subject_dn (RFC 4514 string) / _san_dns / _san_uri / _san_ip / _san_email value is the subject the AS expects in the certificate; an IP address is compared in binary form (registering exactly one of them is the client's duty)",
    quote:
      'the certificate subject value that the authorization server is to expect when authenticating the respective client',
  },
  'RFC8705-2.2': {
    level: 'shall',
    summary:
      'self_signed_tls_client_auth: the presented certificate matches one registered via jwks / jwks_uri; the chain is not validated',
    quote:
      'The client is successfully authenticated if the certificate that it presented during the handshake matches one of the certificates configured or registered for that particular client.',
  },
  'RFC8705-3': {
    level: 'shall',
    summary:
      'certificate-bound access tokens: the resource server checks the presented certificate against the token and answers 401 invalid_token on mismatch',
    quote:
      'If they do not match, the resource access attempt MUST be rejected with an error, per [RFC6750], using an HTTP 401 status code and the "invalid_token" error code.',
  },
  'RFC8705-3.1': {
    level: 'should',
    summary:
      'a JWT access token carries the certificate thumbprint as cnf.x5t#S256 (base64url SHA-256 of the DER certificate)',
    quote:
      'When access tokens are represented as JSON Web Tokens (JWT) [RFC7519], the certificate hash information SHOULD be represented using the "x5t#S256" confirmation method member defined herein.',
  },
  'RFC8705-3.3': {
    level: 'may',
    summary: 'AS metadata tls_client_certificate_bound_access_tokens (OPTIONAL, default false)',
    quote:
      'Boolean value indicating server support for mutual-TLS client certificate-bound access tokens. If omitted, the default value is "false".',
  },
  'RFC8705-5': {
    level: 'may',
    summary:
      'mtls_endpoint_aliases in the AS metadata (OPTIONAL); a client doing mTLS MUST use the aliases when present',
    quote:
      'Authorization servers supporting both clients using mutual TLS and conventional clients MAY chose to isolate the server side mutual-TLS behavior to only clients intending to do mutual TLS',
  },
  // DPoP (RFC 9449; rfc-editor text as mirrored in a public repository, read word for word).
  // Paragraph numbers count the figures of the section as paragraphs, as the rfc-editor HTML does.
  'RFC9449-4.3': {
    level: 'shall',
    summary:
      'the server (AS at the token endpoint, resource server at the resource) validates a DPoP proof: one DPoP header holding a JWT with jti/htm/htu/iat, typ dpop+jwt, an asymmetric alg that is not none, a signature by the public jwk of the header (never a private key), htm and htu of this request, a recent iat, the nonce it supplied, and at a resource ath and the key the token is bound to',
    quote: 'To validate a DPoP proof, the receiving server MUST ensure the following:',
  },
  'RFC9449-5-3': {
    level: 'shall',
    summary:
      'an invalid DPoP proof at the token endpoint is answered with an RFC 6749 §5.2 error response, error invalid_dpop_proof',
    quote:
      'If the DPoP proof is invalid, the authorization server issues an error response per Section 5.2 of [RFC6749] with invalid_dpop_proof as the value of the error parameter.',
  },
  'RFC9449-5-4': {
    level: 'shall',
    summary: 'a token response for a DPoP-bound access token carries token_type DPoP',
    quote:
      'A token_type of DPoP MUST be included in the access token response to signal to the client that the access token was bound to its DPoP key and can be used as described in Section 7.1.',
  },
  'RFC9449-5.2': {
    level: 'shall',
    summary:
      'a client registered with dpop_bound_access_tokens true gets token requests without a DPoP header refused',
    quote:
      'If the value is true, the authorization server MUST reject token requests from the client that do not contain the DPoP header.',
  },
  'RFC9449-6': {
    level: 'shall',
    summary:
      'the resource server checks that the key of the DPoP proof is the one the access token is bound to',
    quote:
      'Resource servers supporting DPoP MUST ensure that the public key from the DPoP proof matches the one bound to the access token.',
  },
  'RFC9449-6.1': {
    level: 'shall',
    summary:
      'a JWT access token bound with DPoP carries cnf.jkt, the base64url JWK SHA-256 thumbprint (RFC 7638) of the DPoP public key',
    quote:
      'The value of the jkt member MUST be the base64url encoding (as defined in [RFC7515]) of the JWK SHA-256 Thumbprint (according to [RFC7638]) of the DPoP public key (in JWK format) to which the access token is bound.',
  },
  'RFC9449-6.2': {
    level: 'shall',
    summary:
      'introspection of a DPoP-bound access token conveys cnf.jkt; a token_type member, if present, is DPoP',
    quote:
      'If the token_type member is included in the introspection response, it MUST contain the value DPoP.',
  },
  'RFC9449-7.1': {
    level: 'shall',
    summary:
      'resource server: a DPoP-bound token needs a DPoP proof in the DPoP header, valid per §4.3 and of the key the token is bound to; no access otherwise',
    quote:
      'The resource server MUST NOT grant access to the resource unless all checks are successful.',
  },
  'RFC9449-7.1-10': {
    level: 'should',
    summary:
      'resource server: a refused request that carried an access token gets a 401 challenge (WWW-Authenticate, scheme DPoP) with an error parameter',
    quote:
      'An error parameter ([RFC6750], Section 3) SHOULD be included to indicate the reason why the request was declined, if the request included an access token but failed authentication.',
  },
  'RFC9449-7.2': {
    level: 'shall',
    summary:
      'resource server: a DPoP-bound access token presented as a Bearer token is refused (no downgrade)',
    quote:
      'Specifically, such a protected resource MUST reject a DPoP-bound access token received as a bearer token per [RFC6750].',
  },
  'RFC9449-8-3': {
    level: 'shall',
    summary:
      'an AS that supplies DPoP nonces answers a token request whose proof carries no nonce (or a mismatched one) with HTTP 400 use_dpop_nonce (RFC 6749 §5.2 form) and a DPoP-Nonce header supplying the nonce',
    quote:
      'In this case, the authorization server responds to requests that do not include a nonce with an HTTP 400 (Bad Request) error response per Section 5.2 of [RFC6749] using use_dpop_nonce as the error code value.',
  },
  'RFC9449-8-10': {
    level: 'shall',
    summary:
      'a proof whose nonce is not one the AS recently supplied to the client is refused (use_dpop_nonce with a new nonce, §8 paragraph 3, or invalid_dpop_proof, §5)',
    quote:
      'If the nonce claim in the DPoP proof does not exactly match a nonce recently supplied by the authorization server to the client, the authorization server MUST reject the request.',
  },
  'RFC9449-11.3': {
    level: 'shall',
    summary:
      'once the server provided a DPoP nonce to the client, a proof without the nonce claim is refused (no downgrade to nonce-less proofs)',
    quote:
      'A server MUST NOT accept any DPoP proofs without the nonce claim when a DPoP nonce has been provided to the client.',
  },
  'RFC9449-11.1': {
    level: 'shall',
    summary: 'servers accept a DPoP proof only for a limited time after its creation (iat)',
    quote:
      'To limit this, servers MUST only accept DPoP proofs for a limited time after their creation (preferably only for a relatively brief period on the order of seconds or minutes).',
  },
  'RFC9449-11.1-2': {
    level: 'may',
    summary:
      'servers can store the jti of each proof for its acceptance window and decline a second use (a single-use check, not required)',
    quote:
      'In the context of the target URI, servers can store the jti value of each DPoP proof for the time window in which the respective DPoP proof JWT would be accepted to prevent multiple uses of the same DPoP proof.',
  },
  'RFC9449-10-2': {
    level: 'shall',
    summary:
      'an authorization code whose authorization request carried dpop_jkt is redeemed only with a DPoP proof of the key with that JWK SHA-256 thumbprint; a proof of another key is refused',
    quote:
      'When a token request is received, the authorization server computes the JWK Thumbprint of the proof-of-possession public key in the DPoP proof and verifies that it matches the dpop_jkt parameter value in the authorization request. If they do not match, it MUST reject the request.',
  },
  // §10.1 paragraph 2 is the list of the two ways; the DPoP header is its second item
  'RFC9449-10.1-2': {
    level: 'shall',
    summary:
      'a DPoP header on a pushed authorization request binds the code as dpop_jkt would: the token request is refused unless its proof is of the same key',
    quote:
      "It MUST further behave as if the contained public key's thumbprint was provided using dpop_jkt, i.e., reject the subsequent token request unless a DPoP proof for the same key is provided.",
  },
  'RFC9449-10.1-3': {
    level: 'shall',
    summary:
      'an AS that supports PAR and DPoP supports both ways of naming the DPoP key of a pushed authorization request: dpop_jkt in the body and a DPoP header (no metadata advertises either: supporting PAR and DPoP is what obliges)',
    quote:
      'Both mechanisms MUST be supported by an authorization server that supports PAR and DPoP.',
  },
  // FAPI 1.0
  'FAPI1-BASE-5.2.2-2': {
    level: 'should',
    summary: 'the AS should support public clients',
    quote: 'should support public clients;',
  },
  'FAPI1-BASE-5.2.2-4': {
    level: 'shall',
    summary:
      'confidential clients authenticate with mTLS (RFC 8705 §2), client_secret_jwt or private_key_jwt',
    quote: 'shall authenticate the confidential client using one of the following methods:',
  },
  'FAPI1-BASE-5.2.2-5': {
    level: 'shall',
    summary: 'RSA keys of 2048 bits or more',
    quote: 'shall require and use a key of size 2048 bits or larger for RSA algorithms;',
  },
  'FAPI1-BASE-5.2.2-6': {
    level: 'shall',
    summary: 'elliptic curve keys of 160 bits or more',
    quote: 'shall require and use a key of size 160 bits or larger for elliptic curve algorithms;',
  },
  'FAPI1-BASE-5.2.2-7': {
    level: 'shall',
    summary:
      'the AS requires PKCE with S256: an authorization code is exchanged only with its code_verifier',
    quote: 'shall require RFC7636 with S256 as the code challenge method;',
  },
  'FAPI1-BASE-5.2.2-9': {
    level: 'shall',
    summary:
      'an authorization request without redirect_uri is refused (also where the client registered a single redirect URI the server could fill in); FAPI 1.0 Part 2 §5.2.2.0 takes this item in',
    quote: 'shall require the `redirect_uri` in the authorization request;',
  },
  'FAPI1-BASE-5.2.2.2-1': {
    level: 'shall',
    summary:
      'where the client requests the openid scope, an authentication request without nonce is refused',
    quote:
      'shall require the `nonce` parameter defined in Section 3.1.2.1 of [OIDC] in the authentication request.',
  },
  'FAPI1-BASE-5.2.2-19': {
    level: 'shall',
    summary:
      'a client_id sent in more than one way that does not match (e.g. the client_id body parameter against the authenticated client: assertion iss/sub, HTTP Basic user, certificate binding) yields invalid_client',
    quote:
      'shall return an invalid_client error as defined in 5.2 of [RFC6749] when mis-matched client identifiers were provided through the client authentication methods that permits sending the client identifier in more than one way;',
  },
  'FAPI1-ADV-5.2.2-1': {
    level: 'shall',
    summary:
      'the AS requires a signed request object (JWS) with every authorization request, by value or by reference',
    quote:
      'shall require a JWS signed JWT request object passed by value with the `request` parameter or by reference with the `request_uri` parameter;',
  },
  'FAPI1-ADV-5.2.2-2': {
    level: 'shall',
    summary: 'response_type code id_token, or code with response_mode jwt (JARM)',
    quote:
      'shall require the response_type value code id_token or the response_type value code in conjunction with the response_mode value jwt;',
  },
  'FAPI1-ADV-5.2.2-10': {
    level: 'shall',
    summary:
      'the AS uses only the parameters inside the signed request object (a parameter sent only outside it is not used)',
    quote:
      'shall only use the parameters included in the signed request object passed via the `request` or `request_uri` parameter;',
  },
  'FAPI1-ADV-5.2.2-11': {
    level: 'may',
    summary: 'the AS may support pushed authorization requests',
    quote: 'may support the pushed authorization request endpoint as described in [PAR];',
  },
  'FAPI1-ADV-5.2.2.1-4': {
    level: 'shall',
    summary:
      'with code id_token, the ID Token in the authorization response is a detached signature (c_hash of the code, OIDC Core §3.3.2.11)',
    quote: 'shall return ID Token as a detached signature to the authorization response;',
  },
  'FAPI1-ADV-5.2.2.1-5': {
    level: 'shall',
    summary:
      'with code id_token and a state, the ID Token of the authorization response carries s_hash of that state',
    quote:
      'shall include state hash, s_hash, in the ID Token to protect the state value if the client supplied a value for state.',
  },
  'FAPI1-ADV-5.2.2.2-1': {
    level: 'shall',
    summary:
      'with response_type code and response_mode jwt, the authorization response is a JWT-secured (JARM) response',
    quote: 'shall create JWT-secured authorization responses as specified in [JARM], section 4.3;',
  },
  'FAPI1-ADV-5.2.2-5': {
    level: 'shall',
    summary: 'the AS only issues sender-constrained access tokens',
    quote: 'shall only issue sender-constrained access tokens;',
  },
  'FAPI1-ADV-5.2.2-6': {
    level: 'shall',
    summary: 'the AS supports RFC 8705 certificate-bound access tokens',
    quote:
      'shall support [RFC8705] as mechanism for constraining the legitimate senders of access tokens;',
  },
  'FAPI1-ADV-5.2.2-14': {
    level: 'shall',
    summary:
      'confidential clients authenticate with tls_client_auth, self_signed_tls_client_auth or private_key_jwt (overrides Part 1 5.2.2-4)',
    quote: 'shall authenticate the confidential client using one of the following methods',
  },
  'FAPI1-ADV-5.2.2-13': {
    level: 'shall',
    summary: 'a request object carries exp, at most 60 minutes after its nbf',
    quote:
      'shall require the request object to contain an `exp` claim that has a lifetime of no longer than 60 minutes after the `nbf` claim;',
  },
  'FAPI1-ADV-5.2.2-16': {
    level: 'shall',
    summary: 'the AS does not support public clients',
    quote: 'shall not support public clients;',
  },
  'FAPI1-ADV-5.2.2-15': {
    level: 'shall',
    summary: 'the aud of a request object is the issuer identifier, or an array containing it',
    quote:
      "shall require the aud claim in the request object to be, or to be an array containing, the authorization server's issuer identifier URL;",
  },
  'FAPI1-ADV-5.2.2-17': {
    level: 'shall',
    summary: 'a request object carries nbf, no more than 60 minutes in the past',
    quote:
      'shall require the request object to contain an `nbf` claim that is no longer than 60 minutes in the past; and',
  },
  'FAPI1-ADV-5.2.2-18': {
    level: 'shall',
    summary:
      'a pushed authorization request carries PKCE with S256 (inside its request object, where one is used)',
    quote:
      'shall require [PAR] requests, if supported, to use PKCE ([RFC7636]) with `S256` as the code challenge method.',
  },
  'FAPI1-ADV-8.6': {
    level: 'shall',
    summary:
      'JWS algorithms are PS256 or ES256 (item 1); RS256 should not be used (item 2); none is never used (item 3)',
    quote: 'shall use PS256 or ES256 algorithms;',
  },
  'FAPI1-ADV-8.6-2': {
    level: 'should',
    summary: 'RSASSA-PKCS1-v1_5 algorithms (RS256 etc.) should not be used',
    quote: 'should not use algorithms that use RSASSA-PKCS1-v1_5 (e.g. RS256); and',
  },
  'FAPI1-ADV-8.6-3': {
    level: 'shall',
    summary: 'the none algorithm is not used',
    quote: 'shall not use none.',
  },
  // FAPI 2.0 Security Profile (Final)
  'FAPI2-SP-FINAL-5.3.2.1-3': {
    level: 'shall',
    summary: 'the AS only supports confidential clients',
    quote: 'shall only support confidential clients as defined in [RFC6749];',
  },
  'FAPI2-SP-FINAL-5.3.2.1-4': {
    level: 'shall',
    summary: 'the AS only issues sender-constrained access tokens',
    quote: 'shall only issue sender-constrained access tokens;',
  },
  'FAPI2-SP-FINAL-5.3.2.1-5': {
    level: 'shall',
    summary: 'sender-constraining uses MTLS (RFC 8705) or DPoP (RFC 9449)',
    quote: 'shall use one of the following methods for sender-constrained access tokens:',
  },
  'FAPI2-SP-FINAL-5.3.2.1-6': {
    level: 'shall',
    summary: 'clients authenticate with MTLS (RFC 8705 §2) or private_key_jwt',
    quote: 'shall authenticate clients using one of the following methods:',
  },
  'FAPI2-SP-FINAL-5.3.2.1-8': {
    level: 'shall',
    summary:
      'the AS only accepts its issuer identifier, as a string, as the aud of a client assertion (token endpoint URL, endpoint URL and arrays are refused)',
    quote:
      'shall only accept its issuer identifier value (as defined in [RFC8414]) as a string in the aud claim received in client authentication assertions;',
  },
  'FAPI2-SP-FINAL-5.3.2.1-13': {
    level: 'shall',
    summary:
      "clock offsets: JWTs (client assertions included) with iat or nbf 0-10 s in the future are accepted, more than 60 s in the future rejected (10-60 s is the AS's choice)",
    quote:
      'to accommodate clock offsets, shall accept JWTs with an iat or nbf timestamp between 0 and 10 seconds in the future but shall reject JWTs with an iat or nbf timestamp greater than 60 seconds in the future.',
  },
  'FAPI2-SP-FINAL-5.3.2.2-4': {
    level: 'shall',
    summary: 'a pushed authorization request without client authentication is rejected',
    quote: 'shall reject pushed authorization requests without client authentication;',
  },
  'FAPI2-SP-FINAL-5.3.2.2-1': {
    level: 'shall',
    summary:
      'response_type code only: an authorization request (pushed or not) with another response_type (code id_token, token) is refused',
    quote: 'shall require the value of `response_type` described in [@!RFC6749] to be `code`;',
  },
  'FAPI2-SP-FINAL-5.3.2.2-3': {
    level: 'shall',
    summary: 'authorization requests that were not pushed (RFC 9126) are rejected',
    quote: 'shall reject authorization requests sent without [RFC9126];',
  },
  'FAPI2-SP-FINAL-5.3.2.2-6': {
    level: 'shall',
    summary:
      'a pushed authorization request without redirect_uri is refused (the AS does not fill in a registered one)',
    quote: 'shall require the `redirect_uri` parameter in pushed authorization requests;',
  },
  'FAPI2-SP-FINAL-5.3.2.2-7': {
    level: 'shall',
    summary: 'the authorization response carries the iss parameter (RFC 9207)',
    quote: 'shall return an iss parameter in the authorization response according to [RFC9207];',
  },
  'FAPI2-SP-FINAL-5.3.4-5': {
    level: 'shall',
    summary:
      'resource server: supports and verifies sender-constrained access tokens, MTLS (RFC 8705) and/or DPoP (RFC 9449)',
    quote:
      'shall support and verify sender-constrained access tokens using one or both of the following methods:',
  },
  'FAPI2-SP-FINAL-5.4.1-1': {
    level: 'shall',
    summary:
      'JWTs use PS256, ES256 or EdDSA (Ed25519) (item 1.2) and never use or accept none (item 1.3)',
    quote: 'use PS256, ES256, or EdDSA (using the Ed25519 variant) algorithms; and',
  },
  'FAPI2-SP-FINAL-5.4.1-2': {
    level: 'shall',
    summary: 'RSA keys of 2048 bits or more',
    quote: 'RSA keys shall have a minimum length of 2048 bits.',
  },
  'FAPI2-SP-FINAL-5.4.1-3': {
    level: 'shall',
    summary: 'elliptic curve keys of 224 bits or more',
    quote: 'Elliptic curve keys shall have a minimum length of 224 bits.',
  },
  // CIBA Core 1.0
  'CIBA-4': {
    level: 'shall',
    summary:
      'OP metadata advertises backchannel_authentication_endpoint and backchannel_token_delivery_modes_supported; clients register a delivery mode; the backchannel endpoint uses the token endpoint auth methods/algs',
    quote:
      'backchannel_token_delivery_modes_supported: REQUIRED. JSON array containing one or more of the following values: poll, ping, and push.',
  },
  'CIBA-7.1': {
    level: 'shall',
    summary:
      'the client authenticates at the backchannel authentication endpoint with its registered method; there the OP accepts its issuer, token endpoint URL or backchannel endpoint URL as assertion aud',
    quote:
      'In order to facilitate interoperability the OP MUST accept its Issuer Identifier, Token Endpoint URL, or Backchannel Authentication Endpoint URL as values that identify it as an intended audience.',
  },
  'CIBA-7.3': {
    level: 'shall',
    summary:
      'a successful authentication request is answered 200 with auth_req_id and expires_in (interval optional, default 5 s)',
    quote:
      'return an HTTP 200 OK response to the Client to indicate that the authentication request has been accepted',
  },
  'CIBA-10.1': {
    level: 'shall',
    summary:
      'poll/ping clients fetch tokens at the token endpoint with grant_type urn:openid:params:grant-type:ciba and auth_req_id',
  },
  'CIBA-11': {
    level: 'shall',
    summary:
      'polling before the end-user acted yields authorization_pending (also slow_down, expired_token, access_denied, invalid_grant); the token follows approval',
    quote:
      "The authorization request is still pending as the end-user hasn't yet been authenticated.",
  },
  // §11's list of token error codes in its order: authorization_pending, slow_down, expired_token,
  // access_denied (the item numbers below). Quotes as cited by implementations of the spec (the
  // same words as RFC 8628 §3.5 for slow_down), not read against the primary text.
  'CIBA-11-2': {
    level: 'may',
    summary:
      'the OP may answer a poll that comes faster than it wants with slow_down (the client then adds at least 5 s to its interval); whether it does is its choice',
    quote:
      'A variant of "authorization_pending", the authorization request is still pending and polling should continue, but the interval MUST be increased by at least 5 seconds for this and all subsequent requests.',
  },
  'CIBA-11-3': {
    level: 'shall',
    summary: 'a poll for an auth_req_id past its expires_in is answered expired_token (no tokens)',
    quote:
      'The auth_req_id has expired. The Client will need to make a new Authentication Request.',
  },
  'CIBA-11-4': {
    level: 'shall',
    summary: 'a poll for a request the end-user denied is answered access_denied (no tokens)',
    quote: 'The end-user denied the authorization request.',
  },
  'CIBA-10.2': {
    level: 'shall',
    summary:
      'ping mode: the OP POSTs to the client notification endpoint with the client_notification_token as a bearer token and the auth_req_id as the JSON body; the client then fetches the tokens (CIBA-10.1)',
    quote:
      'In Ping mode, the OP sends the client_notification_token as a bearer token in the Authorization header field and sends only the auth_req_id in the body of the request. The request uses the application/json media type.',
  },
  // Push mode (CIBA §10.3): §10.3.1 read in CIBA Core ID1 (draft-02) as quoted by the FAPI working
  // group (bitbucket openid/fapi issue 117) and restated in an independent national profile of CIBA;
  // §11's unauthorized_client sentence as three independent implementations quote it; item 5 of
  // §11's list, after access_denied, as an implementation's §11 test suite orders it. Not read
  // against the Final's primary text.
  'CIBA-10.3': {
    level: 'shall',
    summary:
      'push mode: after the end-user approved, the OP POSTs the token response (auth_req_id, access_token, token_type, expires_in, id_token) as JSON to the client notification endpoint, authenticated with the client_notification_token as a bearer token',
  },
  'CIBA-10.3.1': {
    level: 'shall',
    summary:
      'the pushed ID Token binds the delivery: at_hash of the access token and urn:openid:params:jwt:claim:auth_req_id (and urn:openid:params:jwt:claim:rt_hash of a delivered refresh token)',
    quote:
      'In order to bind together the ID Token, the Access Token and the auth_req_id, the OP MUST include the hash value of the Access Token and the auth_req_id within the ID Token using the at_hash and urn:openid:params:jwt:claim:auth_req_id claims respectively.',
  },
  'CIBA-11-5': {
    level: 'shall',
    summary:
      'a client registered for the push mode gets its tokens delivered, not at the token endpoint: its token request with an auth_req_id is answered unauthorized_client',
    quote: 'The Client is not authorized as it is configured in Push Mode',
  },
  'CIBA-13': {
    level: 'shall',
    summary:
      'backchannel authentication error response; failed client authentication is invalid_client with HTTP 401',
    quote:
      'Client authentication failed (e.g., invalid client credentials, unknown client, no client authentication included, or unsupported authentication method).',
  },
  // FAPI-CIBA (Implementer's Draft 1)
  'FAPI-CIBA-5.2.2': {
    level: 'shall',
    summary:
      'the OP follows FAPI 1.0 Part 1 and Part 2 clause 5.2.2 (so client authentication per FAPI1-ADV-5.2.2-14, sender-constrained tokens)',
    quote:
      'The Authorization Server shall support the provisions specified in clause 5.2.2 of Financial-grade API - Part 1 and clause 5.2.2 of Financial-grade API - Part 2.',
  },
  'FAPI-CIBA-5.2.2-1': {
    level: 'shall',
    summary: 'the OP only supports confidential clients',
    quote:
      'shall only support Confidential Clients for Client Initiated Backchannel Authentication flows;',
  },
  'FAPI-CIBA-5.2.2-2': {
    level: 'shall',
    summary:
      'the OP ensures a unique authorization context in the request or requires a binding_message',
    quote:
      'shall ensure unique authorization context exists in the authorization request or require a binding_message in the authentication request;',
  },
  'FAPI-CIBA-5.2.2-6': {
    level: 'shall',
    summary:
      'the OP requires backchannel authentication requests to be signed (CIBA §7.1.1: the parameters as claims of a `request` JWT with aud, iss, exp, iat, nbf, jti); a request sent as plain form parameters is refused',
    quote:
      'shall require Backchannel Authentication Endpoint requests to be signed as described in [CIBA] 7.1.1;',
  },
  'FAPI-CIBA-5.2.2-9': {
    level: 'shall',
    summary:
      'a signed authentication request must carry nbf and exp, and a lifetime (exp - nbf) of no more than 60 minutes; others are refused',
    quote:
      'shall require the Signed Authentication Request to contain nbf and exp claims that limit the lifetime of the request to no more than 60 minutes;',
  },
  'FAPI-CIBA-5.2.2-3': {
    level: 'shall',
    summary: 'the OP does not support the CIBA push mode',
    quote: 'shall not support CIBA push mode;',
  },
} as const satisfies Record<string, Requirement>

export type RequirementId = keyof typeof REQUIREMENTS

export function requirement(id: RequirementId): Requirement {
  return REQUIREMENTS[id]
}

/** The strongest level among the given requirement ids. */
export function strongest(ids: readonly RequirementId[]): Level {
  const rank = { shall: 3, should: 2, may: 1 } as const
  let best: Level = 'may'
  for (const id of ids) if (rank[REQUIREMENTS[id].level] > rank[best]) best = REQUIREMENTS[id].level
  return best
}
