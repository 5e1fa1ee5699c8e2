/** Slugs for articles and URL segments for tags. */

/** Article, page and author file names: lowercase ASCII letters, digits and single hyphens. */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Makes a file-name slug from a title: "Microsoft's Q3 Plans!" → "microsofts-q3-plans". */
export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/['’]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
}

/** The identity of a tag: tags that differ only in case, spacing or Unicode form are one tag. */
export function tagKey(tag: string): string {
  let key = tagKeys.get(tag);
  if (key === undefined) {
    key = tag.normalize('NFKC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('en-US');
    if (tagKeys.size > 50_000) tagKeys.clear();
    tagKeys.set(tag, key);
  }
  return key;
}
// Tags repeat across thousands of articles; normalising each spelling once is enough.
const tagKeys = new Map<string, string>();

/** A readable URL segment for a tag key; keeps letters of any script, spells out C++ and C#. */
function tagSegment(key: string): string {
  const seg = key
    .replace(/\+/g, ' plus ')
    .replace(/#/g, ' sharp ')
    .replace(/&/g, ' and ')
    .replace(/@/g, ' at ')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
  return seg || 'tag';
}

/** Short stable hash (FNV-1a, base 36) used to keep colliding tag URLs apart. */
export function shortHash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(36).padStart(7, '0').slice(0, 6);
}

/**
 * Assigns a URL segment to every tag key so that two different tags never share a URL.
 * A key whose readable segment is taken by another key keeps it only if the key *is* that
 * segment (e.g. "c" owns /tags/c/); every other claimant gets a hash suffix. The result for a
 * key depends only on the keys that collide with it, so unrelated new tags never move a URL.
 */
export function assignTagSegments(keys: Iterable<string>): Map<string, string> {
  const claims = new Map<string, string[]>();
  for (const key of new Set(keys)) {
    const seg = tagSegment(key);
    const list = claims.get(seg);
    if (list) list.push(key);
    else claims.set(seg, [key]);
  }
  const out = new Map<string, string>();
  for (const [seg, list] of claims) {
    if (list.length === 1) {
      out.set(list[0] as string, seg);
      continue;
    }
    for (const key of list) out.set(key, key === seg ? seg : `${seg}-${shortHash(key)}`);
  }
  return out;
}
