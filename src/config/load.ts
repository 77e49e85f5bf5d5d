/**
 * Read `content/site.yaml` and validate it: the thin I/O wrapper over schema.ts.
 */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Problem, SiteConfig } from '../types.js'
import { problem } from '../messages.js'
import { parseYaml } from '../util/yaml.js'
import { validateConfig } from './schema.js'

/** Where the config lives, relative to the site root. */
export const CONFIG_PATH = 'content/site.yaml'

/**
 * Parse and validate config text (no I/O).
 *
 * @param text YAML text of site.yaml.
 * @param baseUrl Override of `url`.
 * @returns Config and problems.
 */
export function parseConfig(text: string, baseUrl?: string): { config: SiteConfig; problems: Problem[] } {
  const parsed = parseYaml(text)
  if (parsed.errors.length > 0) {
    const { config } = validateConfig({ ...parsed, data: {} }, CONFIG_PATH, baseUrl)
    return { config, problems: parsed.errors.map((e) => problem(CONFIG_PATH, e.rule ?? 'yaml-syntax', e.reason, e.place)) }
  }
  return validateConfig(parsed, CONFIG_PATH, baseUrl)
}

/**
 * Load the config of a site root.
 *
 * @param root Site root (absolute).
 * @param baseUrl Override of `url` from `--base-url`.
 * @returns Config, problems, and the raw text (for cache digests).
 */
export async function loadConfig(root: string, baseUrl?: string): Promise<{ config: SiteConfig; problems: Problem[]; text: string }> {
  let text: string
  try {
    text = await readFile(join(root, CONFIG_PATH), 'utf8')
  } catch {
    const { config } = parseConfig('title: ""\nurl: http://localhost/\n', baseUrl)
    return { config, text: '', problems: [problem(CONFIG_PATH, 'config-missing', `No site config at ${CONFIG_PATH}`)] }
  }
  return { ...parseConfig(text, baseUrl), text }
}
