/** XML writing: characters XML 1.0 forbids, `]]>`, escaping; and the git log parser. */
import { describe, expect, it } from 'vitest'
import { x } from 'xastscript'
import { attr, cleanXmlText, serialize, text } from '../../../src/render/xml.js'
import { parseGitLog } from '../../../src/git/dates.js'
import { rfc822 } from '../../../src/render/feed-rss.js'
import { parseXml, textOf } from './helpers.js'

describe('xml', () => {
  it('strips C0 controls (not tab, LF, CR), U+FFFE/U+FFFF and lone surrogates', () => {
    expect(cleanXmlText('a\u0000b\u0008c\u000Bd\u000Ce\u001Ff\tg\nh\ri\uFFFEj\uFFFFk')).toBe('abcdef\tg\nh\rijk')
    expect(cleanXmlText('x\uD800y\uDC00z🦊')).toBe('xyz🦊')
  })

  it('text with ]]>, <, &, quotes and controls round-trips through a parser', () => {
    const value = 'a ]]> b ]]]]>> <c> & "d" \'e\' \u0001 🦊 \uD83D'
    const xml = serialize(x('doc', {}, x('t', {}, text(value)), x('a', { v: attr('x"<&]]>\u0002\ny') })))
    const doc = parseXml(xml, 'doc').doc
    expect(textOf(doc.t)).toBe('a ]]> b ]]]]>> <c> & "d" \'e\'  🦊 ')
    expect(doc.a['@v']).toBe('x"<&]]> y')
  })

  it('RFC 822 dates use the offset the date carries, not the machine zone', () => {
    expect(rfc822({ iso: '2026-09-12T08:15:00+08:00', ms: Date.parse('2026-09-12T08:15:00+08:00'), year: 2026, month: 9, day: 12 }))
      .toBe('Sat, 12 Sep 2026 08:15:00 +0800')
    expect(rfc822({ iso: '2024-01-01T00:00:00-05:30', ms: Date.parse('2024-01-01T00:00:00-05:30'), year: 2024, month: 1, day: 1 }))
      .toBe('Mon, 01 Jan 2024 00:00:00 -0530')
    expect(rfc822({ iso: '2024-02-29T23:59:59Z', ms: Date.parse('2024-02-29T23:59:59Z'), year: 2024, month: 2, day: 29 }))
      .toBe('Thu, 29 Feb 2024 23:59:59 +0000')
  })
})

describe('parseGitLog', () => {
  it('keeps the newest modification per path; additions only count as commits', () => {
    const out = '\x011709251200\0\nM\0content/posts/a.md\0\x011704067200\0\nA\0content/posts/a.md\0A\0content/posts/中 文.md\0'
    const { edited, committed } = parseGitLog(out)
    expect(edited).toEqual(new Map([['content/posts/a.md', 1709251200000]]))
    expect(committed).toEqual(new Map([['content/posts/a.md', 1709251200000], ['content/posts/中 文.md', 1704067200000]]))
  })

  it('takes the max author time, whatever the log order', () => {
    const out = '\x01100\0\nM\0p.md\0\x01300\0\nM\0p.md\0\x01200\0\nM\0p.md\0'
    expect(parseGitLog(out).edited.get('p.md')).toBe(300_000)
  })
})
