/** Login prompt, the "hh.ru access revoked" and login-error banners, and the page gate. */
import type { ComponentChildren } from "preact";
import { session } from "../models/store";
import { common, LOGIN_URL } from "../text";
import { ErrorState, Icon, Skeleton } from "./States";

export function LoginPrompt({ text }: { text?: string }) {
  return (
    <div class="state login-prompt">
      <div class="state-icon">
        <Icon name="login" />
      </div>
      <h2 class="state-title">{common.loggedOutTitle}</h2>
      <p class="state-text">{text ?? common.loggedOutText}</p>
      <a class="btn btn-primary btn-hh" href={LOGIN_URL}>
        {common.login}
      </a>
    </div>
  );
}

export function Banners() {
  const loginError = session.loginError.value;
  const revoked = session.status.value === "in" && !session.connected.value;
  return (
    <>
      {loginError ? (
        <div class="banner banner-error" role="alert">
          <p>{loginError}</p>
          <button type="button" class="banner-close" aria-label={common.close} onClick={() => session.dismissLoginError()}>
            ✕
          </button>
        </div>
      ) : null}
      {revoked ? (
        <div class="banner banner-warning" role="alert">
          <div>
            <p class="banner-title">{common.revokedTitle}</p>
            <p>{common.revokedText}</p>
          </div>
          <a class="btn btn-primary" href={LOGIN_URL}>
            {common.reconnect}
          </a>
        </div>
      ) : null}
    </>
  );
}

/** Renders its children only for a logged-in user; otherwise loading, error or the login prompt. */
export function RequireLogin({ children, loggedOutText }: { children: ComponentChildren; loggedOutText?: string }) {
  switch (session.status.value) {
    case "loading":
      return <Skeleton rows={3} />;
    case "error":
      return <ErrorState message={session.error.value ?? common.meError} onRetry={() => void session.load()} />;
    case "out":
      return <LoginPrompt text={loggedOutText} />;
    default:
      return <>{children}</>;
  }
}
