/** Fuzzing /api/hh/resumes, /sync and /select: bad input is refused or ignored, and changes nothing. */
import { env } from "cloudflare:workers";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SANDBOX_USERS } from "../sandbox/seed";
import type { ResumesResponse } from "../shared/schema";
import { THROTTLED_NOTICE } from "../src/services/resume-sync";
import {
  anyQuery,
  anyValue,
  badBodies,
  badIdValue,
  bodyText,
  dbSnapshot,
  describeBody,
  expectNothingHappened,
  expectRefusal,
  FUZZ_TIMEOUT,
  extraFields,
  fuzzWorld,
  isResumeIdShape,
  oddString,
  RUNS,
  send,
  wrongContentType,
} from "./helpers/fuzz";

const { anna, ivan } = SANDBOX_USERS;
const annasIds = new Set<string>(Object.values(anna.resumes));
const world = fuzzWorld();

describe("POST /api/hh/resumes/select with bad input", () => {
  it(`refuses ${RUNS} bad bodies with 400/404 and selects nothing`, FUZZ_TIMEOUT, async () => {
    // Well-formed ids that are not Anna's: Ivan's resumes, made-up ones, ids of another length.
    const foreignId = fc.oneof(
      fc.constantFrom(...Object.values(ivan.resumes), ...Object.values(SANDBOX_USERS.bench.resumes)),
      fc.stringMatching(/^[A-Za-z0-9]{1,64}$/),
    ).filter((id) => !annasIds.has(id));
    const objects = fc.oneof(
      fc.tuple(badIdValue(isResumeIdShape), extraFields).map(([resume_id, extra]) => ({ ...extra, resume_id })),
      fc.tuple(foreignId, extraFields).map(([resume_id, extra]) => ({ ...extra, resume_id })),
      extraFields.filter((extra) => !("resume_id" in extra)),
      fc.record({ resumeId: fc.constantFrom(anna.resumes.web), id: anyValue }), // the right id under the wrong name
      fc.constantFrom({ resume_id: [anna.resumes.web] }, { resume_id: { id: anna.resumes.web } }, { resume_id: ` ${anna.resumes.web}` }),
    );
    const valid = fc.constant({ resume_id: anna.resumes.web });
    const before = await dbSnapshot();
    await fc.assert(
      fc.asyncProperty(badBodies(objects, valid), async (bad) => {
        const response = await send({ method: "POST", path: "/api/hh/resumes/select", cookie: world.anna.cookie, ...bodyText(bad) });
        await expectRefusal(response, [400, 404]);
        await expectNothingHappened(world, before, describeBody(bad));
      }),
      { numRuns: RUNS },
    );
  });
});

describe("GET|POST /api/hh/resumes/sync with odd input", () => {
  it(`ignores ${RUNS} odd queries, bodies and content types: the cache, no hh.ru call, nothing written`, FUZZ_TIMEOUT, async () => {
    // A sync that just ran: every manual sync now serves the cache (the throttle), so input is all that varies.
    await env.DB.prepare("UPDATE users SET sync_started_at = ? WHERE hh_user_id = ?").bind(Date.now(), anna.id).run();
    const before = await dbSnapshot();
    const request = fc.record({
      method: fc.constantFrom("GET", "POST"),
      query: anyQuery,
      body: fc.oneof(fc.constant(undefined), oddString, anyValue.map((v) => JSON.stringify(v) ?? "null")),
      contentType: fc.oneof(wrongContentType, fc.constant("application/json")),
    });
    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        const response = await send({
          method: r.method,
          path: `/api/hh/resumes/sync${r.query}`,
          cookie: world.anna.cookie,
          contentType: r.contentType,
          body: r.method === "GET" ? undefined : r.body,
        });
        const text = await response.text();
        expect(response.status, text).toBe(200);
        const body = JSON.parse(text) as ResumesResponse;
        expect(body.notice).toBe(THROTTLED_NOTICE);
        expect(body.resumes.map((x) => x.hh_resume_id).sort()).toEqual([...annasIds].sort());
        await expectNothingHappened(world, before, JSON.stringify(r).slice(0, 300));
      }),
      { numRuns: RUNS },
    );
  });
});

describe("GET /api/hh/resumes with odd queries", () => {
  it(`answers ${RUNS} odd queries with Anna's own cached list and writes nothing`, FUZZ_TIMEOUT, async () => {
    const before = await dbSnapshot();
    await fc.assert(
      fc.asyncProperty(anyQuery, async (query) => {
        const response = await send({ path: `/api/hh/resumes${query}`, cookie: world.anna.cookie });
        const text = await response.text();
        expect(response.status, text).toBe(200);
        const body = JSON.parse(text) as ResumesResponse;
        expect(body.resumes.map((x) => x.hh_resume_id).sort()).toEqual([...annasIds].sort());
        expect(body.resumes.filter((x) => x.selected).map((x) => x.hh_resume_id)).toEqual([anna.resumes.frontend]);
        await expectNothingHappened(world, before, query.slice(0, 300));
      }),
      { numRuns: RUNS },
    );
  });
});
