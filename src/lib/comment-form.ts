import type { SiteConfig } from './config.ts';
import type { Comment } from './content/model.ts';
import { formatDisplayDate } from './dates.ts';
import { compareComments } from './threading.ts';

/** Name of the honeypot field: people never see it, so a filled one means a bot filled the form. */
export const HONEYPOT_FIELD = 'honeypot';

/** The configured comment form (see `commentForm` in config.ts). */
export type CommentFormConfig = NonNullable<SiteConfig['commentForm']>;

/** Form control names for each field, as the configured endpoint expects them. */
export interface CommentFormFields {
  name: string;
  email: string;
  url: string;
  affiliation: string;
  message: string;
  replyingTo: string;
  article: string;
  honeypot: string;
  redirect: string;
}

/**
 * Field names the form posts. Both styles are exactly what `npm run comment` reads back, so a
 * submission from either endpoint becomes a comment file without renaming anything.
 */
export function commentFormFields(style: CommentFormConfig['fieldNames']): CommentFormFields {
  if (style === 'staticman') {
    return {
      name: 'fields[name]',
      email: 'fields[email]',
      url: 'fields[url]',
      affiliation: 'fields[affiliation]',
      message: 'fields[message]',
      replyingTo: 'fields[replying_to]',
      article: 'options[slug]',
      honeypot: `fields[${HONEYPOT_FIELD}]`,
      redirect: 'options[redirect]',
    };
  }
  return {
    name: 'name',
    email: 'email',
    url: 'url',
    affiliation: 'affiliation',
    message: 'message',
    replyingTo: 'replying_to',
    article: 'article',
    honeypot: HONEYPOT_FIELD,
    redirect: 'redirect',
  };
}

/** One choice in the form's "In reply to" list. */
export interface ReplyOption {
  /** The comment id, which `npm run comment` checks. */
  value: string;
  label: string;
}

/** The article's comments as "In reply to" choices, in reading order: "Erik Walczak, July 14, 2010". */
export function replyOptions(
  comments: readonly Comment[],
  displayName: (c: Comment) => string,
  timeZone: string,
  locale: string,
): ReplyOption[] {
  return [...comments]
    .sort(compareComments)
    .map((c) => ({ value: c.id, label: `${displayName(c)}, ${formatDisplayDate(c.date, timeZone, locale, true)}` }));
}
