import type { Env } from "../env";

/** Filled in by the resumes work. */
export async function resyncStaleResumes(_env: Env) {}
