/**
 * Front-matter dates: the formats bloggers carry (Hugo, Hexo, Jekyll), read
 * as wall-clock times in the site's time zone unless they carry an offset.
 * The machine's own time zone never enters (luxon with an explicit zone).
 */
import { DateTime } from 'luxon'
import type { SiteDate } from '../types.js'

const pattern =
  /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i

/**
 * Parse a front-matter date.
 *
 * @param value The raw value (YAML core schema keeps dates as strings).
 * @param zone IANA time zone of the site.
 * @returns The date, or undefined when it is not a date or not a real one (2022-13-45).
 */
export function parseDate(value: unknown, zone: string): SiteDate | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : fromDateTime(DateTime.fromJSDate(value), zone)
  if (typeof value !== 'string') return undefined
  const match = pattern.exec(value.trim())
  if (!match) return undefined
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '0', offset] = match
  const parts = {
    year: Number(y), month: Number(mo), day: Number(d), hour: Number(h), minute: Number(mi), second: Number(s),
    millisecond: Number(frac.slice(0, 3).padEnd(3, '0'))
  }
  const inZone = offset ? (offset.toUpperCase() === 'Z' ? 'UTC' : 'UTC' + normaliseOffset(offset)) : zone
  const dt = DateTime.fromObject(parts, { zone: inZone })
  // luxon normalises overflow silently in some paths; reject anything that did not round-trip.
  if (!dt.isValid || dt.year !== parts.year || dt.month !== parts.month || dt.day !== parts.day || dt.hour !== parts.hour) {
    return undefined
  }
  return fromDateTime(dt, zone)
}

/**
 * A SiteDate from epoch milliseconds (dates from git, "now").
 *
 * @param ms Milliseconds since the epoch.
 * @param zone Site time zone.
 * @returns The date.
 */
export function dateFromMillis(ms: number, zone: string): SiteDate {
  return fromDateTime(DateTime.fromMillis(ms), zone)
}

function fromDateTime(dt: DateTime, zone: string): SiteDate {
  const local = dt.setZone(zone)
  return {
    iso: local.toISO({ suppressMilliseconds: true }) ?? '',
    ms: local.toMillis(),
    year: local.year,
    month: local.month,
    day: local.day
  }
}

function normaliseOffset(offset: string): string {
  const sign = offset[0]
  const digits = offset.slice(1).replace(':', '')
  const hours = digits.slice(0, 2)
  const minutes = digits.slice(2, 4) || '00'
  return `${sign}${hours}:${minutes}`
}

const prefix = /^(\d{4})-(\d{2})-(\d{2})(?:-(.*))?$/

/**
 * The date at the start of a post's file or folder name, as Jekyll and Hexo
 * write it (`2016-06-28-slug`), and the name without it.
 *
 * @param name File name without `.md`, or a bundle's folder name.
 * @returns The date text (`2016-06-28`) and the rest (the name itself when
 *   nothing follows the date), or undefined when the name starts with no date.
 */
export function datePrefix(name: string): { date: string; rest: string } | undefined {
  const match = prefix.exec(name)
  if (!match) return undefined
  const rest = (match[4] ?? '').trim()
  return { date: `${match[1]}-${match[2]}-${match[3]}`, rest: rest === '' ? name : rest }
}

const formatters = new Map<string, Intl.DateTimeFormat>()

/**
 * Format a date for readers in the site's language (e.g. `2022年10月21日` or `October 21, 2022`).
 * One Intl formatter per zone and language: formatting thousands of dates a
 * build must not create a formatter (or a luxon object) each time.
 *
 * @param date The date.
 * @param zone Site time zone.
 * @param language BCP 47 tag.
 * @returns Human date.
 */
export function formatDate(date: SiteDate, zone: string, language: string): string {
  const key = `${zone}\0${language}`
  let formatter = formatters.get(key)
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(language, { year: 'numeric', month: 'long', day: 'numeric', timeZone: zone })
    formatters.set(key, formatter)
  }
  return formatter.format(date.ms)
}
