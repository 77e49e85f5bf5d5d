// Copied from shared/bench/sites/eleventy/eleventy.config.mjs (the site measured in shared/bench/RESULTS.md), unchanged.
// Minimal benchmark site: post pages, one page per tag, paginated home (10/page).
// Defaults kept: markdown-it (html: true), Liquid pre-processing of .md files.
const tagSlug = (t) => String(t).trim().toLowerCase().replace(/[\s/?#%]+/g, '-');
// Dates are +08:00 in the corpus; print the local (Asia/Shanghai) calendar day.
const ymd = (d) => new Date(new Date(d).getTime() + 8 * 3600e3).toISOString().slice(0, 10);

export default function (eleventyConfig) {
  eleventyConfig.addFilter('tagslug', tagSlug);
  eleventyConfig.addFilter('ymd', ymd);
  eleventyConfig.addFilter('iso', (d) => new Date(d).toISOString());
  // newest first
  eleventyConfig.addCollection('posts', (api) => api.getFilteredByGlob('posts/*.md').reverse());
  eleventyConfig.addCollection('tagPages', (api) => {
    const byTag = new Map();
    for (const p of api.getFilteredByGlob('posts/*.md')) {
      for (const t of p.data.tags || []) {
        if (!byTag.has(t)) byTag.set(t, []);
        byTag.get(t).push(p);
      }
    }
    return [...byTag.keys()].sort().map((tag) => ({ tag, slug: tagSlug(tag), posts: byTag.get(tag).reverse() }));
  });
  return {
    dir: { input: '.', includes: '_includes', output: '_site' },
    htmlTemplateEngine: 'njk',
  };
}
