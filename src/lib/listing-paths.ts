import { type PageSlice, paginate } from './paginate.ts';
import { pageSegment } from './permalink.ts';

/**
 * Static paths for a paginated listing under a base folder: the first page at the base
 * ("/tags/msp/") and the rest at pageSegment's "page/2/", "page/3/"… (a rest parameter named `page`).
 */
export function listingPaths<T, P extends Record<string, string>, X extends object>(
  params: P,
  items: readonly T[],
  size: number,
  extra: X,
): { params: P & { page: string | undefined }; props: X & { slice: PageSlice<T> } }[] {
  return paginate(items, size).map((slice) => ({
    params: { ...params, page: pageSegment(slice.page) },
    props: { ...extra, slice },
  }));
}
