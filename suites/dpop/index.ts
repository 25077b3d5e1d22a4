import type { Module } from '../../src/index.js'
import { dpopCodeBindingModules } from './code-binding.js'
import { dpopNonceModules } from './nonce.js'
import { dpopResourceModules } from './resource.js'
import { dpopTokenModules } from './token.js'

/** DPoP (RFC 9449): proofs at the token endpoint, DPoP-bound tokens at the protected resource, DPoP-bound authorization codes. */
export const dpopModules: Module[] = [
  ...dpopTokenModules,
  ...dpopNonceModules,
  ...dpopResourceModules,
  ...dpopCodeBindingModules,
]
