/**
 * The search page in the browser: runs the search in the URL with Pagefind's JS API and renders
 * the results. Pagefind's library loads only here, and only once there is something to search for
 * or the search box gains focus.
 */
import { fetchParts, mergeParts, mergeResults, partFilters, partOptions, type SearchParts } from '../../lib/search/delta.ts';
import { type CommentMatch, commentMatches, type PagefindAnchor } from '../../lib/search/matches.ts';
import {
  isEmptyQuery,
  pagefindOptions,
  parseSearchParams,
  quotedQuery,
  SEARCH_FILTERS,
  type SearchQuery,
  toSearchParams,
} from '../../lib/search/query.ts';
import { plainApostrophes } from '../../lib/search/text.ts';

/** The parts of Pagefind's result data this page reads. */
interface ResultData {
  url: string;
  /** HTML: Pagefind escapes the text and adds only <mark>. */
  excerpt: string;
  meta: Partial<Record<'title' | 'date' | 'date_label' | 'author' | 'image', string>>;
  locations: number[];
  anchors: PagefindAnchor[];
}

interface PagefindResult {
  id: string;
  score: number;
  data(): Promise<ResultData>;
}

interface Pagefind {
  options(options: Record<string, unknown>): Promise<void>;
  mergeIndex(indexPath: string, options?: Record<string, unknown>): Promise<void>;
  search(term: string | null, options: ReturnType<typeof pagefindOptions>): Promise<{ results: PagefindResult[] } | null>;
}

/** Pagefind with the index's parts merged (lib/search/delta.ts). */
interface LoadedSearch {
  pf: Pagefind;
  parts: SearchParts;
}

/** Results rendered at a time; "Show more results" adds as many again. */
const PAGE_SIZE = 10;
/** Pause after the last keystroke before searching as the reader types. */
const TYPING_DELAY_MS = 250;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> = {}, ...children: (Node | string)[]) {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
}

function describe(query: SearchQuery): string {
  return query.q ? quotedQuery(query.q) : 'the chosen filters';
}

function commentLine(matches: CommentMatch[], alsoInArticle: boolean): HTMLElement {
  const line = el('p', { className: 'search-in-comments' });
  const noun = matches.length === 1 ? 'a reader’s comment' : `${matches.length} readers’ comments`;
  line.append(alsoInArticle ? `Also in ${noun}: ` : `Matched in ${noun}: `);
  matches.slice(0, 3).forEach((m, i) => {
    if (i > 0) line.append(', ');
    line.append(el('a', { href: m.url }, m.author || 'comment'));
  });
  if (matches.length > 3) line.append(` and ${matches.length - 3} more`);
  return line;
}

function renderResult(data: ResultData): HTMLLIElement {
  const comments = commentMatches(data);
  const firstComment = data.anchors
    .filter((a) => a.element === 'article' && a.id.startsWith('comment-'))
    .sort((a, b) => a.location - b.location)[0];
  const inArticle = data.locations.some((l) => firstComment === undefined || l < firstComment.location);

  const title = data.meta.title ?? data.url;
  const meta = el('p', { className: 'meta' });
  if (data.meta.author) meta.append(el('span', {}, `By ${data.meta.author}`));
  if (data.meta.date_label) meta.append(el('span', {}, el('time', { dateTime: data.meta.date ?? '' }, data.meta.date_label)));

  const excerpt = el('p', { className: 'search-excerpt' });
  excerpt.innerHTML = data.excerpt;

  const body = el('div', {}, el('h2', { className: 'card-title' }, el('a', { href: data.url }, title)), meta, excerpt);
  if (comments.length > 0) body.append(commentLine(comments, inArticle));
  const item = el('li', { className: 'search-result' }, body);
  if (data.meta.image) {
    // Decorative: the title beside it says what the card says.
    item.append(
      el('img', {
        className: 'search-result-image',
        src: data.meta.image,
        alt: '',
        width: 240,
        height: 126,
        loading: 'lazy',
        decoding: 'async',
      }),
    );
  }
  return item;
}

/** Wires one search block: form ⇄ URL, Pagefind, results. */
export function startSearch(root: HTMLElement): void {
  const form = root.querySelector<HTMLFormElement>('form');
  const input = root.querySelector<HTMLInputElement>('input[name="q"]');
  const status = root.querySelector<HTMLElement>('[data-search-status]');
  const list = root.querySelector<HTMLOListElement>('[data-search-results]');
  const more = root.querySelector<HTMLButtonElement>('[data-search-more]');
  const unavailable = root.querySelector<HTMLElement>('[data-search-unavailable]');
  const partial = root.querySelector<HTMLElement>('[data-search-partial]');
  if (!form || !input || !status || !list || !more || !unavailable || !partial) return;
  const bundle = root.dataset.bundle ?? '/pagefind/pagefind.js';

  const bundleDir = bundle.slice(0, bundle.lastIndexOf('/') + 1);

  let pagefind: Promise<LoadedSearch> | undefined;
  const load = () => {
    pagefind ??= Promise.all([import(/* @vite-ignore */ bundle) as Promise<Pagefind>, fetchParts(bundleDir)]).then(
      async ([pf, { parts, problem }]) => {
        // Pagefind searches in this page's thread rather than fetching its 12 KiB worker script: a
        // search of 10,000 articles takes milliseconds, and every query then fetches that much less.
        await pf.options({ excerptLength: 24, noWorker: true, ...partOptions(parts) });
        await mergeParts(pf, parts, bundleDir);
        // Only the first index could be read: say so rather than show a fraction of the results as all.
        if (problem) {
          partial.hidden = false;
          console.warn(`Search: ${problem}; searching the first part of the index only.`);
        }
        return { pf, parts };
      },
    );
    return pagefind;
  };

  const readForm = (): SearchQuery => {
    const params = new URLSearchParams();
    for (const [key, value] of new FormData(form)) if (typeof value === 'string') params.append(key, value);
    return parseSearchParams(params);
  };
  const fillForm = (query: SearchQuery) => {
    input.value = query.q;
    for (const key of SEARCH_FILTERS) {
      const select = form.elements.namedItem(key);
      if (select instanceof HTMLSelectElement) select.value = query.filters[key] ?? '';
    }
    const sort = form.elements.namedItem('sort');
    if (sort instanceof HTMLSelectElement) sort.value = query.sort;
  };

  // Each search gets a number; a slower, older search never overwrites a newer one's results.
  let latest = 0;
  let pending: PagefindResult[] = [];

  const showMore = async (run: number, focusFirst: boolean) => {
    const batch = pending.slice(0, PAGE_SIZE);
    pending = pending.slice(PAGE_SIZE);
    const items = (await Promise.all(batch.map((r) => r.data()))).map(renderResult);
    if (run !== latest) return;
    list.append(...items);
    more.hidden = pending.length === 0;
    if (focusFirst) items[0]?.querySelector('a')?.focus();
  };

  const run = async (query: SearchQuery) => {
    const id = ++latest;
    list.replaceChildren();
    more.hidden = true;
    pending = [];
    if (isEmptyQuery(query)) {
      status.textContent = '';
      return;
    }
    status.textContent = 'Searching…';
    let loaded: LoadedSearch;
    try {
      loaded = await load();
    } catch {
      pagefind = undefined;
      status.textContent = '';
      unavailable.hidden = false;
      return;
    }
    // The index holds plain apostrophes (lib/search/text.ts): "Azure’s" typed on a phone finds "Azure's".
    const options = pagefindOptions(query);
    const found = await loaded.pf.search(query.q ? plainApostrophes(query.q) : null, {
      ...options,
      filters: partFilters(loaded.parts, options.filters),
    });
    if (id !== latest || !found) return;
    const results = mergeResults(found.results, loaded.parts, options.sort !== undefined);
    const n = results.length;
    pending = results;
    await showMore(id, false);
    if (id !== latest) return;
    // Announced once the first results are on the page, so the count and the list agree.
    status.textContent =
      n === 0 ? `No articles match ${describe(query)}.` : `${n === 1 ? '1 article matches' : `${n} articles match`} ${describe(query)}.`;
  };

  /** Puts the form's search in the address bar (a new history entry, or replacing it while typing) and runs it. */
  const commit = (mode: 'push' | 'replace') => {
    const query = readForm();
    const search = toSearchParams(query).toString();
    const url = `${location.pathname}${search ? `?${search}` : ''}`;
    if (url !== `${location.pathname}${location.search}`) {
      if (mode === 'push') history.pushState(null, '', url);
      else history.replaceState(null, '', url);
    }
    void run(query);
  };

  // Typing adds one history entry, at its first pause; later pauses update that entry, so Back
  // returns to the search before the typing rather than through every word typed.
  let typing: ReturnType<typeof setTimeout> | undefined;
  let typed = false;
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    clearTimeout(typing);
    typed = false;
    commit('push');
  });
  input.addEventListener('input', () => {
    clearTimeout(typing);
    typing = setTimeout(() => {
      commit(typed ? 'replace' : 'push');
      typed = true;
    }, TYPING_DELAY_MS);
  });
  input.addEventListener('focus', () => void load().catch(() => undefined), { once: true });
  form.addEventListener('change', (event) => {
    if (!(event.target instanceof HTMLSelectElement)) return;
    typed = false;
    commit('push');
  });
  more.addEventListener('click', () => void showMore(latest, true));
  window.addEventListener('popstate', () => {
    typed = false;
    const query = parseSearchParams(new URLSearchParams(location.search));
    fillForm(query);
    void run(query);
  });

  const initial = parseSearchParams(new URLSearchParams(location.search));
  fillForm(initial);
  void run(initial);
}
