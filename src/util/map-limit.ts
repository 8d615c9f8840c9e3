/**
 * A Worker invocation keeps at most six outbound connections open; more calls
 * only queue up inside the runtime. This runs work at a bounded concurrency.
 */
export const OUTBOUND_CONCURRENCY = 6;

/** Runs `fn` over `items` with at most `limit` calls in flight; stops starting new ones after a failure. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  let failure: { error: unknown } | null = null;
  const worker = async () => {
    while (!failure && next < items.length) {
      const index = next++;
      try {
        results[index] = await fn(items[index]!);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (failure) throw (failure as { error: unknown }).error;
  return results;
}
