/**
 * hh.ru's timestamps: `2024-05-01T12:00:00+0300`. The offset has no colon, which
 * `Date.parse` does not accept everywhere, so normalise before parsing.
 */
const HH_DATE = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})(:\d{2})?(\.\d+)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/** Moscow: hh.ru's own clock, assumed when a timestamp comes without an offset. */
const HH_DEFAULT_OFFSET = "+03:00";

function normaliseOffset(zone: string | undefined): string {
  if (!zone) return HH_DEFAULT_OFFSET;
  if (zone.toUpperCase() === "Z") return "Z";
  const digits = zone.slice(1).replace(":", "");
  return `${zone[0]}${digits.slice(0, 2)}:${digits.slice(2, 4) || "00"}`;
}

/** The instant an hh.ru timestamp names, or null when it is not one. */
export function parseHhDate(value: unknown): Date | null {
  if (typeof value !== "string") return null;
  const m = HH_DATE.exec(value.trim());
  if (!m) return null;
  const [, day, hhmm, seconds = ":00", fraction = "", zone] = m;
  const ms = fraction.slice(0, 4).padEnd(fraction ? 4 : 0, "0");
  const parsed = Date.parse(`${day}T${hhmm}${seconds}${ms}${normaliseOffset(zone)}`);
  if (!Number.isFinite(parsed)) return null;
  // Date.parse rolls 2024-02-31 over into March; refuse days that do not exist.
  const [y, mo, d] = day!.split("-").map(Number);
  const check = new Date(Date.UTC(y!, mo! - 1, d!));
  if (check.getUTCMonth() !== mo! - 1 || check.getUTCDate() !== d) return null;
  return new Date(parsed);
}
