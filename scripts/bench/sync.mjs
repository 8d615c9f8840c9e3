// Resume sync of a user with 20 resumes: the first sync (started by login), an unchanged
// re-sync, and a sequential one-by-one fetch (the simple implementation) as the baseline.
import { AppSession } from "./client.mjs";
import { maxInFlight, median, row } from "./report.mjs";

const RESUMES = 20;
/** A Worker keeps at most 6 outbound connections open (STACK.md). */
const CONNECTIONS = 6;

export async function benchSync({ appUrl, sandbox, latency, runs, pollMs = 5 }) {
  const first = [];
  const sequential = [];
  const resyncMs = [];
  const resyncRequests = [];
  const diagnostics = [];
  for (let i = 0; i < runs; i++) {
    const user = await sandbox.createUser("Замер", `Синхронизация ${i + 1}`, RESUMES);
    const session = new AppSession(appUrl);

    // First sync: login starts it in the background. It runs from the moment hh.ru's
    // /resumes/mine is asked (or the callback answers, whichever is earlier) until
    // /api/me shows last_synced_at — D1 writes included.
    const logFrom = await sandbox.requestCount();
    const answeredAt = await session.login(sandbox, user.id);
    const doneAt = await session.waitForSync({ intervalMs: pollMs });
    const log = (await sandbox.requests(logFrom)).filter((e) => e.user_id === user.id);
    const list = log.find((e) => e.path === "/resumes/mine");
    const details = log.filter((e) => e.path.startsWith("/resumes/") && e.path !== "/resumes/mine");
    if (!list || details.length !== RESUMES) throw new Error(`first sync: expected /resumes/mine + ${RESUMES} details, saw ${log.map((e) => e.path).join(", ")}`);
    const startedAt = Math.min(answeredAt, Date.parse(list.at) - latency);
    first.push(doneAt - startedAt);
    const lastDetail = Math.max(...details.map((e) => Date.parse(e.at)));
    diagnostics.push({
      user: user.id,
      wall_ms: doneAt - startedAt,
      hh_span_ms: lastDetail - (Date.parse(list.at) - latency),
      after_last_hh_answer_ms: doneAt - lastDetail,
      details_in_flight_max: maxInFlight(details, latency),
      details_before_list_answered: details.filter((e) => Date.parse(e.at) - latency < Date.parse(list.at)).length,
    });

    // Unchanged re-sync: only /resumes/mine should reach hh.ru.
    const before = await sandbox.requestCount();
    const resync = await session.post("/api/hh/resumes/sync");
    if (resync.body.notice) throw new Error(`re-sync answered from cache: ${resync.body.notice}`);
    resyncMs.push(resync.ms);
    resyncRequests.push((await sandbox.requests(before)).filter((e) => e.user_id === user.id).length);

    // Baseline: what a simple client does — the list, then each resume one after another.
    const token = await sandbox.token(user.id);
    const t0 = performance.now();
    const mine = await sandbox.hh(token, "/resumes/mine?per_page=100");
    for (const item of mine.items) await sandbox.hh(token, `/resumes/${item.id}`);
    sequential.push(performance.now() - t0);
  }

  const floor = (1 + Math.ceil(RESUMES / CONNECTIONS)) * latency;
  const section = `Синхронизация резюме (${RESUMES} шт., ${runs} новых пользователей, медиана)`;
  const firstMedian = median(first);
  const rows = [
    row({
      section, metric: "первая синхронизация", value: firstMedian, unit: "мс", samples: first,
      baseline: `предел платформы (1+⌈${RESUMES}/${CONNECTIONS}⌉)×${latency} мс`, baselineValue: floor,
      target: { op: "<=", value: 1.3 },
    }),
    row({
      section, metric: "первая синхронизация", value: firstMedian, unit: "мс",
      baseline: "последовательно по одному (node → песочница)", baselineValue: median(sequential), samples: sequential,
      note: "ratio < 1 means faster than the sequential fetch",
    }),
    row({
      section, metric: "повторная без изменений: запросов к hh.ru", value: median(resyncRequests), samples: resyncRequests,
      target: { op: "=", value: 1 }, check: "value",
    }),
    row({
      section, metric: "повторная без изменений: время", value: median(resyncMs), unit: "мс", samples: resyncMs,
      baseline: "задержка hh.ru", baselineValue: latency, target: { op: "<=", value: 1.5 },
    }),
  ];
  const m = (key) => Math.round(median(diagnostics.map((d) => d[key])));
  const notes = [
    `первая синхронизация: от запроса /resumes/mine до последнего ответа hh.ru ${m("hh_span_ms")} мс (предел ${floor}), ` +
      `после него до last_synced_at в /api/me ${m("after_last_hh_answer_ms")} мс; деталей одновременно не больше ${Math.max(...diagnostics.map((d) => d.details_in_flight_max))}`,
  ];
  return { rows, notes, diagnostics: { first_sync: diagnostics } };
}
