import type { Env } from "../env";

/** Filled in by the applying work. */
export async function requeueStuckApplications(_env: Env) {}
