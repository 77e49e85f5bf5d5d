import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { contentType, inject, resolveInImage, resolveRequest, startServer } from '../../../src/dev/server.js'
import { PageError, siteImage } from '../../../src/render/site-image.js'
import type { Route } from '../../../src/render/routes.js'
import type { PageView } from '../../../src/render/view-types.js'
import { fetchRaw } from '../../helpers/http.js'
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

describe('serving a site image (dev)', () => {
  const page = (outPath: string, url: string): Route => ({ url, outPath, view: { kind: '404' } as unknown as PageView, release: () => undefined, reads: () => [] })
  const image = siteImage({
    files: [{ outPath: '文件.txt', kind: 'bytes', data: new TextEncoder().encode('text'), hash: 'h' }],
    routes: [page('index.html', '/'), page('posts/你好/index.html', '/posts/你好/'), page('broken/index.html', '/broken/'), page('404.html', '/404.html')],
    generated: [{ outPath: 'feed.json', key: () => 'k', make: () => '{}', reads: () => [] }],
    render: (route) => {
      if (route.url === '/broken/') throw new PageError({ path: 'templates/index.tsx', reason: 'Rendering /broken/ failed: boom', ruleId: 'template-error', fatal: true, line: 3, column: 5 })
      return `<html><body>${route.url}</body></html>`
    }
  })

  it('resolves only paths the build made, with folder redirects', () => {
    expect(resolveInImage(image, '/blog/', '/blog/')).toEqual({ kind: 'file', path: 'index.html' })
    expect(resolveInImage(image, '/blog/', '/blog/posts/%E4%BD%A0%E5%A5%BD/')).toEqual({ kind: 'file', path: 'posts/你好/index.html' })
    expect(resolveInImage(image, '/blog/', '/blog/posts/%E4%BD%A0%E5%A5%BD')).toEqual({ kind: 'redirect', location: '/blog/posts/%E4%BD%A0%E5%A5%BD/' })
    expect(resolveInImage(image, '/blog/', '/blog/%E6%96%87%E4%BB%B6.txt')).toEqual({ kind: 'file', path: '文件.txt' })
    expect(resolveInImage(image, '/blog/', '/blog/feed.json')).toEqual({ kind: 'file', path: 'feed.json' })
    expect(resolveInImage(image, '/blog/', '/blog/nope/')).toEqual({ kind: 'missing' })
    expect(resolveInImage(image, '/blog/', '/blog/posts/')).toEqual({ kind: 'missing' })
    expect(resolveInImage(image, '/blog/', '/blog/../etc/passwd')).toEqual({ kind: 'bad' })
    expect(resolveInImage(image, '/blog/', '/')).toEqual({ kind: 'redirect', location: '/blog/' })
  })

  it('makes pages on request, and shows a page whose template throws as a 500 with the problem', async () => {
    const server = await startServer({
      files: () => image, basePath: () => '/blog/', live: true, host: '127.0.0.1', port: 0,
      failed: (error) => [{ where: 'templates/index.tsx:3:5', severity: 'error', message: (error as PageError).problem.reason, ruleId: 'template-error', frame: [] }]
    })
    try {
      const home = await fetchRaw(server.url, '/blog/')
      expect(home.status).toBe(200)
      expect(home.body).toMatch(/^<html><body>\/<script data-inkstone-dev>/)
      const broken = await fetchRaw(server.url, '/blog/broken/')
      expect(broken.status).toBe(500)
      expect(broken.body).toContain('Rendering /broken/ failed: boom')
      expect(broken.body).toContain('<script data-inkstone-dev>')
      const missing = await fetchRaw(server.url, '/blog/nope/')
      expect(missing.status).toBe(404)
      expect(missing.body).toContain('/404.html')
    } finally {
      await server.close()
    }
  })
})
