/**
 * Fuzzing the routes that take a vacancy id — apply, cover letter, swipes — and the
 * history: bad input is a 400 in Russian, and nothing is stored, enqueued or asked of hh.ru.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Application } from "../shared/schema";
import { MAX_COVER_LETTER } from "../src/routes/applications";
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
  extraFields,
  FUZZ_TIMEOUT,
  fuzzWorld,
  isVacancyId,
  RUNS,
  send,
} from "./helpers/fuzz";

const world = fuzzWorld();
const badVacancyId = badIdValue(isVacancyId);
const goodVacancyId = fc.constantFrom("93000001", "93000102", "1", "99999999999999999999");

/** Fuzzes one JSON route: every generated body must be refused and change nothing. */
async function refusesAll(path: string, bodies: ReturnType<typeof badBodies>) {
  const before = await dbSnapshot();
  await fc.assert(
    fc.asyncProperty(bodies, async (bad) => {
      const response = await send({ method: "POST", path, cookie: world.anna.cookie, ...bodyText(bad) });
      await expectRefusal(response, [400]);
      await expectNothingHappened(world, before, describeBody(bad));
    }),
    { numRuns: RUNS },
  );
}

describe("POST /api/hh/apply with bad input", () => {
  it(`refuses ${RUNS} bad bodies with 400: no application, nothing enqueued`, FUZZ_TIMEOUT, async () => {
    const notALetter = fc.oneof(
      anyValue.filter((v) => typeof v !== "string" && v !== undefined),
      fc.integer({ min: MAX_COVER_LETTER + 1, max: MAX_COVER_LETTER + 50_000 }).map((n) => "я".repeat(n)),
    );
    const objects = fc.oneof(
      // A bad vacancy id, with or without a letter, with extra fields.
      fc.tuple(badVacancyId, fc.option(fc.string(), { nil: undefined }), extraFields).map(([vacancy_id, cover_letter, extra]) => ({
        ...extra,
        vacancy_id,
        ...(cover_letter === undefined ? {} : { cover_letter }),
      })),
      // A good vacancy id with a letter that is not one.
      fc.tuple(goodVacancyId, notALetter, extraFields).map(([vacancy_id, cover_letter, extra]) => ({ ...extra, vacancy_id, cover_letter })),
      // No vacancy id at all; or ids under other names, numbers, arrays.
      fc.tuple(extraFields, fc.string()).map(([extra, cover_letter]) => {
        const { vacancy_id: _drop, ...rest } = extra;
        return { ...rest, cover_letter };
      }),
      fc.constantFrom({ vacancyId: "93000001" }, { vacancy_id: 93000001 }, { vacancy_id: ["93000001"] }, { vacancy_id: { id: "93000001" } }, { vacancy_id: "93000001", cover_letter: null }),
    );
    await refusesAll("/api/hh/apply", badBodies(objects, fc.record({ vacancy_id: goodVacancyId, cover_letter: fc.string() })));
  });
});

describe("POST /api/cover-letter with bad input", () => {
  it(`refuses ${RUNS} bad bodies with 400 without asking hh.ru`, FUZZ_TIMEOUT, async () => {
    const objects = fc.oneof(
      fc.tuple(badVacancyId, extraFields).map(([vacancy_id, extra]) => ({ ...extra, vacancy_id })),
      extraFields.filter((extra) => !("vacancy_id" in extra)),
    );
    await refusesAll("/api/cover-letter", badBodies(objects, fc.record({ vacancy_id: goodVacancyId })));
  });
});

describe("POST /api/swipes with bad input", () => {
  it(`refuses ${RUNS} bad bodies with 400 and remembers no swipe`, FUZZ_TIMEOUT, async () => {
    const direction = fc.constantFrom("left", "right");
    const badDirection = fc.oneof(anyValue, fc.constantFrom("LEFT", "Right", " left", "up", "", "left\u0000")).filter((d) => d !== "left" && d !== "right");
    const objects = fc.oneof(
      fc.tuple(badVacancyId, fc.oneof(direction, badDirection), extraFields).map(([vacancy_id, dir, extra]) => ({ ...extra, vacancy_id, direction: dir })),
      fc.tuple(goodVacancyId, badDirection, extraFields).map(([vacancy_id, dir, extra]) => ({ ...extra, vacancy_id, direction: dir })),
      fc.tuple(goodVacancyId, extraFields).map(([vacancy_id, extra]) => {
        const { direction: _drop, ...rest } = extra;
        return { ...rest, vacancy_id };
      }),
    );
    await refusesAll("/api/swipes", badBodies(objects, fc.record({ vacancy_id: goodVacancyId, direction })));
  });
});

describe("GET /api/applications with odd queries", () => {
  it(`answers ${RUNS} odd queries with only Anna's own history and writes nothing`, FUZZ_TIMEOUT, async () => {
    const before = await dbSnapshot();
    await fc.assert(
      fc.asyncProperty(anyQuery, async (query) => {
        const response = await send({ path: `/api/applications${query}`, cookie: world.anna.cookie });
        const text = await response.text();
        expect(response.status, text).toBe(200);
        const body = JSON.parse(text) as { applications: Application[] };
        expect(body.applications.map((a) => a.vacancy_id)).toEqual(["93000100"]);
        await expectNothingHappened(world, before, query.slice(0, 300));
      }),
      { numRuns: RUNS },
    );
  });
});

describe("valid by chance", () => {
  it("a valid body with extra fields is accepted as the valid body alone (extra fields cannot set user_id or status)", async () => {
    const response = await send({
      method: "POST",
      path: "/api/swipes",
      cookie: world.anna.cookie,
      contentType: "application/json",
      body: JSON.stringify({ vacancy_id: "93000150", direction: "right", user_id: 999, id: 1, created_at: 0 }),
    });
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({ vacancy_id: "93000150", direction: "right", created_at: expect.any(String) });
    const apply = await send({
      method: "POST",
      path: "/api/hh/apply",
      cookie: world.anna.cookie,
      contentType: "application/json",
      body: JSON.stringify({ vacancy_id: "93000150", cover_letter: "", user_id: 999, status: "success", hh_negotiation_id: "1" }),
    });
    expect(apply.status).toBe(202);
    expect(await apply.json()).toMatchObject({ vacancy_id: "93000150", status: "queued", hh_negotiation_id: null });
    expect(world.queue.messages).toHaveLength(1);
    const ivanHistory = await (await world.ivan.get("/api/applications")).json<{ applications: Application[] }>();
    expect(ivanHistory.applications.map((a) => a.vacancy_id)).toEqual(["93000101"]);
  });
});
