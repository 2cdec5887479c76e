/** The web app manifest, generated from configuration (served by the runtime, uploaded by the AWS stack). */
export const THEME_COLOR = "#0f172a";

export function buildManifest(appName: string) {
  return {
    name: appName,
    short_name: appName.length > 12 ? appName.slice(0, 12) : appName,
    description: `${appName}: request movies and TV shows`,
    start_url: "/",
    scope: "/",
    display: "standalone",
    background_color: THEME_COLOR,
    theme_color: THEME_COLOR,
    icons: [
      { src: "/icons/icon-192.png", sizes: "192x192", type: "image/png", purpose: "any" },
      { src: "/icons/icon-512.png", sizes: "512x512", type: "image/png", purpose: "any" },
      { src: "/icons/maskable-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
    ],
  };
}
