// Violates FAPI 1.0 Part 1 §5.2.2-19 (FAPI1-BASE-5.2.2-19): the AS "shall return an invalid_client
// error as defined in 5.2 of [RFC6749] when mis-matched client identifiers were provided through
// the client authentication methods that permits sending the client identifier in more than one
// way". Broken by a middleware (c): at the token endpoint, a client_id parameter sent beside a
// client_assertion is dropped before oidc-provider sees it, so the client the assertion names is
// authenticated whatever client_id the request carried.
import { defineMutant, readForm, replaceBody } from '../../src/reference-as/mutant.js'

export default defineMutant({
  id: 'ignores-client-id-with-assertion',
  module: import.meta.url,
  description:
    'fapi1-baseline ignores a client_id parameter that names another client than the client assertion',
  profiles: ['fapi1-baseline'],
  expectFailures: {
    'fapi1-baseline': ['client-id-mismatch-private-key-jwt'],
  },
  async middleware(ctx, next) {
    if (ctx.path === '/token') {
      const form = await readForm(ctx)
      if (form?.has('client_assertion') && form.has('client_id')) {
        form.delete('client_id')
        replaceBody(ctx, form.toString())
      }
    }
    await next()
  },
})
