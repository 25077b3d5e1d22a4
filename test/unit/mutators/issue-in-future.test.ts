import { expect, test } from '@playwright/test'
import { issueInFuture } from '../../../src/mutators/issue-in-future.js'
import { NOW, build, without } from './_assertion.js'

test.describe('issueInFuture', () => {
  test('iat and nbf move ahead by the given seconds, exp a minute after them; nothing else changes', async () => {
    const base = await build([])
    const m = await build([issueInFuture(8)])
    expect(base.payload.nbf).toBeUndefined()
    expect([m.payload.iat, m.payload.nbf, m.payload.exp]).toEqual([NOW + 8, NOW + 8, NOW + 68])
    expect(without(m.payload, 'iat', 'nbf', 'exp')).toEqual(
      without(base.payload, 'iat', 'nbf', 'exp'),
    )
    expect(m.header).toEqual(base.header)
  })

  test('label names the offset', () => {
    expect(issueInFuture(120).label).toBe('issue-in-future(+120s)')
  })
})
