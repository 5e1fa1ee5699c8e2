import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, test } from 'vitest';
import { site } from '../../src/site.config.ts';
import { htmlFiles } from './support/links.ts';
import { ROOT, type SiteName, sites } from './support/sites.ts';

interface VnuMessage {
  type: string;
  url?: string;
  message: string;
  lastLine?: number;
  extract?: string;
}

/** The checker's jar, shipped inside the vnu-jar package; Java 17 runs it. */
const VNU_JAR = createRequire(import.meta.url).resolve('vnu-jar/build/dist/vnu.jar');

const checked: SiteName[] = ['sample', 'corpus', 'overflow'];

/**
 * A newsletter e-mail's unsubscribe link is the e-mail service's merge tag ("{{ unsubscribe_url }}"),
 * which the service replaces with each reader's URL when it sends; until then it is not a URL.
 * Only exactly that message, on exactly those files, is accepted.
 */
const unsubscribeTag = site.newsletter?.digests ? site.newsletter.digests.unsubscribe : undefined;
const isUnsubscribePlaceholder = (m: VnuMessage) =>
  unsubscribeTag !== undefined &&
  /\/newsletter\/\d{4}-\d{2}-\d{2}\/email\.html$/.test(m.url ?? '') &&
  m.message.startsWith(`Bad value “${unsubscribeTag}” for attribute “href” on element “a”`);

let messages: VnuMessage[] = [];
let filesChecked: string[] = [];

// One JVM start for all sites: the Nu checker takes a few seconds to warm up, then is fast.
beforeAll(async () => {
  const args = ['-jar', VNU_JAR, '--errors-only', '--skip-non-html', '--verbose', '--format', 'json', ...checked.map((s) => sites[s])];
  // vnu exits 1 when it finds errors; the JSON report (stderr) says what they are either way.
  const { stdout, stderr } = await promisify(execFile)('java', args, { maxBuffer: 64 * 1024 * 1024 }).catch(
    (error: { stdout: string; stderr: string }) => error,
  );
  filesChecked = stdout.split('\n').filter((line) => line.endsWith('.html'));
  messages = (JSON.parse(stderr) as { messages: VnuMessage[] }).messages;
  console.log(`vnu: ${filesChecked.length} HTML files checked, ${messages.length} messages`);
}, 120_000);

describe('the Nu HTML checker', () => {
  test.each(checked)('checked every page of the %s site', (site) => {
    const expected = htmlFiles(sites[site]).map((f) => path.join(sites[site], f));
    const seen = filesChecked.map((f) => path.resolve(ROOT, f)).filter((f) => f.startsWith(sites[site] + path.sep));
    expect(expected.length).toBeGreaterThan(0);
    expect(seen.sort()).toEqual(expected.sort());
  });

  test('reports no errors', () => {
    const readable = messages
      .filter((m) => !isUnsubscribePlaceholder(m))
      .map((m) => `${m.url?.replace(`file:${ROOT}/`, '')}:${m.lastLine ?? '?'}: ${m.type}: ${m.message} [${m.extract ?? ''}]`);
    expect(readable).toEqual([]);
  });
});
