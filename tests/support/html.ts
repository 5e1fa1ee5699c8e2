import { readFileSync } from 'node:fs';
import path from 'node:path';
import { type HTMLElement, parse } from 'node-html-parser';

/** Parses a built page: `page(dist, '/2010/07/14/slug/')`. */
export function page(dist: string, urlPath: string): HTMLElement {
  const file = urlPath.endsWith('/') ? path.join(dist, urlPath, 'index.html') : path.join(dist, urlPath);
  return parse(readFileSync(file, 'utf8'));
}

/** Visible text with whitespace folded. */
export function text(el: HTMLElement | null | undefined): string {
  return (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
}
