/** Swipes: one per user and vacancy. A repeat returns the stored swipe unchanged. */
import { and, eq } from "drizzle-orm";
import { swipes, type SwipeDirection, type SwipeRow } from "../../shared/schema";
import type { Db } from "../db";

export interface Swipe {
  vacancy_id: string;
  direction: SwipeDirection;
  created_at: string;
}

const toSwipe = (row: SwipeRow): Swipe => ({
  vacancy_id: row.vacancy_id,
  direction: row.direction,
  created_at: row.created_at.toISOString(),
});

/** `created`: false when the user had already swiped this vacancy (the first swipe stands). */
export async function recordSwipe(
  db: Db,
  userId: number,
  vacancyId: string,
  direction: SwipeDirection,
): Promise<{ created: boolean; swipe: Swipe }> {
  const [created] = await db
    .insert(swipes)
    .values({ user_id: userId, vacancy_id: vacancyId, direction })
    .onConflictDoNothing({ target: [swipes.user_id, swipes.vacancy_id] })
    .returning();
  if (created) return { created: true, swipe: toSwipe(created) };
  const [existing] = await db
    .select()
    .from(swipes)
    .where(and(eq(swipes.user_id, userId), eq(swipes.vacancy_id, vacancyId)))
    .limit(1);
  if (!existing) throw new Error("swipe vanished between insert and read");
  return { created: false, swipe: toSwipe(existing) };
}
