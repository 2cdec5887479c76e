/**
 * Node's fetch classes (`Headers`, `Request`, `Response`), loaded when something first needs them.
 * Node defines them on `globalThis` as lazy getters: the first read loads its whole fetch
 * implementation (undici, ≈30 ms of the embedded server's ≈200 ms start here, and of a Lambda
 * cold start). The adapters' stand-ins — `LightHeaders`, `FastResponse`, the Node server's
 * `NodeRequest`, the Lambda API's `BufferedRequest` — answer most requests without them
 * (`GET /api/health` among them), so they must not read them at module load; yet each must pass
 * `instanceof` its native class and reach a real instance's members once one is needed.
 *
 * So each stand-in registers a `link` (`whenFetchClassesLoad`) that puts the native prototype under
 * its own, run when the classes load: when a stand-in asks for them (`fetchClasses()`), or when any
 * code reads one of the globals — this module wraps Node's getters, so `x instanceof Headers`
 * anywhere links the stand-ins before it is answered. (`fetch` loads undici without the globals:
 * its results are native objects, and checking them against a stand-in asks for the classes.)
 */
export interface FetchClasses {
  Headers: typeof Headers;
  Request: typeof Request;
  Response: typeof Response;
}

type Name = keyof FetchClasses;
const NAMES: readonly Name[] = ["Headers", "Request", "Response"];

const nodeGetters = new Map<Name, () => unknown>();
const wrappers = new Map<Name, () => unknown>();
const links: ((classes: FetchClasses) => void)[] = [];
let classes: FetchClasses | null = null;
let loading = false;

for (const name of NAMES) {
  const descriptor = Object.getOwnPropertyDescriptor(globalThis, name);
  // Already a value (loaded, or a runtime without lazy globals): nothing to defer.
  if (!descriptor?.get || !descriptor.configurable) continue;
  const nodeGetter = descriptor.get;
  nodeGetters.set(name, nodeGetter);
  // While undici loads it may read the globals itself: those reads go straight to Node's getters.
  const wrapper = () => (loading ? nodeGetter.call(globalThis) : fetchClasses()[name]);
  wrappers.set(name, wrapper);
  Object.defineProperty(globalThis, name, {
    configurable: true,
    enumerable: descriptor.enumerable,
    get: wrapper,
    set(value: unknown) {
      Object.defineProperty(globalThis, name, { value, writable: true, configurable: true, enumerable: descriptor.enumerable });
    },
  });
}

/** The native classes, loading them (and linking the stand-ins) on the first call. */
export function fetchClasses(): FetchClasses {
  if (classes) return classes;
  loading = true;
  try {
    const read = (name: Name) => (nodeGetters.get(name)?.call(globalThis) ?? globalThis[name]) as never;
    classes = { Headers: read("Headers"), Request: read("Request"), Response: read("Response") };
  } finally {
    loading = false;
  }
  for (const name of NAMES) {
    // As Node's own getter does once it has loaded: the global becomes a plain value (unless
    // something, such as installFastResponse, has set it meanwhile).
    const wrapper = wrappers.get(name);
    if (wrapper && Object.getOwnPropertyDescriptor(globalThis, name)?.get === wrapper)
      Object.defineProperty(globalThis, name, { value: classes[name], writable: true, configurable: true, enumerable: false });
  }
  for (const link of links.splice(0)) link(classes);
  return classes;
}

/** Runs `link` with the native classes when they load (at once if they have). */
export function whenFetchClassesLoad(link: (classes: FetchClasses) => void): void {
  if (classes) link(classes);
  else links.push(link);
}

/**
 * Gives a stand-in's prototype every member the native one has and it does not: getters and methods
 * that ask the real instance `materialise` builds (on first use). `members` names them before the
 * native class is loaded; once it is, anything else its prototype has is added too, and the native
 * prototype goes under the stand-in's (`instanceof`).
 */
export function delegateToNative<T extends object>(
  standIn: { prototype: T },
  name: Name,
  members: { getters: readonly string[]; methods: readonly string[] },
  materialise: (self: T) => object,
): void {
  const proto = standIn.prototype as Record<string, unknown>;
  const own = (key: string) => Object.prototype.hasOwnProperty.call(proto, key);
  const delegate = (key: string, kind: "getter" | "method") => {
    if (key === "constructor" || own(key)) return;
    if (kind === "method")
      Object.defineProperty(proto, key, {
        configurable: true,
        writable: true,
        value(this: T, ...args: unknown[]) {
          return (materialise(this) as Record<string, (...a: unknown[]) => unknown>)[key]!(...args);
        },
      });
    else
      Object.defineProperty(proto, key, {
        configurable: true,
        get(this: T) {
          return (materialise(this) as Record<string, unknown>)[key];
        },
      });
  };
  for (const key of members.getters) delegate(key, "getter");
  for (const key of members.methods) delegate(key, "method");
  Object.defineProperty(proto, Symbol.toStringTag, { value: name, configurable: true });
  whenFetchClassesLoad((classes) => {
    const native = classes[name].prototype;
    for (const key of Object.getOwnPropertyNames(native)) {
      const descriptor = Object.getOwnPropertyDescriptor(native, key)!;
      if (typeof descriptor.value === "function") delegate(key, "method");
      else if (descriptor.get) delegate(key, "getter");
    }
    Object.setPrototypeOf(proto, native);
  });
}

/** The getters of a Request that its stand-ins leave to a real one. */
const REQUEST_GETTERS = [
  "destination",
  "referrer",
  "referrerPolicy",
  "mode",
  "credentials",
  "cache",
  "redirect",
  "integrity",
  "keepalive",
  "isReloadNavigation",
  "isHistoryNavigation",
  "signal",
  "duplex",
] as const;

/** Members of the Fetch standard's Body mixin (Request and Response). */
export const BODY_METHODS = ["arrayBuffer", "blob", "bytes", "formData", "json", "text", "clone"] as const;

/** `delegateToNative` for a Request stand-in: the getters and body methods it does not have itself come from a real Request. */
export function delegateRequestToNative<T extends object>(standIn: { prototype: T }, materialise: (self: T) => Request): void {
  delegateToNative(standIn, "Request", { getters: REQUEST_GETTERS, methods: BODY_METHODS }, materialise);
}
