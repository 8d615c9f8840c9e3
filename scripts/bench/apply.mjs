// Applications: POST /api/hh/apply against GET /api/me (interleaved, same run), then the
// queue: 50 applications from 10 users until all are final, against 50 × latency in a row.
// Users open the feed first (as a person would), which also gives the warm-feed check.
import { AppSession, sleep } from "./client.mjs";
import { maxInFlight, median, percentile, row } from "./report.mjs";

const USERS = 10;
const PER_USER = 5;
const FINAL = new Set(["success", "failed"]);

async function prepareUsers({ appUrl, sandbox, needed }) {
  const users = [];
  for (let i = 0; i < USERS; i++) {
    const hh = await sandbox.createUser("Замер", `Отклики ${i + 1}`, 2);
    const session = new AppSession(appUrl);
    await session.login(sandbox, hh.id);
    users.push({ hh, session });
  }
  const warm = [];
  for (const user of users) {
    await user.session.waitForSync();
    await user.session.selectFirstResume();
    // Opening the feed: hh.ru's page and the vacancies' details land in the cache.
    const cards = [];
    for (let page = 0; cards.length < needed; page++) {
      const { body } = await user.session.get(`/api/vacancies?page=${page}`);
      cards.push(...body.items.map((v) => v.id));
      if (page + 1 >= body.pages) break;
    }
    if (cards.length < needed) throw new Error(`feed of ${user.hh.id} has ${cards.length} cards, ${needed} needed`);
    user.cards = cards;
    // The same page again: all of it from the cache.
    const before = await sandbox.requestCount();
    const again = await user.session.get("/api/vacancies?page=0");
    warm.push({ ms: again.ms, requests: (await sandbox.requests(before)).length });
  }
  return { users, warm };
}

/** Cover letters first (the browser asks for one before applying; not what is measured here). */
async function letters(user, vacancyIds) {
  const out = [];
  for (const vacancy_id of vacancyIds) out.push({ vacancy_id, cover_letter: (await user.session.post("/api/cover-letter", { vacancy_id })).body.cover_letter });
  return out;
}

/** Polls every user's history until the given applications are all final; Date.now() then. */
async function waitFinal(users, ids, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const lists = await Promise.all(users.map((u) => u.session.get("/api/applications")));
    const all = lists.flatMap((l) => l.body.applications).filter((a) => ids.has(a.id));
    if (all.length === ids.size && all.every((a) => FINAL.has(a.status))) return { at: Date.now(), applications: all };
    await sleep(20);
  }
  throw new Error("applications did not reach a final status in time");
}

export async function benchApply({ appUrl, sandbox, latency, runs }) {
  const needed = PER_USER * (1 + runs);
  const { users, warm } = await prepareUsers({ appUrl, sandbox, needed });
  const plans = await Promise.all(users.map((u) => letters(u, u.cards.slice(0, needed))));

  // 1. Latency of the endpoint: apply and /api/me one after the other, order alternating.
  const applyMs = [];
  const meMs = [];
  const latencyIds = new Set();
  for (let k = 0; k < PER_USER; k++) {
    for (const [i, user] of users.entries()) {
      const me = () => user.session.get("/api/me").then((r) => meMs.push(r.ms));
      const apply = () =>
        user.session.post("/api/hh/apply", plans[i][k]).then((r) => {
          if (r.status !== 202) throw new Error(`apply answered ${r.status}`);
          applyMs.push(r.ms);
          latencyIds.add(r.body.id);
        });
      if ((k + i) % 2) await me().then(apply);
      else await apply().then(me);
    }
  }
  await waitFinal(users, latencyIds);

  // 2. Throughput: 50 applications at once (each user sends theirs one after another).
  const throughput = [];
  const queueDiagnostics = [];
  for (let run = 0; run < runs; run++) {
    const ids = new Set();
    const logFrom = await sandbox.requestCount();
    const t0 = Date.now();
    await Promise.all(
      users.map(async (user, i) => {
        for (const letter of plans[i].slice(PER_USER * (run + 1), PER_USER * (run + 2))) {
          ids.add((await user.session.post("/api/hh/apply", letter)).body.id);
        }
      }),
    );
    const enqueuedAt = Date.now();
    const { at, applications } = await waitFinal(users, ids);
    throughput.push(at - t0);
    const sends = (await sandbox.requests(logFrom)).filter((e) => e.method === "POST" && e.path === "/negotiations");
    const starts = sends.map((e) => Date.parse(e.at) - latency);
    queueDiagnostics.push({
      wall_ms: at - t0,
      enqueue_ms: enqueuedAt - t0,
      first_send_after_ms: Math.min(...starts) - t0,
      last_answer_to_final_ms: at - Math.max(...sends.map((e) => Date.parse(e.at))),
      hh_posts: sends.length,
      hh_posts_in_flight_max: maxInFlight(sends, latency),
      statuses: Object.fromEntries([...FINAL].map((s) => [s, applications.filter((a) => a.status === s).length])),
    });
  }

  // 3. No duplicates: one negotiation per user + vacancy, as many as successes.
  const hhIds = new Set(users.map((u) => u.hh.id));
  const negotiations = (await sandbox.control("/negotiations")).filter((n) => hhIds.has(n.user_id));
  const unique = new Set(negotiations.map((n) => `${n.user_id}:${n.vacancy_id}`)).size;
  const histories = await Promise.all(users.map((u) => u.session.get("/api/applications")));
  const successes = histories.flatMap((h) => h.body.applications).filter((a) => a.status === "success").length;
  const duplicates = negotiations.length - unique;

  const sequential = USERS * PER_USER * latency;
  const apply = "Отклик";
  const feed = "Лента";
  const rows = [
    row({ section: apply, metric: "POST /api/hh/apply p50", value: median(applyMs), unit: "мс", baseline: "GET /api/me p50", baselineValue: median(meMs), target: { op: "<=", value: 2 } }),
    row({ section: apply, metric: "POST /api/hh/apply p95", value: percentile(applyMs, 95), unit: "мс", baseline: "GET /api/me p95", baselineValue: percentile(meMs, 95), target: { op: "<=", value: 2 } }),
    row({
      section: apply, metric: `очередь: ${USERS * PER_USER} откликов от ${USERS} польз. до итога (медиана ${runs})`, value: median(throughput), unit: "мс", samples: throughput,
      baseline: `подряд ${USERS * PER_USER}×${latency} мс`, baselineValue: sequential, ratio: sequential / median(throughput),
      target: { op: ">=", value: 5 }, note: "ratio = baseline ÷ value (times faster)",
    }),
    row({
      section: apply, metric: "дубли переговоров на hh.ru", value: duplicates, target: { op: "=", value: 0 }, check: "value",
      note: `${negotiations.length} negotiations, ${unique} unique user+vacancy`,
    }),
    row({
      section: apply, metric: "переговоров на hh.ru", value: negotiations.length, baseline: "откликов со статусом success",
      baselineValue: successes, target: { op: "=", value: 1 },
    }),
    row({ section: feed, metric: "тёплый GET /api/vacancies: запросов к hh.ru", value: Math.max(...warm.map((w) => w.requests)), target: { op: "=", value: 0 }, check: "value", samples: warm.map((w) => w.requests) }),
    row({ section: feed, metric: "тёплый GET /api/vacancies p50", value: median(warm.map((w) => w.ms)), unit: "мс", baseline: "задержка hh.ru", baselineValue: latency, samples: warm.map((w) => w.ms) }),
  ];
  const q = (key) => Math.round(median(queueDiagnostics.map((d) => d[key])));
  const notes = [
    `очередь: 50 POST /api/hh/apply заняли ${q("enqueue_ms")} мс, первый POST /negotiations начался через ${q("first_send_after_ms")} мс, ` +
      `одновременно к hh.ru не больше ${Math.max(...queueDiagnostics.map((d) => d.hh_posts_in_flight_max))}; от последнего ответа hh.ru до итога в истории ${q("last_answer_to_final_ms")} мс`,
  ];
  return {
    rows,
    notes,
    diagnostics: {
      apply_samples: applyMs.length,
      queue: queueDiagnostics,
      negotiations: { total: negotiations.length, unique, successes },
    },
  };
}
