import type { ComponentChildren } from "preact";
import { RequireLogin } from "./Session";

/** A tab's frame: its heading (focused on navigation) and the content, shown only to a logged-in user. */
export function Page(props: { title: string; class?: string; titleClass?: string; loggedOutText?: string; children: ComponentChildren }) {
  return (
    <section class={props.class ? `page ${props.class}` : "page"}>
      <h1 class={props.titleClass ? `page-title ${props.titleClass}` : "page-title"} tabIndex={-1}>
        {props.title}
      </h1>
      <RequireLogin loggedOutText={props.loggedOutText}>{props.children}</RequireLogin>
    </section>
  );
}
