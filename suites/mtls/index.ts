import type { Module } from '../../src/index.js'
import { boundTokenModules } from './bound-tokens.js'
import { mtlsMetadataModules } from './metadata.js'
import { selfSignedModules } from './self-signed.js'
import { tlsClientAuthModules } from './tls-client-auth.js'

/** Mutual TLS (RFC 8705): client authentication over real TLS and certificate-bound tokens. */
export const mtlsModules: Module[] = [
  ...mtlsMetadataModules,
  ...tlsClientAuthModules,
  ...selfSignedModules,
  ...boundTokenModules,
]
