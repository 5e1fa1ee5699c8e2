import type { Comment } from './content/model.ts';
import type { SiteModel } from './site.ts';

/**
 * The name a comment is shown under, on pages, in feeds and in structured data: a staff reply
 * shows the site author's name (the `staff` id is checked against the authors at load time),
 * anyone else the name they typed.
 */
export function commenterName(site: Pick<SiteModel, 'author'>, c: Pick<Comment, 'staff' | 'author'>): string {
  return c.staff ? (site.author(c.staff)?.name ?? c.author) : c.author;
}
