/**
 * Stellarr's own "quality profiles" and "language profile" as Radarr's and Sonarr's instance
 * lists see them (issue #22). They are labels a requester picks, not download settings: each
 * *arr list filters on them (`ProfileIds` / `LanguageProfileIds`, matched by id), so one Stellarr
 * can feed an HD and a 4K instance. The ids are part of every user's list settings: never renumber.
 */

import type { ArrProfile } from "../../ports/store/requests.js";

export type { ArrProfile };
export const ARR_PROFILES = ["default", "4k"] as const satisfies readonly ArrProfile[];

export interface ArrProfileResource {
  id: number;
  name: string;
}

const QUALITY_PROFILE_IDS: Record<ArrProfile, number> = { default: 1, "4k": 2 };

/** `GET …/api/v3/qualityprofile` (Radarr and Sonarr): the list code reads `id` and `name`. */
export const QUALITY_PROFILES: readonly ArrProfileResource[] = [
  { id: QUALITY_PROFILE_IDS.default, name: "Default" },
  { id: QUALITY_PROFILE_IDS["4k"], name: "4K" },
];

/** Sonarr `GET …/api/v3/languageprofile`: one profile; every series carries its id. */
export const LANGUAGE_PROFILES: readonly ArrProfileResource[] = [{ id: 1, name: "Default" }];
export const LANGUAGE_PROFILE_ID = 1;

export const qualityProfileId = (profile: ArrProfile): number => QUALITY_PROFILE_IDS[profile];

export type ProfileCheck = { ok: true; profile: ArrProfile } | { ok: false; message: string };

/** `POST /api/request`'s optional `profile`: absent → "default"; anything but "default"/"4k" → 422. */
export function parseProfile(input: unknown): ProfileCheck {
  if (input === undefined) return { ok: true, profile: "default" };
  if (typeof input === "string" && (ARR_PROFILES as readonly string[]).includes(input)) return { ok: true, profile: input as ArrProfile };
  return { ok: false, message: 'profile must be "default" or "4k"' };
}
