import { z } from 'astro/zod';
import { httpUrl } from '../content/schema.ts';
import { WEEKDAYS } from './week.ts';

/** Form control names: plain names, as e-mail services document them (Mailchimp: EMAIL, FNAME). */
const fieldName = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[^\s"'<>&]+$/, 'must be a form field name without spaces, quotes, < > or &');

/**
 * The sign-up form of the site's e-mail service (Buttondown, Mailchimp, Kit and the like all
 * offer a plain HTML form endpoint). Shown in the follow block; it works without JavaScript.
 */
export const signupSchema = z.strictObject({
  /** Where the form posts: the service's form endpoint, an absolute http(s) URL. */
  action: httpUrl,
  /** Name of the e-mail address field as the service expects it: "email" (default), Mailchimp "EMAIL". */
  emailField: fieldName.default('email'),
  /** Name of an optional first-name field (Mailchimp "FNAME"); no name field when absent. */
  nameField: fieldName.optional(),
  /** Hidden fields the service needs, sent as written: a list id, a tag, `embed: "1"`. */
  hidden: z.record(fieldName, z.string().max(500)).default({}),
});

/** The weekly digests: one issue per week built from the week's articles and reader comments. */
export const digestsSchema = z.strictObject({
  /** First day of a newsletter week, in the site's time zone. */
  weekStartsOn: z.enum(WEEKDAYS, { error: `must be one of ${WEEKDAYS.join(', ')}` }).default('monday'),
  /** How many discussed threads an issue quotes from (featured comments may add more). */
  threads: z.number().int().min(0).max(10).default(3),
  /** Reader comments quoted per thread. */
  quotesPerThread: z.number().int().min(1).max(5).default(2),
  /** Longest quoted excerpt, in characters (cut at a word). */
  excerptLength: z.number().int().min(60).max(1000).default(280),
  /**
   * What the e-mail's unsubscribe link points to: the merge tag your e-mail service fills in for
   * each reader ("{{ unsubscribe_url }}" for Buttondown and Kit, "*|UNSUB|*" for Mailchimp).
   */
  unsubscribe: z.string().trim().min(1).max(200).default('{{ unsubscribe_url }}'),
});

/**
 * `false`, or the digest settings with their defaults. Not a z.union: a union reports only
 * "Invalid input" for a typo inside the object; this passes each field's own message through.
 */
const digestsOrOff = z
  .unknown()
  .transform((value, ctx): DigestsConfig | false => {
    if (value === false) return false;
    const result = digestsSchema.safeParse(value);
    if (result.success) return result.data;
    for (const issue of result.error.issues) ctx.addIssue(issue as never);
    return z.NEVER;
  })
  .prefault({}) as unknown as z.ZodType<DigestsConfig | false, z.input<typeof digestsSchema> | false | undefined>;

/** The follow block after every article, and the newsletter behind it. */
export const newsletterSchema = z.strictObject({
  /** Heading of the follow block. */
  heading: z.string().min(1),
  /** The block's pitch when the site has a newsletter (a sign-up form or digests): what readers get. */
  text: z.string().min(1),
  /** The block's text when there is no newsletter to promise (no sign-up form, digests off). */
  followText: z.string().min(1).default('Follow along by RSS or on the links below.'),
  /** The e-mail service's sign-up form; no form when absent. */
  signup: signupSchema.optional(),
  /** Weekly digests (pages, feed, e-mail files) under /newsletter/; `false` turns them off. */
  digests: digestsOrOff,
});

export type NewsletterConfig = z.output<typeof newsletterSchema>;
export type SignupConfig = z.output<typeof signupSchema>;
export type DigestsConfig = z.output<typeof digestsSchema>;
