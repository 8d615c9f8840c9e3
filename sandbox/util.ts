// Small helpers shared by the sandbox modules. Web APIs only: this runs in workerd and Node.

/** hh.ru's timestamp format: `2024-05-01T12:00:00+0300` (Moscow time). */
export function hhDate(ms: number): string {
  const iso = new Date(ms + 3 * 3600_000).toISOString(); // 2024-05-01T09:00:00.000Z shifted
  return `${iso.slice(0, 19)}+0300`;
}

const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

/** An opaque random string, e.g. `sbx_Q2J9…`; readable prefix, 48 random characters. */
export function randomToken(prefix: string, length = 48): string {
  const bytes = new Uint8Array(length);
  crypto.getRandomValues(bytes);
  let out = prefix;
  for (const b of bytes) out += ALNUM[b % ALNUM.length];
  return out;
}

export function randomHex(bytes = 16): string {
  const buf = new Uint8Array(bytes);
  crypto.getRandomValues(buf);
  return Array.from(buf, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** Deterministic hex string (FNV-1a chained) — stable seed ids, no randomness at import. */
export function stableHex(seed: string, length: number): string {
  let out = "";
  let h = 0x811c9dc5;
  let round = 0;
  while (out.length < length) {
    for (const ch of `${seed}#${round}`) {
      h ^= ch.charCodeAt(0);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    out += h.toString(16).padStart(8, "0");
    round++;
  }
  return out.slice(0, length);
}

/** Seeded PRNG (mulberry32) for reproducible fault storms. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export type HhError = { type: string; value?: string; [k: string]: unknown };

/** hh.ru error body: `{"errors":[…], …extra, "request_id"}`. */
export function errorBody(requestId: string, errors: HhError[], extra: Record<string, unknown> = {}) {
  return { ...extra, errors, request_id: requestId };
}

/** hh.ru's bad_argument body (ErrorsCommonBadArgumentErrors), with the deprecated mirrors. */
export function badArgumentBody(requestId: string, name: string, description = `bad value of ${name}`) {
  return errorBody(requestId, [{ type: "bad_argument", value: name }], {
    bad_argument: name,
    bad_arguments: [{ name, description }],
    description,
  });
}

export type Paging = { page: number; perPage: number };

/** Parses `page`/`per_page` the way hh.ru does; returns the bad argument's name on error. */
export function parsePaging(
  page: string | undefined,
  perPage: string | undefined,
  opts: { maxDepth?: number } = {},
): Paging | { bad: string } {
  const p = page === undefined || page === "" ? 0 : Number(page);
  const pp = perPage === undefined || perPage === "" ? 20 : Number(perPage);
  if (!Number.isInteger(p) || p < 0) return { bad: "page" };
  if (!Number.isInteger(pp) || pp < 0 || pp > 100) return { bad: "per_page" };
  if (opts.maxDepth !== undefined && (p + 1) * pp > opts.maxDepth) return { bad: "page" };
  return { page: p, perPage: pp };
}

export function paginate<T>(all: T[], { page, perPage }: Paging) {
  const items = perPage === 0 ? [] : all.slice(page * perPage, page * perPage + perPage);
  return {
    found: all.length,
    page,
    pages: perPage === 0 ? 0 : Math.ceil(all.length / perPage),
    per_page: perPage,
    items,
  };
}
