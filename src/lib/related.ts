/**
 * "Related articles": for one article, the others sharing the most of its tags, the newer first
 * on ties. Scoring every member of every shared tag on every article page is quadratic when a
 * tag is on most articles (84 s at 10,000 articles with one tag on all of them), so the lists
 * are indexed once per build and each article picks the cheaper of two exact methods:
 *
 * - sparse: count the members of its tags, when their lists are short;
 * - bitset: one bit per article per tag, combined 32 articles at a time, when a tag is large.
 *   Scores are accumulated as "at least s shared tags" masks, and since articles are numbered
 *   newest first, the first n bits found at the best score are the answer; the scan stops as
 *   soon as n articles share all of the article's tags.
 *
 * Both give the same answer as the plain definition (tests/unit/site.test.ts checks them
 * against it).
 */

/** Finds related items; `tagsOf(i)` are the distinct tag ids of item i, items numbered in tie-break order. */
export interface RelatedIndex {
  /** Up to n item numbers sharing the most tags with item i, lower numbers first on ties; never i. */
  related(i: number, n: number): number[];
}

/**
 * Indexes `count` items whose tags are given as ids 0…tagCount-1 (each list without repeats).
 * `members[t]` lists the items carrying tag t in ascending order.
 */
export function relatedIndex(tagsOf: readonly (readonly number[])[], members: readonly (readonly number[])[]): RelatedIndex {
  const count = tagsOf.length;
  const words = (count + 31) >>> 5;
  const bitsets = new Map<number, Uint32Array>();
  const bitset = (t: number): Uint32Array => {
    let b = bitsets.get(t);
    if (!b) {
      b = new Uint32Array(words);
      for (const i of members[t] ?? []) b[i >>> 5] = (b[i >>> 5] as number) | (1 << (i & 31));
      bitsets.set(t, b);
    }
    return b;
  };
  const score = new Int32Array(count);

  function sparse(i: number, tags: readonly number[], n: number): number[] {
    const touched: number[] = [];
    for (const t of tags) {
      for (const j of members[t] ?? []) {
        if (j === i) continue;
        if (score[j] === 0) touched.push(j);
        score[j] = (score[j] as number) + 1;
      }
    }
    touched.sort((x, y) => (score[y] as number) - (score[x] as number) || x - y);
    const out = touched.slice(0, n);
    for (const j of touched) score[j] = 0;
    return out;
  }

  function dense(i: number, tags: readonly number[], n: number): number[] {
    const k = tags.length;
    const sets = tags.map(bitset);
    // atLeast[s]: items of the current word sharing at least s tags (atLeast[0]: every item).
    const atLeast = new Uint32Array(k + 2);
    const found: number[][] = Array.from({ length: k + 1 }, () => []);
    for (let w = 0; w < words; w++) {
      atLeast.fill(0, 1);
      let all = 0xffffffff;
      if (w === i >>> 5) all &= ~(1 << (i & 31));
      if (w === words - 1 && count & 31) all &= (1 << (count & 31)) - 1;
      atLeast[0] = all;
      for (let m = 0; m < k; m++) {
        const x = (sets[m] as Uint32Array)[w] as number;
        if (x === 0) continue;
        for (let s = m + 1; s >= 1; s--) atLeast[s] = (atLeast[s] as number) | ((atLeast[s - 1] as number) & x);
      }
      for (let s = k; s >= 1; s--) {
        const list = found[s] as number[];
        if (list.length >= n) continue;
        let exact = ((atLeast[s] as number) & ~(atLeast[s + 1] as number)) >>> 0;
        while (exact !== 0 && list.length < n) {
          const bit = 31 - Math.clz32(exact & -exact);
          list.push((w << 5) + bit);
          exact = (exact & (exact - 1)) >>> 0;
        }
      }
      // Later words hold only older items: nothing can beat n items that share every tag.
      if ((found[k] as number[]).length >= n) break;
    }
    const out: number[] = [];
    for (let s = k; s >= 1 && out.length < n; s--) for (const j of found[s] as number[]) if (out.length < n) out.push(j);
    return out;
  }

  return {
    related(i, n) {
      const tags = tagsOf[i] ?? [];
      if (n <= 0 || tags.length === 0) return [];
      // Work of each method, in the same rough unit: one visited member, or one word-level step.
      const sparseCost = tags.reduce((sum, t) => sum + (members[t]?.length ?? 0), 0) * 2;
      const denseCost = (words * tags.length * (tags.length + 3)) / 2;
      return sparseCost <= denseCost ? sparse(i, tags, n) : dense(i, tags, n);
    },
  };
}
