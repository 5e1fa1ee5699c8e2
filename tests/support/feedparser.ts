import { spawnSync } from 'node:child_process';

/** What Python's feedparser (Debian's python3-feedparser) made of a feed. */
export interface ParsedFeed {
  bozo: number;
  bozo_exception: string;
  feed: { title: string; language?: string; links: { rel: string; href: string }[]; updated?: string };
  entries: {
    title: string;
    link: string;
    id: string;
    published: string;
    published_iso: string;
    author?: string;
    summary?: string;
    content?: string;
    tags: string[];
    slash_comments?: string;
    wfw_commentrss?: string;
    comments?: string;
  }[];
}

const SCRIPT = `
import sys, json, calendar, datetime, feedparser
out = []
for path in sys.argv[1:]:
    d = feedparser.parse(path)
    def iso(t):
        return datetime.datetime.fromtimestamp(calendar.timegm(t), datetime.timezone.utc).strftime('%Y-%m-%dT%H:%M:%SZ') if t else ''
    out.append({
        'bozo': int(bool(d.bozo)),
        'bozo_exception': str(d.get('bozo_exception', '')),
        'feed': {'title': d.feed.get('title', ''), 'language': d.feed.get('language'), 'updated': d.feed.get('updated'),
                 'links': [{'rel': l.get('rel', ''), 'href': l.get('href', '')} for l in d.feed.get('links', [])]},
        'entries': [{
            'title': e.get('title', ''), 'link': e.get('link', ''), 'id': e.get('id', ''),
            'published': e.get('published', ''), 'published_iso': iso(e.get('published_parsed')),
            'author': e.get('author'), 'summary': e.get('summary'),
            'content': (e.get('content') or [{}])[0].get('value'),
            'tags': [t.get('term') for t in e.get('tags', [])],
            'slash_comments': e.get('slash_comments'), 'wfw_commentrss': e.get('wfw_commentrss'), 'comments': e.get('comments'),
        } for e in d.entries],
    })
print(json.dumps(out))
`;

/**
 * Parses feeds with a real feed reader's parser. Debian's /usr/bin/python3 has python3-feedparser
 * (the python3 on PATH may be another one without it).
 */
export function parseFeeds(files: string[]): ParsedFeed[] {
  const r = spawnSync('/usr/bin/python3', ['-c', SCRIPT, ...files], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`feedparser failed (is python3-feedparser installed?):\n${r.stderr}`);
  return JSON.parse(r.stdout) as ParsedFeed[];
}
