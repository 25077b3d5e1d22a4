/**
 * (d) Source patches for mutants, and the module-customization hooks that apply them.
 *
 * The patches do not change behaviour by themselves: each guarded check asks
 * `globalThis.__referenceAsRelax(check, info)` at run time, which the reference AS answers from the
 * mutant's `relax()` for requests to the mutant's profiles only (false everywhere else). Every
 * search text must match exactly once in the installed file, or loading fails with an error that
 * names the file: an oidc-provider / jose upgrade breaks the mutant loudly instead of silently
 * turning it into a correct server.
 */
import type { SourcePatch } from './mutant.js'

const RELAX = 'globalThis.__referenceAsRelax?.'
const INFO = '{ ctx, header, payload }'

const JWT_CLIENT_AUTH = 'oidc-provider/lib/shared/jwt_client_auth.js'
const CLIENT_AUTH = 'oidc-provider/lib/shared/client_auth.js'
const JWS_VERIFY = 'jose/dist/webapi/lib/jws_verify.js'

/** The algorithm allow-list of client assertions (token_endpoint_auth_signing_alg / configured algs). */
export const RELAX_ALG: SourcePatch = {
  file: JWT_CLIENT_AUTH,
  search: '  if (ctx.oidc.client.clientAuthSigningAlg) {',
  replace: `  if (${RELAX}('alg', ${INFO})) {\n    // reference-as mutant: algorithm allow-list skipped\n  } else if (ctx.oidc.client.clientAuthSigningAlg) {`,
}

/** `exp` must be present (OIDC Core §9, RFC 7523 §3). */
export const RELAX_EXP: SourcePatch[] = [
  {
    file: JWT_CLIENT_AUTH,
    search: '  if (!payload.exp) {',
    replace: `  if (!payload.exp && !${RELAX}('exp', ${INFO})) {`,
  },
  {
    // replay-cache lifetime when exp is absent: one minute
    file: JWT_CLIENT_AUTH,
    search: '    payload.exp + clockTolerance,',
    replace:
      "    (typeof payload.exp === 'number' ? payload.exp : Math.floor(Date.now() / 1000) + 60) + clockTolerance,",
  },
]

/** `jti` must be present (OIDC Core §9). Without jti there is nothing to replay-check. */
export const RELAX_JTI: SourcePatch[] = [
  {
    file: JWT_CLIENT_AUTH,
    search: '  if (!payload.jti) {',
    replace: `  if (!payload.jti && !${RELAX}('jti', ${INFO})) {`,
  },
  {
    file: JWT_CLIENT_AUTH,
    search: '  if (!unique) {',
    replace: '  if (!unique && payload.jti !== undefined) {',
  },
]

/** `iss` must equal the client_id (RFC 7523 §3 item 1). */
export const RELAX_ISS: SourcePatch = {
  file: JWT_CLIENT_AUTH,
  search: '  if (payload.iss !== ctx.oidc.client.clientId) {',
  replace: `  if (payload.iss !== ctx.oidc.client.clientId && !${RELAX}('iss', ${INFO})) {`,
}

/**
 * The signature check against the client's registered keys (RFC 7523 §3 item 9). When relaxed the
 * time claims are still checked (JWT.assertPayload), only the signature is not.
 */
export const RELAX_SIGNATURE: SourcePatch = {
  file: JWT_CLIENT_AUTH,
  search: '    await JWT.verify(ctx.oidc.params.client_assertion, keystore, {',
  replace: `    if (${RELAX}('signature', ${INFO})) JWT.assertPayload(payload, { clockTolerance, ignoreAzp: true });\n    else await JWT.verify(ctx.oidc.params.client_assertion, keystore, {`,
}

/**
 * The client is identified by the assertion's `sub` (RFC 7523 §3 item 2). When relaxed it is
 * identified by `iss` instead, so an assertion whose sub is not the client_id still authenticates.
 */
export const RELAX_SUB: SourcePatch = {
  file: CLIENT_AUTH,
  search: "    setClientId(sub);\n    methods = ['client_secret_jwt', 'private_key_jwt'];",
  replace: `    {\n      const __p = JWT.payload(ctx.oidc.params.client_assertion);\n      if (${RELAX}('sub', { ctx, header: JWT.header(ctx.oidc.params.client_assertion), payload: __p }) && typeof __p.iss === 'string') sub = __p.iss;\n    }\n    setClientId(sub);\n    methods = ['client_secret_jwt', 'private_key_jwt'];`,
}

/** jose refuses RSA keys under 2048 bits for RS256/PS256 and friends (RFC 7518 §3.3/§3.5). */
export const RELAX_RSA_MIN_BITS: SourcePatch = {
  file: JWS_VERIFY,
  search: '  entry.minRsaBits && checkModulusLength(entry.alg, cryptoKey);',
  replace: `  entry.minRsaBits && !${RELAX}('rsa-min-bits', {}) && checkModulusLength(entry.alg, cryptoKey);`,
}

const REQUEST_OBJECT = 'oidc-provider/lib/actions/authorization/process_request_object.js'
const RO_INFO = '{ ctx, header: decoded.header, payload }'

/**
 * Request objects (RFC 9101), where oidc-provider checks them (processRequestObject, at the
 * authorization, PAR and backchannel endpoints): the algorithm allow-list (`alg`), the aud
 * (`aud`: the issuer, or an array holding it), the expiry (`exp`, RFC 7519 §4.1.4) and the
 * signature against the client's registered keys (`signature`, RFC 9101 §6.2). Each is asked
 * separately; the reference AS's own claim rules (exp/nbf presence, lifetime) are configuration.
 */
export const RELAX_REQUEST_OBJECT: SourcePatch[] = [
  {
    file: REQUEST_OBJECT,
    search:
      '  if (!pushedRequestObject && !configuration.requestObjectSigningAlgValues.includes(alg)) {',
    replace: `  if (!pushedRequestObject && !configuration.requestObjectSigningAlgValues.includes(alg) && !${RELAX}('alg', ${RO_INFO})) {`,
  },
  {
    file: REQUEST_OBJECT,
    search:
      '    audience: ctx.oidc.issuer,\n    clockTolerance: configuration.clockTolerance,\n    ignoreAzp: true,\n  };',
    replace: `    audience: ${RELAX}('aud', ${RO_INFO}) ? undefined : ctx.oidc.issuer,\n    clockTolerance: configuration.clockTolerance,\n    ignoreAzp: true,\n    ignoreExpiration: Boolean(${RELAX}('exp', ${RO_INFO})),\n  };`,
  },
  {
    file: REQUEST_OBJECT,
    search: '        await JWT.verify(params.request, client.asymmetricKeyStore, opts);',
    replace: `        if (!${RELAX}('signature', ${RO_INFO})) await JWT.verify(params.request, client.asymmetricKeyStore, opts);`,
  },
]

/**
 * Source of the ESM loader hooks module (registered with `module.register` in serve.ts). It
 * rewrites the listed files as they load and throws when a search text does not match once.
 */
export function hooksModuleSource(): string {
  return `
let patches = [];
export async function initialize(data) { patches = data?.patches ?? []; }
export async function load(url, context, nextLoad) {
  const result = await nextLoad(url, context);
  const mine = patches.filter((p) => url.endsWith('/node_modules/' + p.file));
  if (!mine.length || result.source == null) return result;
  let source = typeof result.source === 'string' ? result.source : Buffer.from(result.source).toString('utf8');
  for (const p of mine) {
    const n = source.split(p.search).length - 1;
    if (n !== 1) {
      throw new Error('reference-as source patch for ' + p.file + ': search text found ' + n + ' times (expected once); '
        + 'the installed version changed, update src/reference-as/patches.ts. Search text: ' + JSON.stringify(p.search));
    }
    source = source.replace(p.search, () => p.replace);
  }
  source += '\\n;(globalThis.__referenceAsPatched ??= new Set()).add(' + JSON.stringify(mine[0].file) + ');\\n';
  return { ...result, source, shortCircuit: true };
}
`
}

/** The `data:` URL to pass to `module.register`. */
export function hooksModuleUrl(): string {
  return `data:text/javascript,${encodeURIComponent(hooksModuleSource())}`
}

/** Files a patch list touches. */
export function patchedFiles(patches: SourcePatch[]): string[] {
  return [...new Set(patches.map((p) => p.file))]
}

/** Whether every file of `patches` was loaded patched in this process. */
export function patchesApplied(patches: SourcePatch[]): boolean {
  const applied = (globalThis as { __referenceAsPatched?: Set<string> }).__referenceAsPatched
  return patchedFiles(patches).every((f) => applied?.has(f))
}

const VALIDATE_DPOP = 'oidc-provider/lib/helpers/validate_dpop.js'

/**
 * The DPoP proof checks at the token endpoint (RFC 9449 §4.3), each switchable per request:
 * `dpop-verify` (asked with the proof's header: a relaxed proof is decoded, not verified: its alg,
 * typ, jwk and signature go unchecked), `dpop-htm`, `dpop-htu`, `dpop-iat` (the iat window),
 * `dpop-nonce` (a server that supplies nonces accepts a proof without one, or with one it never
 * supplied: RFC 9449 §8, §11.3).
 */
export const RELAX_DPOP: SourcePatch[] = [
  {
    file: VALIDATE_DPOP,
    search:
      "    jwt = await jwtVerify(proof, EmbeddedJWK, { algorithms: dPoPSigningAlgValues, typ: 'dpop+jwt' });",
    replace: `    const jose = await import('jose');
    jwt = ${RELAX}('dpop-verify', { ctx, header: jose.decodeProtectedHeader(proof) })
      ? { protectedHeader: jose.decodeProtectedHeader(proof), payload: jose.decodeJwt(proof) } // reference-as mutant: proof not verified
      : await jwtVerify(proof, EmbeddedJWK, { algorithms: dPoPSigningAlgValues, typ: 'dpop+jwt' });`,
  },
  {
    file: VALIDATE_DPOP,
    search: '    if (payload.htm !== ctx.method) {',
    replace: `    if (payload.htm !== ctx.method && !${RELAX}('dpop-htm', { ctx, payload })) {`,
  },
  {
    file: VALIDATE_DPOP,
    search: '      if (actual?.href !== expected) {',
    replace: `      if (actual?.href !== expected && !${RELAX}('dpop-htu', { ctx, payload })) {`,
  },
  {
    file: VALIDATE_DPOP,
    search: '      if (diff > CHALLENGE_OK_WINDOW) {',
    replace: `      if (diff > CHALLENGE_OK_WINDOW && !${RELAX}('dpop-iat', { ctx, payload })) {`,
  },
  {
    file: VALIDATE_DPOP,
    search: '  if (!payload.nonce && requireNonce) {',
    replace: `  if (!payload.nonce && requireNonce && !${RELAX}('dpop-nonce', { ctx, payload })) {`,
  },
  {
    file: VALIDATE_DPOP,
    search: '  if (payload.nonce && !DPoPNonces.checkChallenge(payload.nonce)) {',
    replace: `  if (payload.nonce && !DPoPNonces.checkChallenge(payload.nonce) && !${RELAX}('dpop-nonce', { ctx, payload })) {`,
  },
]

const AUTHORIZATION_PARAMETERS = 'oidc-provider/lib/actions/authorization/response_parameters.js'

/**
 * The nonce of an authorization request: oidc-provider requires it for response types with an ID
 * Token and, in FAPI 1.0 mode, for every request for openid (FAPI 1.0 Part 1 §5.2.2.2-1). When
 * relaxed, neither is required (the request is otherwise checked as before).
 */
export const RELAX_NONCE: SourcePatch = {
  file: AUTHORIZATION_PARAMETERS,
  search: '  presence(ctx, ...required);',
  replace: `  if (${RELAX}('nonce', { ctx })) required.delete('nonce');\n  presence(ctx, ...required);`,
}
