/**
 * The conversion engine and the three syntaxes: tags outside code are
 * converted, tags in fenced, indented or inline code never are, block tags
 * pair with their end tags (nested too), and what no converter takes stays
 * as written and is reported at its source line.
 */
import { describe, expect, it } from 'vitest'
import { convertBody } from '../../../src/import/convert.js'
import { hexoConverters, liquidSyntax } from '../../../src/import/convert-hexo.js'
import { liquidConverters, liquidOutputConverters, liquidOutputSyntax } from '../../../src/import/convert-liquid.js'
import { hugoConverters, hugoSyntax } from '../../../src/import/convert-hugo.js'
import type { ConvertContext } from '../../../src/import/context.js'
import { codeRanges } from '../../../src/import/code-ranges.js'

const ctx: ConvertContext = {
  file: 'post.md',
  resolve: (key) => (key === 'other' || key === '2020-01-02-other' || key === 'posts/other' ? { href: './other.md', title: 'The Other' } : undefined),
  hasAsset: (name) => name === 'cat.png',
  readSource: (path) => (path === 'downloads/code/a.py' ? 'print(1)\n' : undefined),
  codeDir: 'downloads/code',
  siteUrl: 'https://old.example'
}

const hexo = (text: string, firstLine = 1) => convertBody(text, liquidSyntax, hexoConverters(ctx), 'post.md', firstLine)
const hugo = (text: string) => convertBody(text, hugoSyntax, hugoConverters(ctx), 'post.md', 1)

describe('code ranges', () => {
  it('finds fenced, indented and inline code with a real Markdown parse', () => {
    const text = 'a `x` b\n\n```\ny\n```\n\n    z\n'
    expect(codeRanges(text).map(([s, e]) => text.slice(s, e))).toEqual(['`x`', '```\ny\n```', '    z'])
  })
})

describe('Hexo tags', () => {
  it('leaves tags in fenced, tilde-fenced, indented and inline code alone', () => {
    const text = '```\n{% note %}x{% endnote %}\n```\n\n~~~\n{% youtube abc %}\n~~~\n\n    {% youtube abc %}\n\nsee `{% post_link other %}`\n'
    const result = hexo(text)
    expect(result.text).toBe(text)
    expect(result.leftovers).toEqual([])
    expect(result.counts.size).toBe(0)
  })

  it('converts a note into a callout, its class into the kind and the other words into a title', () => {
    expect(hexo('{% note warning 小心 %}\n内容 {% post_link other %}\n{% endnote %}\n').text).toBe('> [!WARNING]\n> **小心**\n>\n> 内容 [The Other](./other.md)\n')
    expect(hexo('{% note success no-icon %}\nok\n{% endnote %}').text).toBe('> [!TIP]\n> ok')
  })

  it('pairs nested blocks of the same name', () => {
    const result = hexo('{% fold a %}\nout\n{% fold b %}\nin\n{% endfold %}\n{% endfold %}\n')
    expect(result.text).toBe('<details>\n<summary>a</summary>\n\nout\n<details>\n<summary>b</summary>\n\nin\n\n</details>\n\n</details>\n')
    expect(result.counts.get('fold')).toBe(2)
  })

  it('turns codeblock, code and include_code into fenced code that outlasts backticks inside', () => {
    expect(hexo('{% codeblock lang:js %}\nlet s = `x` + ```y```\n{% endcodeblock %}').text).toBe('````js\nlet s = `x` + ```y```\n````')
    expect(hexo('{% codeblock Title lang:ts https://e.org link %}\nx\n{% endcodeblock %}').text).toBe('*Title*\n\n```ts\nx\n```')
    expect(hexo('{% include_code lang:python a.py %}').text).toBe('```python\nprint(1)\n```')
    const missing = hexo('{% include_code gone.py %}')
    expect(missing.text).toBe('{% include_code gone.py %}')
    expect(missing.leftovers).toEqual([{ file: 'post.md', line: 1, construct: '{% include_code %}' }])
  })

  it('keeps the inside of raw and codeblock as written (no tag inside is converted)', () => {
    expect(hexo('{% raw %}{% youtube x %}{% endraw %}').text).toBe('{% youtube x %}')
    expect(hexo('{% codeblock %}\n{% note %}a{% endnote %}\n{% endcodeblock %}').text).toBe('```\n{% note %}a{% endnote %}\n```')
  })

  it('converts quotes, images, links and embeds', () => {
    expect(hexo('{% blockquote David Levithan, Wide Awake %}\nDo not just\n{% endblockquote %}').text).toBe('> Do not just\n>\n> — David Levithan, Wide Awake')
    expect(hexo('{% blockquote Seth Godin https://e.org/welcome Welcome %}\nQuote\n{% endblockquote %}').text).toBe('> Quote\n>\n> — [Welcome](https://e.org/welcome), Seth Godin')
    expect(hexo('{% pullquote left %}\nBig\n{% endpullquote %}').text).toBe('> Big')
    expect(hexo('{% asset_img cat.png A cat %}').text).toBe('![A cat](cat.png "A cat")')
    expect(hexo('{% asset_img "cat.png" \'"Title" "Alt text"\' %}').text).toBe('![Alt text](cat.png "Title")')
    expect(hexo('{% asset_link cat.png The cat %}').text).toBe('[The cat](cat.png)')
    expect(hexo('<img src="{% asset_path cat.png %}">').text).toBe('<img src="cat.png">')
    expect(hexo('{% img right /i/b.png 10 20 Title %}').text).toBe('![Title](/i/b.png "Title")')
    expect(hexo('{% img /i/a.png 10 20 \'"t" "alt"\' %}').text).toBe('![alt](/i/a.png "t")')
    expect(hexo('{% link Some text https://e.org Hover %}').text).toBe('[Some text](https://e.org "Hover")')
    expect(hexo('{% post_link other %} {% post_link other Read this %} {% post_path other %}').text).toBe('[The Other](./other.md) [Read this](./other.md) ./other.md')
    expect(hexo('{% youtube dQw4w9WgXcQ %}').text).toBe('<iframe src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ" title="YouTube video" loading="lazy" allowfullscreen></iframe>')
    expect(hexo('{% vimeo 123 %}').text).toContain('src="https://player.vimeo.com/video/123"')
    expect(hexo('{% iframe https://e.org/x 100 50 %}').text).toBe('<iframe src="https://e.org/x" title="https://e.org/x" width="100" height="50" loading="lazy" allowfullscreen></iframe>')
  })

  it('converts theme tags: toggles, tabs, buttons, galleries, mermaid', () => {
    expect(hexo('{% hideToggle 答案,#303030,white %}\n42\n{% endhideToggle %}').text).toBe('<details>\n<summary>答案</summary>\n\n42\n\n</details>')
    expect(hexo('{% folding cyan open, 标题 %}\nx\n{% endfolding %}').text).toContain('<summary>标题</summary>')
    expect(hexo('{% tabs demo, 2 %}\n<!-- tab 甲 @fa-a -->\nA\n<!-- endtab -->\n<!-- tab -->\nB\n<!-- endtab -->\n{% endtabs %}').text).toBe('#### 甲\n\nA\n\n#### demo 2\n\nB')
    expect(hexo('{% button /about/, 关于, fa fa-info %} {% btn https://e.org,Go %}').text).toBe('[关于](/about/) [Go](https://e.org)')
    expect(hexo('{% gallery %}\n![a](a.png)\n{% endgallery %}').text).toBe('![a](a.png)')
    expect(hexo('{% mermaid graph LR %}\nA-->B\n{% endmermaid %}').text).toBe('```mermaid\ngraph LR\nA-->B\n```')
  })

  it('converts inline theme tags and Stellar\'s one-tag notes and URL-first links', () => {
    expect(hexo('{% label primary@重要 %} {% kbd Ctrl %} {% u <u> %} {% mark 亮 %}').text).toBe('<mark>重要</mark> <kbd>Ctrl</kbd> <u>&lt;u&gt;</u> <mark>亮</mark>')
    expect(hexo('{% note color:warning 标题 内容 %}').text).toBe('> [!WARNING]\n> **标题**\n>\n> 内容')
    expect(hexo('{% link https://e.org 一个网站 %}').text).toBe('[一个网站](https://e.org)')
    expect(hexo('{% button <https://e.org/>, 去 %} {% gist abc123 a.sh %}').text).toBe('[去](https://e.org/) [gist abc123 (a.sh)](https://gist.github.com/abc123)')
  })

  it('puts a block on lines of its own when the tag shared a line with text', () => {
    expect(hexo('text {% note %}x{% endnote %} more').text).toBe('text \n\n> [!NOTE]\n> x\n\n more')
  })

  it('reports what it does not convert at its line in the source file, and keeps it', () => {
    const result = hexo('a\n\n{% pdf x.pdf %}\n\n{% post_link missing %}\n', 10)
    expect(result.text).toBe('a\n\n{% pdf x.pdf %}\n\n{% post_link missing %}\n')
    expect(result.leftovers).toEqual([
      { file: 'post.md', line: 12, construct: '{% pdf %}' },
      { file: 'post.md', line: 14, construct: '{% post_link %}' }
    ])
  })
})

describe('Jekyll Liquid', () => {
  const liquid = (text: string) => convertBody(text, liquidSyntax, liquidConverters(ctx), 'post.md', 1)
  const outputs = (text: string) => convertBody(text, liquidOutputSyntax, liquidOutputConverters(ctx, text), 'post.md', 1)

  it('converts highlight, raw, post_url and link', () => {
    expect(liquid('{% highlight ruby linenos %}\nputs 1\n{% endhighlight %}').text).toBe('```ruby\nputs 1\n```')
    expect(liquid('{% raw %}{{ x }}{% endraw %}').text).toBe('{{ x }}')
    expect(liquid('[o]({% post_url 2020-01-02-other %}) [p]({% link _posts/2020-01-02-other.md %})').text).toBe('[o](./other.md) [p]({% link _posts/2020-01-02-other.md %})')
  })

  it('leaves include, capture and loops visible and reports each', () => {
    const result = liquid('{% include a.html %}\n{% capture x %}y{% endcapture %}\n{% for p in site.posts %}{% endfor %}\n')
    expect(result.text).toBe('{% include a.html %}\n{% capture x %}y{% endcapture %}\n{% for p in site.posts %}{% endfor %}\n')
    expect(result.leftovers.map((l) => `${l.line} ${l.construct}`)).toEqual(['1 {% include %}', '2 {% capture %}', '3 {% for %}'])
  })

  it('makes site URLs root-relative', () => {
    expect(outputs('![m]({{ site.url }}{{ site.baseurl }}/a.png) [h]({{ "/about/" | relative_url }}) [k]({{ \'b/\' | absolute_url }}) {{ site.url }}').text)
      .toBe('![m](/a.png) [h](/about/) [k](/b/) https://old.example')
    const kept = outputs('{{ page.title }}')
    expect(kept.text).toBe('{{ page.title }}')
    expect(kept.leftovers).toEqual([{ file: 'post.md', line: 1, construct: '{{ page.title }}' }])
  })
})

describe('Hugo shortcodes', () => {
  it('converts figure, highlight, ref and relref, embeds and posts', () => {
    expect(hugo('{{< figure src="a.png" alt="A" caption="Cap" link="https://e.org" >}}').text).toBe('[![A](a.png "Cap")](https://e.org)')
    expect(hugo('{{< highlight go "linenos=table" >}}\nx := 1\n{{< /highlight >}}').text).toBe('```go\nx := 1\n```')
    expect(hugo('[a]({{< ref "other" >}}) [b]({{< relref "posts/other#top" >}}) [c]({{< ref "#here" >}})').text).toBe('[a](./other.md) [b](./other.md#top) [c](#here)')
    expect(hugo('{{< youtube w7Ft2ymGmfc >}}').text).toContain('https://www.youtube-nocookie.com/embed/w7Ft2ymGmfc')
    expect(hugo('{{< gist spf13 7896402 >}}').text).toBe('[gist spf13/7896402](https://gist.github.com/spf13/7896402)')
    expect(hugo('{{< x user="a" id="1" >}} {{< tweet user="b" id="2" >}}').text).toBe('[Post by @a](https://x.com/a/status/1) [Post by @b](https://x.com/b/status/2)')
    expect(hugo('{{% details summary="S" %}}\nin\n{{% /details %}}').text).toBe('<details>\n<summary>S</summary>\n\nin\n\n</details>')
  })

  it('reports other shortcodes, keeps them and converts what is inside a kept block', () => {
    const result = hugo('{{< box >}}\n{{< youtube abc >}}\n{{< /box >}}\n')
    expect(result.text).toBe('{{< box >}}\n<iframe src="https://www.youtube-nocookie.com/embed/abc" title="YouTube video" loading="lazy" allowfullscreen></iframe>\n{{< /box >}}\n')
    expect(result.leftovers).toEqual([{ file: 'post.md', line: 1, construct: '{{< box >}}' }])
  })

  it('never converts inside code', () => {
    const text = '`{{< youtube abc >}}`\n\n```\n{{< figure src="a.png" >}}\n```\n'
    expect(hugo(text).text).toBe(text)
  })
})
