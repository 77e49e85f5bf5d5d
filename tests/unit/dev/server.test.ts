import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { contentType, inject, resolveRequest } from '../../../src/dev/server.js'
import { clientScript, scriptJson } from '../../../src/dev/client.js'
import { tempDir } from '../../helpers/tree.js'

let out: string
let outside: string

beforeAll(() => {
  outside = tempDir('outside')
  writeFileSync(join(outside, 'secret.txt'), 'secret')
  out = tempDir('out')
  mkdirSync(join(out, 'posts', '你好'), { recursive: true })
  writeFileSync(join(out, 'index.html'), '<html><body>home</body></html>')
  writeFileSync(join(out, 'posts', '你好', 'index.html'), 'post')
  writeFileSync(join(out, '文件.txt'), 'text')
  symlinkSync(join(outside, 'secret.txt'), join(out, 'escape.txt'))
  symlinkSync(outside, join(out, 'escape-dir'))
})

describe('resolveRequest', () => {
  it('maps paths under the base path to files, folders to index.html', async () => {
    expect(await resolveRequest(out, '/blog/', '/blog/')).toEqual({ kind: 'file', path: expect.stringMatching(/index\.html$/) })
    expect(await resolveRequest(out, '/blog/', '/blog/posts/%E4%BD%A0%E5%A5%BD/')).toEqual({ kind: 'file', path: expect.stringMatching(/你好[/\\]index\.html$/) })
    expect(await resolveRequest(out, '/blog/', '/blog/%E6%96%87%E4%BB%B6.txt')).toEqual({ kind: 'file', path: expect.stringMatching(/文件\.txt$/) })
  })

  it('redirects to the base path and adds the slash to folders', async () => {
    expect(await resolveRequest(out, '/blog/', '/')).toEqual({ kind: 'redirect', location: '/blog/' })
    expect(await resolveRequest(out, '/blog/', '/blog')).toEqual({ kind: 'redirect', location: '/blog/' })
    expect(await resolveRequest(out, '/blog/', '/blog/posts/%E4%BD%A0%E5%A5%BD')).toEqual({ kind: 'redirect', location: '/blog/posts/%E4%BD%A0%E5%A5%BD/' })
  })

  it('refuses traversal, backslashes, NUL and bad encodings', async () => {
    for (const path of ['/blog/../x', '/blog/%2e%2e/x', '/blog/%2E%2E/x', '/blog/a%2f..%2f..%2fx', '/blog/..\\x', '/blog/%5c..', '/blog/%00', '/blog/%E4%BD', '/blog/./index.html']) {
      expect(await resolveRequest(out, '/blog/', path), path).toEqual({ kind: 'bad' })
    }
  })

  it('does not follow symbolic links out of the folder', async () => {
    expect(await resolveRequest(out, '/blog/', '/blog/escape.txt')).toEqual({ kind: 'missing' })
    expect(await resolveRequest(out, '/blog/', '/blog/escape-dir/secret.txt')).toEqual({ kind: 'missing' })
  })

  it('reports missing files and paths outside the base path', async () => {
    expect(await resolveRequest(out, '/blog/', '/blog/nope.html')).toEqual({ kind: 'missing' })
    expect(await resolveRequest(out, '/blog/', '/index.html')).toEqual({ kind: 'missing' })
  })
})

describe('content types', () => {
  it('has charsets for text and none for binaries', () => {
    expect(contentType('a/index.html')).toBe('text/html; charset=utf-8')
    expect(contentType('feed.xml')).toBe('application/xml; charset=utf-8')
    expect(contentType('文件.txt')).toBe('text/plain; charset=utf-8')
    expect(contentType('x.svg')).toBe('image/svg+xml; charset=utf-8')
    expect(contentType('x.css')).toBe('text/css; charset=utf-8')
    expect(contentType('x.js')).toBe('text/javascript; charset=utf-8')
    expect(contentType('照片.png')).toBe('image/png')
    expect(contentType('font.woff2')).toBe('font/woff2')
    expect(contentType('noext')).toBe('application/octet-stream')
  })
})

describe('the injected client', () => {
  it('goes before </body>, or at the end', () => {
    expect(inject('<p>x</p></body></html>', '<s>')).toBe('<p>x</p><s></body></html>')
    expect(inject('<p>x</p>', '<s>')).toBe('<p>x</p><s>')
  })

  it('embeds problems as script-safe JSON', () => {
    const text = clientScript([{ where: 'a.md:1:1', severity: 'error', message: '</script><img src=x onerror=alert(1)> & \u2028', ruleId: 'r', frame: [] }])
    expect(text.match(/<\/script>/g)).toHaveLength(1)
    expect(text).not.toContain('<img')
    expect(JSON.parse(scriptJson({ m: '</script>&\u2028' }))).toEqual({ m: '</script>&\u2028' })
  })
})
