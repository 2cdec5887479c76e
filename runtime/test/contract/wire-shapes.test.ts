/**
 * The wire schemas whose types a port or the app owns describe exactly those types (compile time:
 * `tsc` fails on drift; the runtime assertions only keep vitest from reporting an empty file).
 */
import { describe, expect, expectTypeOf, it } from "vitest";
import type * as z from "zod/mini";
import type { WebhookOutcome as IngestOutcome } from "../../src/app/library/ingest-item.js";
import type { ChannelView } from "../../src/app/notify/personal-channels.js";
import { Channel, LastDeliverySchema } from "../../src/contract/api/channels.responses.js";
import { ArrProfileResource, ArrRootFolder, ArrTag, RadarrMovie, SonarrSeries } from "../../src/contract/api/arr.responses.js";
import { MediaRequestSchema, StatusCounts } from "../../src/contract/api/requests.responses.js";
import { SearchResult } from "../../src/contract/api/search.responses.js";
import { SyncItemBody } from "../../src/contract/api/sync.js";
import { WebhookOutcome } from "../../src/contract/api/webhook.responses.js";
import type { ArrProfileResource as DomainProfile } from "../../src/domain/arr/profiles.js";
import type { RadarrMovie as DomainMovie, SonarrSeries as DomainSeries } from "../../src/domain/arr/render.js";
import type { ArrRootFolder as DomainRootFolder } from "../../src/domain/arr/root-folders.js";
import type { ArrTag as DomainTag } from "../../src/domain/arr/tags.js";
import type { CatalogueItem } from "../../src/ports/catalogue.js";
import type { SyncItem } from "../../src/ports/library-source.js";
import type { LastDelivery } from "../../src/ports/store/deliveries.js";
import type { MediaRequest, RequestCounts } from "../../src/ports/store/requests.js";

describe("wire schemas and the types they describe", () => {
  it("are the same shapes", () => {
    expectTypeOf<z.output<typeof MediaRequestSchema>>().toEqualTypeOf<MediaRequest>();
    expectTypeOf<z.output<typeof StatusCounts>>().toEqualTypeOf<RequestCounts>();
    expectTypeOf<
      Omit<z.output<typeof SearchResult>, "requested" | "in_library" | "number_of_seasons" | "season_numbers">
    >().toEqualTypeOf<CatalogueItem>();
    expectTypeOf<z.output<typeof WebhookOutcome>>().toEqualTypeOf<IngestOutcome>();
    expectTypeOf<z.output<typeof LastDeliverySchema>>().toEqualTypeOf<LastDelivery>();
    expectTypeOf<z.output<typeof Channel>>().toEqualTypeOf<ChannelView>();
    // A parsed item, its absent ids and title read as null, is the port's SyncItem (whose imdb_id
    // may be left out by a sender that has only TMDB/TVDB ids).
    expectTypeOf<{
      [K in keyof z.output<typeof SyncItemBody>]-?: Exclude<z.output<typeof SyncItemBody>[K], undefined>;
    }>().toEqualTypeOf<Required<SyncItem>>();
    // The *arr instance lists' bodies are the domain renderers' shapes.
    expectTypeOf<z.output<typeof RadarrMovie>>().toEqualTypeOf<DomainMovie>();
    expectTypeOf<z.output<typeof SonarrSeries>>().toEqualTypeOf<DomainSeries>();
    expectTypeOf<z.output<typeof ArrProfileResource>>().toEqualTypeOf<DomainProfile>();
    expectTypeOf<z.output<typeof ArrTag>>().toEqualTypeOf<DomainTag>();
    expectTypeOf<z.output<typeof ArrRootFolder>>().toEqualTypeOf<DomainRootFolder>();
    expect(MediaRequestSchema.def.type).toBe("object");
  });
});
