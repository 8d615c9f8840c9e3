/** Entry: styles, router, the first /api/me, then the app. */
import { render } from "preact";
import { App } from "./components/App";
import { session } from "./models/store";
import { startRouter } from "./router";
import "./styles.css";

startRouter();
void session.load();
render(<App />, document.getElementById("app") as HTMLElement);
