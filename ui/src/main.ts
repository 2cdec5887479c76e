import { createApp } from "vue";
import App from "./App.vue";
import { createAppRouter } from "./router/index.js";
import { detectLocale, setLocale, storedLocale } from "./i18n/index.js";
import { appConfig, loadAppConfig, restoreAppConfig } from "./stores/app-config.js";
import { library } from "./stores/library.js";
import { session } from "./stores/session.js";
import { getTrending } from "./stores/trending.js";
import { registerServiceWorker, skipServiceWorker } from "./pwa/service-worker.js";
import "./assets/main.css";

session.restore();
library.restore();
const uiLocale = detectLocale(storedLocale(), navigator.languages ?? [navigator.language]);

// Start the network work before mounting: config.json (preloaded by index.html) and, for a signed-in
// user, the first trending file, in the UI language (the home view finds it in the trending cache).
// The mount does not wait for either: the shell renders in the same task as this module (before the
// first paint), and the home view waits for the config before it picks the trending file. The last
// good config copy names the app until the fresh one arrives.
restoreAppConfig();
document.title = appConfig.value.app_name;
const config = loadAppConfig();
if (session.isAuthenticated.value) getTrending("all", uiLocale).catch(() => {});
void config.then((value) => (document.title = value.app_name));

// English is bundled (no wait); another language loads its catalogue chunk first.
await setLocale(uiLocale, { persist: false });

const app = createApp(App);
app.use(createAppRouter());
app.mount("#app");

// After the page has loaded, in a task of its own: precaching the shell must not compete with the
// first render (the entry script blocks rendering, so `load` can fire within the mounting task).
const register = (): void => void setTimeout(() => void registerServiceWorker(), 0);
if (!import.meta.env.PROD) skipServiceWorker();
else if (document.readyState === "complete") register();
else window.addEventListener("load", register, { once: true });
