/** The web app manifest, generated from configuration (served by the runtime, uploaded by the AWS stack). */
import * as z from "zod/mini";

export const THEME_COLOR = "#0f172a";

/** The manifest's fields this server writes (the OpenAPI document's schema of `/manifest.webmanifest`). */
export const WebManifest = z.object({
  name: z.string(),
  short_name: z.string(),
  description: z.string(),
  start_url: z.string(),
  scope: z.string(),
  display: z.literal("standalone"),
  background_color: z.string(),
  theme_color: z.string(),
  icons: z.array(z.object({ src: z.string(), sizes: z.string(), type: z.string(), purpose: z.enum(["any", "maskable", "monochrome"]) })),
});
export type WebManifest = z.output<typeof WebManifest>;

export function buildManifest(appName: string): WebManifest {
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
