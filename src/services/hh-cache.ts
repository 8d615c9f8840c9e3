/**
 * Short-lived copies of hh.ru answers in D1 (`hh_cache`), so scrolling the feed and
 * re-opening a vacancy do not ask hh.ru again. Keys never contain tokens or user ids:
 * hh.ru's vacancy data is the same for everyone (similar-vacancy pages are keyed by
 * resume id). A row past its expiry is a miss and the next put overwrites it.
 *
 * Key formats other code relies on: `vacancy:<id>` holds hh.ru's vacancy detail JSON
 * (GET /vacancies/{id}) — the apply code reads it for titles.
 */
import { and, eq, gt, inArray, lte } from "drizzle-orm";
import { hhCache } from "../../shared/schema";
import type { Db } from "../db";

export const MINUTE_MS = 60_000;
export const VACANCY_PAGE_TTL_MS = 5 * MINUTE_MS;
export const VACANCY_DETAIL_TTL_MS = 10 * MINUTE_MS;
export const AREAS_TTL_MS = 24 * 60 * MINUTE_MS;

export const vacancyKey = (vacancyId: string) => `vacancy:${vacancyId}`;

/** The value under `key`, or null when absent or expired. */
export async function cacheGet<T>(db: Db, key: string, now = Date.now()): Promise<T | null> {
  const [row] = await db
    .select({ value: hhCache.value })
    .from(hhCache)
    .where(and(eq(hhCache.key, key), gt(hhCache.expires_at, new Date(now))))
    .limit(1);
  return row ? (row.value as T) : null;
}

/** The value under `key` even past its expiry, for data that rarely changes (a vacancy's title). */
export const cacheGetEvenExpired = <T>(db: Db, key: string) => cacheGet<T>(db, key, 0);

/** Live values for many keys at once (≤ 99 keys: D1 binds at most 100 parameters). */
export async function cacheGetMany<T>(db: Db, keys: readonly string[], now = Date.now()): Promise<Map<string, T>> {
  if (keys.length === 0) return new Map();
  const rows = await db
    .select({ key: hhCache.key, value: hhCache.value })
    .from(hhCache)
    .where(and(inArray(hhCache.key, [...keys]), gt(hhCache.expires_at, new Date(now))));
  return new Map(rows.map((row) => [row.key, row.value as T]));
}

const upsert = (db: Db, key: string, value: unknown, expiresAt: Date) =>
  db
    .insert(hhCache)
    .values({ key, value, expires_at: expiresAt })
    .onConflictDoUpdate({ target: hhCache.key, set: { value, expires_at: expiresAt } });

export async function cachePut(db: Db, key: string, value: unknown, ttlMs: number, now = Date.now()): Promise<void> {
  await upsert(db, key, value, new Date(now + ttlMs));
}

/** Several entries in one round trip, one statement each (bound-parameter limit). */
export async function cachePutMany(
  db: Db,
  entries: readonly { key: string; value: unknown }[],
  ttlMs: number,
  now = Date.now(),
): Promise<void> {
  const expiresAt = new Date(now + ttlMs);
  const [first, ...rest] = entries.map(({ key, value }) => upsert(db, key, value, expiresAt));
  if (first) await db.batch([first, ...rest]);
}

/** The cached value, or `load()`'s result stored for `ttlMs`. Failures of `load` are not cached. */
export async function cached<T>(db: Db, key: string, ttlMs: number, load: () => Promise<T>): Promise<T> {
  const hit = await cacheGet<T>(db, key);
  if (hit !== null) return hit;
  const value = await load();
  await cachePut(db, key, value, ttlMs);
  return value;
}

/** Drops rows expired before `before`; for housekeeping (e.g. a cron), not needed for correctness. */
export async function deleteExpired(db: Db, before = Date.now()): Promise<void> {
  await db.delete(hhCache).where(lte(hhCache.expires_at, new Date(before)));
}
