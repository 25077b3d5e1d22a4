import { expect, test } from '@playwright/test'
import { authFor } from '../../../../src/client/auth/index.js'
import { CLIENT_AUTH_METHODS } from '../../../../src/suite/profile.js'

test('authFor gives the strategy for every registered method', () => {
  for (const m of CLIENT_AUTH_METHODS) expect(authFor(m).method).toBe(m)
})
