/**
 * Property-based fuzzing of the API: raw requests (any content type, any bytes),
 * generators of bad input, and the invariants every refusal keeps — a 4xx with
 * `{error:{code,message}}` in Russian, nothing written to D1, nothing enqueued,
 * nothing asked of hh.ru.
 */
import { env } from "cloudflare:workers";
import { createExecutionContext } from "cloudflare:test";
import fc from "fast-check";
import { beforeAll, beforeEach, expect } from "vitest";
import { SANDBOX_USERS } from "../../sandbox/seed";
import worker from "../../src/index";
import { APP, type Browser } from "./app";
import { captureApplyQueue } from "./apply";
import { recordApplication } from "./feed";
import { routeFetchTo, useSandbox, type Sandbox } from "./hh";
import { loginApplicant, userIdOf } from "./resumes";

/** Generated inputs per property. */
export const RUNS = 500;
/**
 * One seed for every property, so a CI run is reproducible; a failure prints the
 * counterexample. Change it locally to explore other inputs.
 */
export const FUZZ_SEED = 20261204;
fc.configureGlobal({ seed: FUZZ_SEED });

export interface RawRequest {
  method?: string;
  /** Path and query, e.g. `/api/swipes` or `/api/vacancies?page=x`. */
  path: string;
  cookie?: string;
  /** null: no Content-Type header at all. */
  contentType?: string | null;
  body?: string;
  /** null: no Origin header (a same-origin fetch without one, or a non-browser client). */
  origin?: string | null;
  headers?: Record<string, string>;
}

/**
 * Sends exactly what it is given, as a browser or an attacker could, to the Worker's
 * fetch handler in this isolate (ten times faster than SELF.fetch for thousands of requests).
 */
export async function send(r: RawRequest): Promise<Response> {
  const headers = new Headers(r.headers);
  if (r.cookie) headers.set("Cookie", r.cookie);
  if (r.contentType) headers.set("Content-Type", r.contentType);
  const origin = r.origin === undefined ? APP : r.origin;
  if (origin !== null) headers.set("Origin", origin);
  const request = new Request(`${APP}${r.path}`, { method: r.method ?? "GET", headers, body: r.body, redirect: "manual" });
  return worker.fetch(request, env, createExecutionContext());
}

/** What a refused request must leave untouched: applications, swipes, resumes (and which is selected), users. */
export async function dbSnapshot(): Promise<string> {
  const results = await env.DB.batch([
    env.DB.prepare("SELECT * FROM applications ORDER BY id"),
    env.DB.prepare("SELECT * FROM swipes ORDER BY user_id, vacancy_id"),
    env.DB.prepare("SELECT id, user_id, hh_resume_id, title, selected, updated_at, synced_at FROM resumes ORDER BY id"),
    env.DB.prepare("SELECT * FROM users ORDER BY id"),
  ]);
  return JSON.stringify(results.map((r) => r.results));
}

export interface ErrorBody {
  error: { code: string; message: string };
}

const CYRILLIC = /[А-Яа-яЁё]/;

/**
 * A refusal: one of `statuses`, a JSON `{error:{code,message}}` whose message is a
 * Russian sentence (not zod's or Hono's English words), and nothing else in the body.
 */
export async function expectRefusal(response: Response, statuses: number[] = [400]): Promise<ErrorBody> {
  const text = await response.text();
  expect(response.status, text).toBeLessThan(500);
  expect(statuses, `status ${response.status}: ${text}`).toContain(response.status);
  expect(response.headers.get("Content-Type") ?? "", text).toMatch(/^application\/json/);
  const body = JSON.parse(text) as ErrorBody;
  expect(Object.keys(body), text).toEqual(["error"]);
  expect(typeof body.error.code, text).toBe("string");
  expect(body.error.code, text).toMatch(/^[a-z_]+$/);
  expect(typeof body.error.message, text).toBe("string");
  expect(body.error.message, text).toMatch(CYRILLIC);
  // What the client sent may be quoted back «like this»; the rest must be our Russian, not a library's English.
  const ownWords = body.error.message.replace(/«[^»]*»/g, "«…»");
  expect(ownWords, text).not.toMatch(/Invalid input|expected|received|Malformed|Unexpected token|undefined|\[object/i);
  return body;
}

// ---------------------------------------------------------------------------- generators

/** Strings that break naive code: SQL, paths, encodings, control and invisible characters. */
export const NASTY_STRINGS = [
  "",
  " ",
  "\u0000",
  "'; DROP TABLE applications; --",
  "1 OR 1=1",
  "1' OR '1'='1",
  "1; DELETE FROM swipes",
  "../../etc/passwd",
  "..%2F..%2Fusers",
  "%00",
  "%",
  "%E0%A4%A",
  "93000001/../1",
  "93000001?x=1",
  "93000001#",
  "93000001\n",
  " 93000001",
  "+93000001",
  "-1",
  "1e3",
  "0x10",
  "１２３", // full-width digits
  "١٢٣", // Arabic-Indic digits
  "9".repeat(21),
  "a".repeat(65),
  "\u202eevil",
  "\u200b1",
  "\ud800",
  "\udfff\ud800",
  "😀".repeat(300),
  "null",
  "undefined",
  "NaN",
  "[object Object]",
  "__proto__",
  "constructor",
  "<script>alert(1)</script>",
  "${7*7}",
  "{{7*7}}",
];

/** Any string: short, full Unicode (lone surrogates included), nasty, or huge. */
export const oddString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.string() },
  { weight: 3, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: "grapheme", maxLength: 40 }) },
  { weight: 3, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom("x", "я", "9", "😀", "\u0301"), fc.integer({ min: 1_000, max: 60_000 })).map(([s, n]) => s.repeat(n)) },
);

/** A string as it can travel in a header: visible ASCII kept, everything else percent-encoded as UTF-8. */
export const headerSafe = (s: string) =>
  [...new TextEncoder().encode(s)].map((b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : `%${b.toString(16).padStart(2, "0")}`)).join("");

/** Cookie values: printable junk, or odd strings percent-encoded (and some malformed escapes). */
export const cookieText: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 80 }),
  oddString.map((s) => headerSafe(s.slice(0, 2_000))),
  fc.constantFrom("%", "%zz", "%E0%A4%A", '"', '""', ";", "=", "==;;", "a=b=c", " ", "\\"),
);

/** A JSON value nested `depth` levels deep (arrays or objects). */
export const deepValue = (depth: number, leaf: unknown = "x", asObject = false): unknown => {
  let value = leaf;
  for (let i = 0; i < depth; i++) value = asObject ? { a: value } : [value];
  return value;
};

/** Any JSON-able value, now and then deeply nested or an odd number. */
export const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 2, arbitrary: oddString },
  { weight: 2, arbitrary: fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constantFrom(0, -0, 1e308, 2 ** 53 + 1, 93000001)) },
  { weight: 1, arbitrary: fc.constantFrom(null, true, false, [], {}) },
  { weight: 1, arbitrary: fc.tuple(fc.integer({ min: 50, max: 3_000 }), fc.boolean()).map(([d, o]) => deepValue(d, "x", o)) },
);

/** A request body that is not a JSON object at all. */
export const notAnObject: fc.Arbitrary<unknown> = fc.oneof(
  fc.array(anyValue, { maxLength: 4 }),
  oddString,
  fc.integer(),
  fc.constantFrom(null, true, false, 0, "", []),
);

/** Extra keys beside the expected ones (prototype-ish names included). */
export const extraFields: fc.Arbitrary<Record<string, unknown>> = fc.dictionary(
  fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom("__proto__", "constructor", "prototype", "user_id", "status", "id", "selected")),
  anyValue,
  { maxKeys: 3 },
);

/** Text that is not valid JSON. */
export const malformedJson: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom("{", "}", "[", "{'a':1}", '{"a":1,}', '{"a":}', "{a:1}", "undefined", "NaN", "Infinity", "\u0000", "\ufeff{}", '{"a":"\\u12"}', '"\\x"', "[1,2", "--", "<xml/>", "\"unterminated"),
  fc.string({ minLength: 1 }).filter((s) => {
    try {
      JSON.parse(s);
      return false;
    } catch {
      return true;
    }
  }),
  fc.integer({ min: 50, max: 5_000 }).map((n) => "[".repeat(n)),
);

/** Content types under which a JSON route must not take the body. */
export const wrongContentType: fc.Arbitrary<string | null> = fc.constantFrom(
  null,
  "text/plain",
  "text/plain; charset=utf-8",
  "application/x-www-form-urlencoded",
  "multipart/form-data; boundary=xyz",
  "application/xml",
  "text/json",
  "application/jsonx",
  "application/octet-stream",
  "",
  "*/*",
);

/** How a JSON route gets a bad body: a JSON value, broken JSON, or the right JSON under the wrong content type. */
export type BadBody = { kind: "json"; value: unknown } | { kind: "raw"; text: string; contentType: string | null };

export const describeBody = (b: BadBody) =>
  b.kind === "json" ? JSON.stringify(b.value)?.slice(0, 300) : `${b.contentType}: ${b.text.slice(0, 300)}`;

export function bodyText(b: BadBody): { body: string; contentType: string | null } {
  return b.kind === "json" ? { body: JSON.stringify(b.value) ?? "null", contentType: "application/json" } : { body: b.text, contentType: b.contentType };
}

/**
 * Bad bodies for a JSON route: `objects` generates wrong-field objects, `valid` one
 * acceptable body (sent under a wrong content type, where it must not count).
 */
export function badBodies(objects: fc.Arbitrary<Record<string, unknown>>, valid: fc.Arbitrary<Record<string, unknown>>): fc.Arbitrary<BadBody> {
  return fc.oneof(
    { weight: 6, arbitrary: objects.map((value): BadBody => ({ kind: "json", value })) },
    { weight: 1, arbitrary: notAnObject.map((value): BadBody => ({ kind: "json", value })) },
    { weight: 1, arbitrary: malformedJson.map((text): BadBody => ({ kind: "raw", text, contentType: "application/json" })) },
    {
      weight: 1,
      arbitrary: fc.tuple(valid, wrongContentType).map(([value, contentType]): BadBody => ({ kind: "raw", text: JSON.stringify(value), contentType })),
    },
  );
}

/** Values that are never a valid id string: other types and strings off the pattern. */
export const badIdValue = (isValidId: (s: string) => boolean): fc.Arbitrary<unknown> =>
  fc.oneof(
    { weight: 3, arbitrary: oddString.filter((s) => !isValidId(s)) },
    { weight: 2, arbitrary: anyValue.filter((v) => typeof v !== "string") },
    { weight: 1, arbitrary: fc.integer({ min: 0, max: 99_999_999 }) },
  );

export const isVacancyId = (s: unknown): s is string => typeof s === "string" && /^\d{1,20}$/.test(s);
export const isResumeIdShape = (s: unknown): s is string => typeof s === "string" && /^[A-Za-z0-9]{1,64}$/.test(s);

/** Query strings of arbitrary pairs (keys and values percent-encoded, or sent raw). */
export const anyQuery: fc.Arbitrary<string> = fc.oneof(
  fc.array(fc.tuple(oddString, oddString), { maxLength: 5 }).map((pairs) => {
    const q = new URLSearchParams();
    for (const [k, v] of pairs) q.append(k.slice(0, 200), v.slice(0, 2_000));
    const s = q.toString();
    return s ? `?${s}` : "";
  }),
  fc.constantFrom("?", "?&", "?=", "?a", "?%", "?%zz=1", "?a=%E0%A4%A", "?__proto__=1", "?constructor=x&constructor=y", "?a[]=1&a[b]=2", "?" + "x=1&".repeat(500)),
);

// ---------------------------------------------------------------------------- a file's world

export interface FuzzWorld {
  sandbox: Sandbox;
  /** Anna, logged in, with her frontend resume selected. */
  anna: Browser;
  /** Ivan, logged in, with his analyst resume selected: the "other user". */
  ivan: Browser;
  /** What the Worker put on APPLY_QUEUE during the current test. */
  queue: ReturnType<typeof captureApplyQueue>;
}

/**
 * Logs Anna and Ivan in once for the whole file (each with a selected resume, an
 * application and a swipe, so "nothing changed" means something), and before each
 * test routes hh.ru to the same sandbox again, captures the queue and forgets the
 * requests hh.ru saw.
 */
export function fuzzWorld(): FuzzWorld {
  const world = {} as FuzzWorld;
  beforeAll(async () => {
    world.sandbox = useSandbox();
    world.anna = await loginApplicant(world.sandbox, SANDBOX_USERS.anna.id, SANDBOX_USERS.anna.resumes.frontend);
    world.ivan = await loginApplicant(world.sandbox, SANDBOX_USERS.ivan.id, SANDBOX_USERS.ivan.resumes.analyst);
    for (const [hhUserId, vacancy] of [[SANDBOX_USERS.anna.id, "93000100"], [SANDBOX_USERS.ivan.id, "93000101"]] as const) {
      await recordApplication(hhUserId, vacancy);
      const userId = await userIdOf(hhUserId);
      await env.DB.prepare("INSERT INTO swipes (user_id, vacancy_id, direction) VALUES (?, ?, 'left')").bind(userId, vacancy).run();
    }
  });
  beforeEach(() => {
    routeFetchTo(world.sandbox);
    world.sandbox.sent.length = 0;
    world.queue = captureApplyQueue();
  });
  return world;
}

/** After a refused request: nothing enqueued, hh.ru never asked, and the snapshot taken before is unchanged. */
export async function expectNothingHappened(world: FuzzWorld, before: string, what: string) {
  expect(world.queue.messages, what).toEqual([]);
  expect(world.sandbox.sent.map((r) => `${r.method} ${r.path}`), what).toEqual([]);
  expect(await dbSnapshot(), what).toBe(before);
}

/** A property of RUNS requests takes seconds, not the default 5 s. */
export const FUZZ_TIMEOUT = { timeout: 120_000 };
