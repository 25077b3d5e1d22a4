// Minimal typings for node oidc-provider 9.x, which ships none. Only what src/reference-as uses;
// everything else is `any` on purpose (the reference AS treats the library as a black box).
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http'

  export class Provider {
    constructor(issuer: string, configuration?: Record<string, unknown>)
    issuer: string
    proxy: boolean
    silent: boolean
    callback(): (req: IncomingMessage, res: ServerResponse) => Promise<void>
    use(middleware: (ctx: any, next: () => Promise<void>) => unknown): this
    on(event: string, listener: (...args: any[]) => void): this
    backchannelResult(request: any, result: any, options?: Record<string, unknown>): Promise<void>
    readonly Client: any
    readonly AccessToken: any
    readonly ClientCredentials: any
    readonly Grant: any
    readonly ReplayDetection: any
    readonly OIDCContext: any
    readonly BackchannelAuthenticationRequest: any
    static readonly ctx: any;
    [key: string]: any
  }
  export default Provider
  export const errors: Record<
    string,
    new (
      ...args: any[]
    ) => Error & { error: string; error_description?: string; status?: number; statusCode?: number }
  >
}

declare module 'oidc-provider/lib/helpers/weak_cache.js' {
  /** oidc-provider's per-Provider internals (configuration, grant handlers); see ciba-push.ts. */
  const instance: (provider: unknown) => any
  export default instance
}
