import { expect, test } from '@playwright/test'
import { expire } from '../../../src/mutators/expire.js'
import { NOW, build, without } from './_assertion.js'

test.describe('expire', () => {
  test('default: expired 600 s ago, issued a minute before that', async () => {
    const base = await build([])
    const m = await build([expire()])
    expect(m.payload.exp).toBe(NOW - 600)
    expect(m.payload.iat).toBe(NOW - 660)
    expect(without(m.payload, 'exp', 'iat')).toEqual(without(base.payload, 'exp', 'iat'))
    expect(m.header).toEqual(base.header)
  })

  test('custom seconds', async () => {
    const m = await build([expire(30)])
    expect([m.payload.iat, m.payload.exp]).toEqual([NOW - 90, NOW - 30])
    expect((m.payload.exp as number) - (m.payload.iat as number)).toBe(60)
  })
})
