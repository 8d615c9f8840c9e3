/** Pure formatting helpers: salaries, dates, relative time, hh.ru snippets. */
import type { VacancyCard } from "../shared/schema";
import { plural, vacancies as t } from "./text";

const CURRENCIES: Record<string, string> = { RUR: "₽", RUB: "₽", USD: "$", EUR: "€" };

/** 150000 → "150 000" (a plain space; the element keeps it on one line with CSS). */
export function groupDigits(n: number): string {
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, " ");
}

/** "от 150 000 до 200 000 ₽", "от 90 000 ₽", "до 3 000 $", or «з/п не указана». */
export function formatSalary(salary: VacancyCard["salary"]): string {
  if (!salary || (salary.from == null && salary.to == null)) return t.noSalary;
  const sign = salary.currency ? (CURRENCIES[salary.currency] ?? salary.currency) : "₽";
  const { from, to } = salary;
  if (from != null && to != null) {
    return from === to ? `${groupDigits(from)} ${sign}` : `${t.from} ${groupDigits(from)} ${t.to} ${groupDigits(to)} ${sign}`;
  }
  if (from != null) return `${t.from} ${groupDigits(from)} ${sign}`;
  return `${t.to} ${groupDigits(to as number)} ${sign}`;
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " ", laquo: "«", raquo: "»" };

/** hh.ru snippets carry <highlighttext> tags and entities: plain text only, never HTML. */
export function snippetText(snippet: string | null): string {
  if (!snippet) return "";
  return snippet
    .replace(/<[^>]*>/g, "")
    .replace(/&(#\d+|#x[0-9a-f]+|[a-z]+);/gi, (whole, code: string) => {
      if (code[0] === "#") {
        const n = code[1] === "x" || code[1] === "X" ? parseInt(code.slice(2), 16) : parseInt(code.slice(1), 10);
        return Number.isFinite(n) && n > 0 && n < 0x110000 ? String.fromCodePoint(n) : whole;
      }
      return ENTITIES[code.toLowerCase()] ?? whole;
    })
    .replace(/\s+/g, " ")
    .trim();
}

const dayMonth = new Intl.DateTimeFormat("ru-RU", { day: "numeric", month: "long" });
const dayMonthYear = new Intl.DateTimeFormat("ru-RU", { day: "numeric", month: "long", year: "numeric" });
const time = new Intl.DateTimeFormat("ru-RU", { hour: "2-digit", minute: "2-digit" });

function parse(iso: string): Date | null {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** "12 марта" this year, "12 марта 2024 г." otherwise. */
export function formatDate(iso: string, now = Date.now()): string {
  const d = parse(iso);
  if (!d) return "";
  return d.getFullYear() === new Date(now).getFullYear() ? dayMonth.format(d) : dayMonthYear.format(d);
}

/** "12 марта, 14:05". */
export function formatDateTime(iso: string, now = Date.now()): string {
  const d = parse(iso);
  if (!d) return "";
  return `${formatDate(iso, now)}, ${time.format(d)}`;
}

/** "только что", "1 минуту назад", "2 часа назад", "вчера", "5 дней назад", then a date. */
export function relativeTime(iso: string, now = Date.now()): string {
  const d = parse(iso);
  if (!d) return "";
  const seconds = Math.max(0, Math.round((now - d.getTime()) / 1000));
  if (seconds < 45) return "только что";
  const minutes = Math.max(1, Math.round(seconds / 60));
  if (minutes < 60) return `${minutes} ${plural(minutes, "минуту", "минуты", "минут")} назад`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} ${plural(hours, "час", "часа", "часов")} назад`;
  const days = Math.floor(hours / 24);
  if (days === 1) return "вчера";
  if (days < 7) return `${days} ${plural(days, "день", "дня", "дней")} назад`;
  return formatDate(iso, now);
}

/** Known facts joined with « · » (city · schedule · experience), or null when none is known. */
export function factsLine(values: (string | null | undefined)[]): string | null {
  const known = values.filter((v): v is string => !!v);
  return known.length ? known.join(" · ") : null;
}
