/** Who is logged in (GET /api/me), the login error from the OAuth redirect, logout. */
import { computed, createModel, signal } from "@preact/signals";
import type { MeResponse } from "../../shared/schema";
import { api, errorMessage, isUnauthorized, post, setUnauthorizedHandler } from "../api";
import { takeQueryParam } from "../router";
import { common, loginErrorFallback, loginErrors } from "../text";
import type { ToastsModel } from "./toasts";

export type SessionStatus = "loading" | "in" | "out" | "error";

export const SessionModel = createModel((toasts: ToastsModel) => {
  const status = signal<SessionStatus>("loading");
  const me = signal<MeResponse | null>(null);
  const error = signal<string | null>(null);
  const loginError = signal<string | null>(null);
  const loggingOut = signal(false);

  const connected = computed(() => me.value?.hh.connected ?? true);
  const displayName = computed(() => {
    const user = me.value?.user;
    if (!user) return "";
    return [user.first_name, user.last_name].filter(Boolean).join(" ") || user.email || `hh.ru #${user.hh_user_id}`;
  });

  function markLoggedOut() {
    me.value = null;
    status.value = "out";
  }
  setUnauthorizedHandler(markLoggedOut);

  // hh.ru sends the user back to /profile?login_error=<code>: show it once, then forget the param.
  const code = takeQueryParam("login_error");
  if (code !== null) loginError.value = loginErrors[code] ?? loginErrorFallback;

  async function load(quiet = false) {
    if (!quiet) {
      status.value = "loading";
      error.value = null;
    }
    try {
      me.value = await api<MeResponse>("/api/me");
      status.value = "in";
    } catch (err) {
      if (isUnauthorized(err)) return markLoggedOut();
      if (quiet) return;
      error.value = errorMessage(err);
      status.value = "error";
    }
  }

  async function logout() {
    loggingOut.value = true;
    try {
      await post("/auth/logout");
      markLoggedOut();
      toasts.info(common.loggedOut);
    } catch (err) {
      if (isUnauthorized(err)) return;
      toasts.error(errorMessage(err));
    } finally {
      loggingOut.value = false;
    }
  }

  return {
    status,
    me,
    error,
    loginError,
    loggingOut,
    connected,
    displayName,
    load,
    /** Re-reads /api/me without flashing a loading state (e.g. after a sync). */
    refresh: () => load(true),
    logout,
    dismissLoginError() {
      loginError.value = null;
    },
  };
});
export type SessionModel = InstanceType<typeof SessionModel>;
