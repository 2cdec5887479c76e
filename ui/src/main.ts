import { createApp } from "vue";
import App from "./App.vue";
import { createAppRouter } from "./router/index.js";
import { detectLocale, setLocale, storedLocale } from "./i18n/index.js";
import { loadAppConfig } from "./stores/app-config.js";
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
const config = loadAppConfig();
if (session.isAuthenticated.value) getTrending("all", uiLocale).catch(() => {});

await Promise.all([setLocale(uiLocale, { persist: false }), config]);
document.title = (await config).app_name;

const app = createApp(App);
app.use(createAppRouter());
app.mount("#app");

// After the page has loaded: precaching the shell must not compete with the first render.
if (!import.meta.env.PROD) skipServiceWorker();
else if (document.readyState === "complete") void registerServiceWorker();
else window.addEventListener("load", () => void registerServiceWorker(), { once: true });
