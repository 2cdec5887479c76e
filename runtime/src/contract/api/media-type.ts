/**
 * `movie` or `tv`, the media type every API area names; one schema for the request and answer
 * modules alike. Not exported by the contract's entry (the areas export the `MediaType` type).
 */
import * as z from "zod/mini";

export const mediaType = z.enum(["movie", "tv"]);
