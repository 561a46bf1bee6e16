// Binary search in an ascending array of offsets: the one piece behind the text room's lookups.

/** How many of the ascending `values` are below `limit` (the index of the first that is not). */
export function countBelow(values: readonly number[], limit: number): number {
  let low = 0;
  let high = values.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (values[mid] < limit) low = mid + 1;
    else high = mid;
  }
  return low;
}
