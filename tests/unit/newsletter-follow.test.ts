import { describe, expect, test } from 'vitest';
import { parseSiteConfig } from '../../src/lib/config.ts';
import { parseEnv } from '../../src/lib/env.ts';
import { digestsEnabled, followBlockContent, signupFormFields } from '../../src/lib/newsletter/follow.ts';

const base = { title: 'T', url: 'https://example.com', social: [{ label: 'RSS', href: '/rss.xml' }] };
const block = { heading: 'Stay in the channel', text: 'Get the weekly newsletter.', followText: 'Follow along by RSS.' };
const signup = { action: 'https://example.us1.list-manage.com/subscribe/post?u=1&id=2', emailField: 'EMAIL', hidden: { b_1_2: '' } };
const labels = (c: ReturnType<typeof followBlockContent>) => c?.links.map((l) => l.label);

describe('the follow block promises a newsletter only when there is one', () => {
  test('digests on (the default): the newsletter text and links to past issues and their feed', () => {
    const c = followBlockContent(parseSiteConfig({ ...base, newsletter: block }), true);
    expect(c?.text).toBe('Get the weekly newsletter.');
    expect(c?.signup).toBeUndefined();
    expect(labels(c)).toEqual(['RSS', 'Past newsletters', 'Newsletter RSS']);
  });

  test('digests off and no sign-up form: the follow text, no newsletter links', () => {
    const c = followBlockContent(parseSiteConfig({ ...base, newsletter: { ...block, digests: false } }), true);
    expect(c?.text).toBe('Follow along by RSS.');
    expect(labels(c)).toEqual(['RSS']);
  });

  test('DIGESTS=off turns the digests off for one build, and the block follows', () => {
    const config = parseSiteConfig({ ...base, newsletter: block });
    expect(digestsEnabled(config, parseEnv({ DIGESTS: 'off' }).digests)).toBeUndefined();
    expect(followBlockContent(config, false)?.text).toBe('Follow along by RSS.');
    expect(() => parseEnv({ DIGESTS: 'no' })).toThrow(
      'DIGESTS=no: use DIGESTS=off to skip the newsletter digests, or leave DIGESTS unset (or on)',
    );
  });

  test('a sign-up form alone is a newsletter: the newsletter text and the form', () => {
    const c = followBlockContent(parseSiteConfig({ ...base, newsletter: { ...block, digests: false, signup } }), true);
    expect(c?.text).toBe('Get the weekly newsletter.');
    expect(c?.signup).toEqual({ ...signup });
  });

  test('no newsletter settings, no block', () => {
    expect(followBlockContent(parseSiteConfig(base), true)).toBeUndefined();
  });
});

describe('the sign-up form', () => {
  test('posts the fields under the names the e-mail service expects, the address required', () => {
    const config = parseSiteConfig({ ...base, newsletter: { ...block, signup: { ...signup, nameField: 'FNAME' } } });
    const fields = signupFormFields(config.newsletter?.signup ?? signup);
    expect(fields.hidden).toEqual([{ name: 'b_1_2', value: '' }]);
    expect(fields.controls.map((c) => [c.name, c.type, c.required, c.autocomplete])).toEqual([
      ['FNAME', 'text', false, 'given-name'],
      ['EMAIL', 'email', true, 'email'],
    ]);
  });

  test('defaults to one e-mail field named email', () => {
    const config = parseSiteConfig({
      ...base,
      newsletter: { ...block, signup: { action: 'https://buttondown.com/api/emails/embed-subscribe/x' } },
    });
    const fields = signupFormFields(config.newsletter?.signup ?? signup);
    expect(fields).toEqual({
      hidden: [],
      controls: [{ id: 'follow-email', name: 'email', type: 'email', label: 'E-mail address', autocomplete: 'email', required: true }],
    });
  });
});

describe('newsletter settings', () => {
  test('defaults: digests weekly from Monday, three threads, two quotes, a Buttondown/Kit merge tag', () => {
    const n = parseSiteConfig({ ...base, newsletter: block }).newsletter;
    expect(n?.digests).toEqual({
      weekStartsOn: 'monday',
      threads: 3,
      quotesPerThread: 2,
      excerptLength: 280,
      unsubscribe: '{{ unsubscribe_url }}',
    });
  });

  test('typos and bad values fail with the field and what to do', () => {
    expect(() =>
      parseSiteConfig({
        ...base,
        newsletter: {
          ...block,
          signup: { action: 'javascript:alert(1)', emailField: 'e mail', hiden: {} },
          digests: { weekStartsOn: 'mon' },
        },
      }),
    ).toThrowErrorMatchingInlineSnapshot(`
      [Error: src/site.config.ts: invalid site configuration.
        - newsletter.signup.action: must be an http:// or https:// URL
        - newsletter.signup.emailField: must be a form field name without spaces, quotes, < > or &
        - newsletter.signup.hiden: unknown field; check its spelling or remove it
        - newsletter.digests.weekStartsOn: must be one of sunday, monday, tuesday, wednesday, thursday, friday, saturday]
    `);
  });
});
