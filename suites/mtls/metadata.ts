import {
  defineModule,
  mtlsAuthMethodsAdvertised,
  notApplicable,
  use,
  validateMtlsEndpointAliases,
  type Module,
} from '../../src/index.js'

const MTLS_METHODS = ['tls_client_auth', 'self_signed_tls_client_auth'] as const

/** Mutual-TLS metadata (RFC 8705 §2.1.1, §2.2.1, §5). */
export const mtlsMetadataModules: Module[] = [
  defineModule({
    id: 'mtls-metadata-auth-methods',
    title: 'The mutual-TLS client authentication methods are advertised',
    surface: 'mtls',
    summary:
      'token_endpoint_auth_methods_supported lists tls_client_auth and self_signed_tls_client_auth (those the profile allows). The FAPI profiles allow but do not require them (private_key_jwt suffices), so a missing method is a warning.',
    async run({ profile: p, metadata }) {
      if (p.clientAuth.allowed === 'advertised')
        return notApplicable(
          `${p.title} does not restrict the client authentication methods; the advertised ones are exercised by the auth-method modules`,
        )
      const allowed = p.clientAuth.allowed
      const methods = MTLS_METHODS.filter((x) => allowed.includes(x))
      if (!methods.length)
        return notApplicable(`${p.title} allows no mutual-TLS client authentication method`)
      return {
        expected: `${methods.join(', ')} listed (may)`,
        uses: [use(mtlsAuthMethodsAdvertised, { metadata, methods }, ['RFC8705-2'], 'may')],
      }
    },
  }),
  defineModule({
    id: 'mtls-metadata-endpoint-aliases',
    title: 'mtls_endpoint_aliases, when present, is well-formed',
    surface: 'mtls',
    summary:
      'RFC 8705 §5: the optional mtls_endpoint_aliases object maps endpoint metadata names to the https URLs a client doing mutual TLS must use instead.',
    async run({ metadata }) {
      if (metadata.mtls_endpoint_aliases === undefined)
        return notApplicable(
          'the target publishes no mtls_endpoint_aliases (OPTIONAL, RFC 8705 §5): clients use the conventional endpoints for mutual TLS',
        )
      // Publishing aliases is the server's choice (MAY); a published value that is not an object of
      // endpoint URLs sends mTLS clients nowhere. No keyword governs the format itself, so a
      // malformed value is a should-level finding, not an unused option (which would be info).
      return {
        expected: 'an object of https endpoint URLs',
        uses: [use(validateMtlsEndpointAliases, { metadata }, [], 'should')],
      }
    },
  }),
]
