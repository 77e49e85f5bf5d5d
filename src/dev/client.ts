/**
 * The live-reload client injected into HTML pages by `inkstone dev` (never
 * into `build` output): it listens for server-sent events, reloads the page
 * after a successful build and shows the last build's errors in an overlay
 * (warnings in a small panel that does not cover the page).
 * The overlay is built with DOM text nodes, so a message can never become markup.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Problem } from '../types.js'
import { codeFrame } from '../report/format.js'
import { hintFor } from '../messages.js'

/** One problem as the overlay shows it. */
export interface OverlayProblem {
  /** `path:line:column`. */
  where: string
  severity: 'error' | 'warning'
  message: string
  ruleId: string
  hint?: string
  /** Code frame lines. */
  frame: string[]
}

/**
 * Problems for the overlay, with code frames: errors first, then warnings
 * (a rule `checks:` turned into a warning still shows, with its place).
 *
 * @param problems The build's problems.
 * @param root Site root (to read code frames).
 * @returns Overlay problems, sorted by place.
 */
export function overlayProblems(problems: Problem[], root: string): OverlayProblem[] {
  const texts = new Map<string, string | undefined>()
  const text = (path: string): string | undefined => {
    if (!texts.has(path)) {
      try {
        texts.set(path, readFileSync(join(root, path), 'utf8'))
      } catch {
        texts.set(path, undefined)
      }
    }
    return texts.get(path)
  }
  return [...problems]
    .sort((a, b) => Number(b.fatal) - Number(a.fatal) || (a.path < b.path ? -1 : a.path > b.path ? 1 : (a.line ?? 0) - (b.line ?? 0)))
    .map((p) => {
      const source = p.line !== undefined ? text(p.path) : undefined
      return {
        where: p.line !== undefined ? `${p.path}:${p.line}:${p.column ?? 1}` : p.path,
        severity: p.fatal ? 'error' : 'warning',
        message: p.reason,
        ruleId: p.ruleId,
        hint: hintFor(p.ruleId),
        frame: source !== undefined && p.line !== undefined ? codeFrame(source, p.line, p.column ?? 1) : []
      }
    })
}

/**
 * JSON that is safe inside a `<script>` element.
 *
 * @param value Data.
 * @returns Script-safe JSON.
 */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029')
}

const CLIENT = `(function () {
  var OVERLAY = 'inkstone-error-overlay';
  function show(list) {
    var old = document.getElementById(OVERLAY);
    if (old) old.remove();
    if (!list || list.length === 0) return;
    var errors = list.filter(function (p) { return p.severity === 'error'; }).length;
    var warnings = list.length - errors;
    var box = document.createElement(errors ? 'div' : 'details');
    box.id = OVERLAY;
    var h = document.createElement(errors ? 'h2' : 'summary');
    if (errors) {
      box.setAttribute('role', 'alertdialog');
      box.style.cssText = 'position:fixed;inset:0;z-index:2147483647;overflow:auto;background:rgba(20,20,20,.94);color:#eee;padding:2rem;font:14px/1.5 ui-monospace,SFMono-Regular,Menlo,monospace';
      h.style.cssText = 'color:#ff6b6b;margin:0 0 1rem;font-size:16px';
      h.textContent = 'inkstone: the last build failed (' + errors + (errors === 1 ? ' error' : ' errors') + (warnings ? ', ' + warnings + (warnings === 1 ? ' warning' : ' warnings') : '') + '); still serving the last good build';
    } else {
      // Warnings only: a small panel in a corner, closed until asked.
      box.style.cssText = 'position:fixed;right:1rem;bottom:1rem;z-index:2147483647;max-width:min(60rem,calc(100vw - 2rem));max-height:70vh;overflow:auto;background:rgba(20,20,20,.94);color:#eee;padding:.5rem 1rem;border-radius:6px;font:13px/1.5 ui-monospace,SFMono-Regular,Menlo,monospace';
      h.style.cssText = 'color:#ffd166;cursor:pointer';
      h.textContent = 'inkstone: ' + warnings + (warnings === 1 ? ' warning' : ' warnings');
    }
    box.appendChild(h);
    list.forEach(function (p) {
      var item = document.createElement('section');
      item.style.cssText = 'margin:0 0 1.5rem';
      var head = document.createElement('div');
      var where = document.createElement('strong');
      where.textContent = p.where;
      head.appendChild(where);
      head.appendChild(document.createTextNode(': ' + p.severity + ': ' + p.message + ' [' + p.ruleId + ']'));
      item.appendChild(head);
      if (p.hint) {
        var hint = document.createElement('div');
        hint.style.color = '#aaa';
        hint.textContent = 'hint: ' + p.hint;
        item.appendChild(hint);
      }
      if (p.frame && p.frame.length) {
        var pre = document.createElement('pre');
        pre.style.cssText = 'background:#000;padding:.75rem;margin:.5rem 0;overflow:auto';
        pre.textContent = p.frame.join('\\n');
        item.appendChild(pre);
      }
      box.appendChild(item);
    });
    var close = document.createElement('button');
    close.textContent = 'Close';
    close.onclick = function () { box.remove(); };
    box.appendChild(close);
    (document.body || document.documentElement).appendChild(box);
  }
  function start() {
    show(window.__INKSTONE_PROBLEMS__);
    if (!window.EventSource) return;
    var es = new EventSource('${'/__inkstone/events'}');
    es.addEventListener('reload', function () { location.reload(); });
    es.addEventListener('problems', function (e) { show(JSON.parse(e.data).problems); });
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start); else start();
})();`

/**
 * The script element injected into dev pages.
 *
 * @param problems The last build's errors (empty when it succeeded).
 * @returns A `<script>` element.
 */
export function clientScript(problems: OverlayProblem[]): string {
  return `<script data-inkstone-dev>window.__INKSTONE_PROBLEMS__=${scriptJson(problems)};\n${CLIENT}</script>`
}
