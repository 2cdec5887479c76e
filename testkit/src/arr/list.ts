/**
 * What Radarr's "Radarr" and Sonarr's "Sonarr" import lists share (`RadarrImport`/`SonarrImport`,
 * `RadarrV3Proxy`/`SonarrV3Proxy`): the Test button, the filter drop-downs and the shape of a
 * fetch result. The app-specific parts are in `./radarr.ts` and `./sonarr.ts`.
 */
import { type ArrApp, type ArrCall, ArrHttpException, arrGet, hasText, type ReplayOptions, validateListSettings } from "./http.js";
import { deserializeList, type JsonNetType, T } from "./json-net.js";

export interface ListSettings {
  /** The list's "Full URL". */
  baseUrl: string;
  apiKey: string;
  /** "Quality Profiles" filter (ids). */
  profileIds?: readonly number[];
  /** "Tags" filter (ids). */
  tagIds?: readonly number[];
  /** "Root Folders" filter (paths). */
  rootFolderPaths?: readonly string[];
}

/** A FluentValidation failure as the Test dialog shows it; `property` "" is a general message. */
export interface ValidationFailure {
  property: string;
  message: string;
}

/** One fetch of a list (the periodic sync, or a forced one). */
export interface ListFetchResult<TRemote, TItem> {
  /** `!AnyFailure`: false when anything threw; the list then reports no items. */
  ok: boolean;
  /** The exception message the app logs at debug level ("Failed to fetch data for list …"). */
  error?: string;
  /** Every object as deserialised, before the filters (empty on failure). */
  remote: TRemote[];
  /** What the list reports after its filters, in order. */
  items: TItem[];
  /** Stellarr-contract problems Json.NET tolerates (see `./json-net.ts`). */
  violations: string[];
  calls: ArrCall[];
}

/** A drop-down's answer (`RequestAction`): `{options}` sorted by name, or `{devices: []}` without an API key. */
export type DropDown = { options: { value: number | string; name: string }[] } | { devices: [] };

const PROFILE = T.object({ name: T.string, id: T.int });
const TAG = T.object({ label: T.string, id: T.int });
const ROOT_FOLDER = T.object({ path: T.string, id: T.int });

/** `StringComparer.InvariantCultureIgnoreCase`, near enough for option labels. */
const invariantIgnoreCase = new Intl.Collator("en", { sensitivity: "accent" }).compare;

export class ListReplay {
  readonly calls: ArrCall[] = [];
  /** Every Stellarr-contract violation seen by any call of this replay. */
  readonly violations: string[] = [];

  constructor(
    readonly app: ArrApp,
    readonly settings: ListSettings,
    readonly opts: ReplayOptions = {},
  ) {}

  /** `Execute<T>`'s request: none at all (null) without a Full URL and an API key; any status ≥ 300 throws. */
  async getContent(resource: string, query: [string, string][] = []): Promise<string | null> {
    if (!hasText(this.settings.baseUrl) || !hasText(this.settings.apiKey)) return null;
    return arrGet(this.app, this.settings.baseUrl, this.settings.apiKey, resource, query, this.opts, this.calls);
  }

  /** `Execute<T>`: the request, then `DeserializeObject<List<T>>` (an empty list when no request is made). */
  async getList(resource: string, itemType: JsonNetType, query: [string, string][], violations: string[]): Promise<unknown[] | null> {
    const content = await this.getContent(resource, query);
    return content === null ? [] : deserializeList(content, itemType, violations);
  }

  /**
   * The Test button: the settings validator, then one `GetMovies`/`GetSeries` (request and
   * deserialisation only — the filters do not run). Null when the test passes.
   */
  async test(fetchAll: () => Promise<unknown>): Promise<ValidationFailure | null> {
    const invalid = validateListSettings(this.settings.baseUrl, this.settings.apiKey);
    if (invalid) return invalid;
    try {
      await fetchAll();
      return null;
    } catch (err) {
      if (err instanceof ArrHttpException && err.isUnauthorized) return { property: "ApiKey", message: "API Key is invalid" };
      if (err instanceof ArrHttpException && err.isRedirect) {
        return { property: "BaseUrl", message: `${this.app} URL is invalid, are you missing a URL base?` };
      }
      return {
        property: "",
        message: `Unable to connect to import list: ${(err as Error).message}. Check the log surrounding this error for details.`,
      };
    }
  }

  /** A filter drop-down (`RequestAction`); HTTP and parse errors propagate (the app's UI shows them as an error). */
  async dropDown(kind: "profiles" | "languageProfiles" | "tags" | "rootFolders"): Promise<DropDown> {
    if (!hasText(this.settings.apiKey)) return { devices: [] };
    const resource = {
      profiles: "/api/v3/qualityprofile",
      languageProfiles: "/api/v3/languageprofile",
      tags: "/api/v3/tag",
      // Both proxies spell this one without the leading slash; the URL comes out the same.
      rootFolders: "api/v3/rootfolder",
    }[kind];
    const type = kind === "tags" ? TAG : kind === "rootFolders" ? ROOT_FOLDER : PROFILE;
    const list = (await this.getList(resource, type, [], this.violations)) as Record<string, any>[] | null;
    if (list === null) throw new TypeError("Value cannot be null. (Parameter 'source')");
    const options = list.map((item) => {
      if (item === null) throw new TypeError("Object reference not set to an instance of an object.");
      return kind === "tags"
        ? { value: item.id as number, name: item.label as string }
        : kind === "rootFolders"
          ? { value: item.path as string, name: item.path as string }
          : { value: item.id as number, name: item.name as string };
    });
    return { options: options.sort((a, b) => invariantIgnoreCase(a.name ?? "", b.name ?? "")) };
  }
}

/** `Settings.X.Any() && !…`: a filter applies only when it has entries. */
export const active = <T>(filter: readonly T[] | undefined): filter is readonly T[] => filter !== undefined && filter.length > 0;
