// Statistics, result rows and the printed table.

export function percentile(values, p) {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo);
}
export const median = (values) => percentile(values, 50);
export const round = (v, digits = 2) => (Number.isFinite(v) ? Number(v.toFixed(digits)) : v);

/**
 * A result row. `ratio` = value ÷ baseline unless given; `target` = {op: "<=" | ">=" | "<" | "=", value}
 * is checked against `check` ("ratio" by default, or "value").
 */
export function row({ section, metric, value, unit, baseline = null, baselineValue = null, ratio, target = null, check = "ratio", samples, note }) {
  const r = ratio ?? (baselineValue ? value / baselineValue : null);
  const subject = check === "value" ? value : r;
  let pass = null;
  if (target && Number.isFinite(subject)) {
    const t = target.value;
    pass = { "<=": subject <= t, ">=": subject >= t, "<": subject < t, "=": subject === t }[target.op];
  } else if (target) pass = false;
  return {
    section,
    metric,
    value: round(value, 1),
    unit,
    baseline,
    baseline_value: baselineValue === null ? null : round(baselineValue, 1),
    ratio: r === null ? null : round(r, 2),
    target: target ? `${check === "value" ? "value" : "ratio"} ${target.op} ${target.value}` : null,
    pass,
    ...(samples ? { samples: samples.map((s) => round(s, 1)) } : {}),
    ...(note ? { note } : {}),
  };
}

const fmt = (v, unit) => (v === null || v === undefined ? "—" : `${v}${unit ? ` ${unit}` : ""}`);

export function printTable(rows) {
  const header = ["metric", "value", "baseline", "ratio", "target", ""];
  const lines = rows.map((r) => [
    r.metric,
    fmt(r.value, r.unit),
    r.baseline === null ? "—" : `${r.baseline}${r.baseline_value === null ? "" : ` = ${fmt(r.baseline_value, r.unit)}`}`,
    r.ratio === null ? "—" : `${r.ratio}`,
    r.target ?? "—",
    r.pass === null ? "" : r.pass ? "✓" : "✗",
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const out = (cells) => cells.map((c, i) => c.padEnd(widths[i])).join("  ").trimEnd();
  let section = null;
  console.log(`\n${out(header)}\n${widths.map((w) => "─".repeat(w)).join("  ")}`);
  rows.forEach((r, i) => {
    if (r.section !== section) {
      section = r.section;
      console.log(`· ${section}`);
    }
    console.log(out(lines[i]));
  });
}

/** The same table as Markdown, for the README. */
export function markdownTable(rows) {
  const esc = (s) => String(s).replace(/\|/g, "\\|");
  const head = "| раздел | метрика | значение | база | отношение | цель | |\n|---|---|---|---|---|---|---|";
  const body = rows.map((r) =>
    [
      r.section,
      r.metric,
      fmt(r.value, r.unit),
      r.baseline === null ? "—" : `${r.baseline}${r.baseline_value === null ? "" : ` = ${fmt(r.baseline_value, r.unit)}`}`,
      r.ratio ?? "—",
      r.target ?? "—",
      r.pass === null ? "" : r.pass ? "✓" : "✗",
    ].map(esc).join(" | "),
  );
  return [head, ...body.map((b) => `| ${b} |`)].join("\n");
}

/** Most requests in flight at once, from log entries stamped when they were answered. */
export function maxInFlight(entries, latencyMs) {
  const events = entries.flatMap((e) => {
    const end = Date.parse(e.at);
    return [
      [end - latencyMs, 1],
      [end, -1],
    ];
  });
  events.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let now = 0;
  let max = 0;
  for (const [, d] of events) max = Math.max(max, (now += d));
  return max;
}
