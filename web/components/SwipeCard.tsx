/**
 * The draggable top card (Pointer Events: mouse, pen and finger alike) and the
 * "flying" copy that animates away after a swipe. The drag lives in refs and inline
 * styles, not in signals: it changes every frame and nothing else needs to know.
 */
import type { TargetedPointerEvent } from "preact";
import { useLayoutEffect, useRef } from "preact/hooks";
import type { VacancyCard } from "../../shared/schema";
import type { SwipeDirection } from "../models/deck";
import { VacancyCardBody } from "./VacancyCardBody";

export interface Offset {
  x: number;
  y: number;
}

/** Past this share of the card's width a release counts as a swipe. */
const THRESHOLD = 0.3;
/** A release faster than this (px/ms) in the drag's direction is a flick. */
const FLICK_SPEED = 0.5;
const FLICK_MIN_DISTANCE = 40;
const MAX_TILT_DEG = 14;

const transformFor = (x: number, y: number, width: number) =>
  `translate(${x}px, ${y}px) rotate(${(x / Math.max(width, 1)) * MAX_TILT_DEG}deg)`;

interface Drag {
  pointerId: number;
  x0: number;
  y0: number;
  dx: number;
  dy: number;
  samples: { x: number; t: number }[];
}

export function SwipeCard({ card, onSwipe }: { card: VacancyCard; onSwipe: (dir: SwipeDirection, from: Offset) => void }) {
  const ref = useRef<HTMLElement>(null);
  const drag = useRef<Drag | null>(null);

  function show(x: number, y: number, springBack: boolean) {
    const el = ref.current;
    if (!el) return;
    const width = el.offsetWidth;
    el.style.transition = springBack ? "transform 0.35s cubic-bezier(0.2, 0.9, 0.3, 1.25)" : "none";
    el.style.transform = x || y ? transformFor(x, y, width) : "";
    el.style.setProperty("--swipe", String(Math.max(-1, Math.min(1, x / (width * THRESHOLD)))));
    el.classList.toggle("card-dragging", !springBack && (x !== 0 || y !== 0));
  }

  function onPointerDown(e: TargetedPointerEvent<HTMLElement>) {
    if (drag.current || (e.pointerType === "mouse" && e.button !== 0)) return;
    // Links inside the card stay clickable.
    if ((e.target as Element).closest("a, button, input, select, textarea")) return;
    e.currentTarget.setPointerCapture(e.pointerId);
    drag.current = { pointerId: e.pointerId, x0: e.clientX, y0: e.clientY, dx: 0, dy: 0, samples: [{ x: e.clientX, t: e.timeStamp }] };
  }

  function onPointerMove(e: TargetedPointerEvent<HTMLElement>) {
    const d = drag.current;
    if (!d || d.pointerId !== e.pointerId) return;
    d.dx = e.clientX - d.x0;
    d.dy = e.clientY - d.y0;
    d.samples.push({ x: e.clientX, t: e.timeStamp });
    while (d.samples.length > 2 && e.timeStamp - (d.samples[0]?.t ?? 0) > 100) d.samples.shift();
    show(d.dx, d.dy * 0.25, false);
  }

  function finish(e: TargetedPointerEvent<HTMLElement>, cancelled: boolean) {
    const d = drag.current;
    if (!d || d.pointerId !== e.pointerId) return;
    drag.current = null;
    const width = ref.current?.offsetWidth ?? 1;
    const first = d.samples[0];
    const last = d.samples[d.samples.length - 1];
    const velocity = first && last && last.t > first.t ? (last.x - first.x) / (last.t - first.t) : 0;
    const flick = Math.abs(velocity) > FLICK_SPEED && Math.abs(d.dx) > FLICK_MIN_DISTANCE && Math.sign(velocity) === Math.sign(d.dx);
    if (!cancelled && (Math.abs(d.dx) > width * THRESHOLD || flick)) {
      onSwipe(d.dx > 0 ? "right" : "left", { x: d.dx, y: d.dy * 0.25 });
    } else {
      show(0, 0, true);
    }
  }

  return (
    <article
      ref={ref}
      class="card card-top"
      data-testid="vacancy-card"
      data-vacancy-id={card.id}
      aria-label={card.name}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={(e) => finish(e, false)}
      onPointerCancel={(e) => finish(e, true)}
      onLostPointerCapture={(e) => finish(e, true)}
    >
      <VacancyCardBody card={card} />
    </article>
  );
}

/** A non-interactive copy of a swiped card that flies off from where the finger let go. */
export function FlyingCard({ card, dir, from, onDone }: { card: VacancyCard; dir: SwipeDirection; from: Offset; onDone: () => void }) {
  const ref = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el || typeof el.animate !== "function") return onDone();
    const width = el.offsetWidth;
    const sign = dir === "right" ? 1 : -1;
    const reduced = matchMedia("(prefers-reduced-motion: reduce)").matches;
    const animation = el.animate(
      [
        { transform: transformFor(from.x, from.y, width), opacity: 1 },
        { transform: transformFor(sign * width * 1.5, from.y + 80, width), opacity: 0 },
      ],
      { duration: reduced ? 1 : 360, easing: "cubic-bezier(0.4, 0.4, 0.6, 1)", fill: "forwards" },
    );
    animation.onfinish = () => onDone();
    return () => animation.cancel();
  }, []);
  return (
    <div ref={ref} class="card card-flying" aria-hidden="true" style={{ "--swipe": dir === "right" ? 1 : -1 }}>
      <VacancyCardBody card={card} interactive={false} />
    </div>
  );
}
