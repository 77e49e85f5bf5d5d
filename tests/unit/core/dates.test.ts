import { describe, expect, it } from 'vitest'
import { parseDate } from '../../../src/content/dates.js'

describe('parseDate', () => {
  const zone = 'Asia/Shanghai'
  it.each([
    ['2022-10-21', '2022-10-21T00:00:00+08:00'],
    ['2022-10-21 20:18', '2022-10-21T20:18:00+08:00'],
    ['2022-10-21 20:18:05', '2022-10-21T20:18:05+08:00'],
    ['2016/6/28 21:40:15', '2016-06-28T21:40:15+08:00'],
    ['2022-10-21T20:18:00+08:00', '2022-10-21T20:18:00+08:00'],
    // An explicit offset is kept as an instant and shown in the site's zone.
    ['2022-10-21T12:18:00Z', '2022-10-21T20:18:00+08:00'],
    ['2022-10-21T20:18:00-0700', '2022-10-22T11:18:00+08:00']
  ])('reads %s as %s', (input, iso) => {
    expect(parseDate(input, zone)?.iso).toBe(iso)
  })

  it('reads a date-only value as that calendar day in the site zone', () => {
    const d = parseDate('2022-10-21', 'America/Los_Angeles')!
    expect([d.year, d.month, d.day]).toEqual([2022, 10, 21])
    expect(d.iso).toBe('2022-10-21T00:00:00-07:00')
  })

  it.each(['2022-13-45', '2022-02-30', '2022-10-21 25:00', 'May 1st', '', '21/10/2022'])('rejects %j', (input) => {
    expect(parseDate(input, zone)).toBeUndefined()
  })

  it('does not depend on the machine time zone', () => {
    const before = process.env.TZ
    process.env.TZ = 'America/Los_Angeles'
    const a = parseDate('2022-10-21 20:18', zone)
    process.env.TZ = 'Asia/Tokyo'
    const b = parseDate('2022-10-21 20:18', zone)
    process.env.TZ = before
    expect(a).toEqual(b)
    expect(a?.ms).toBe(Date.UTC(2022, 9, 21, 12, 18))
  })
})
