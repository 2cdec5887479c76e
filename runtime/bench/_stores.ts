/** Runs a bench body once per store adapter (fresh store each time), skipping a store that cannot start. */
import type { Store } from "../src/ports/store/index.js";
import { storeFactories, type StoreFactory } from "@stellarr/testkit/stores";
import type { Figure } from "./index.js";

export async function perStore(label: string, body: (store: Store, factory: StoreFactory) => Promise<Figure[]>): Promise<Figure[]> {
  const figures: Figure[] = [];
  for (const factory of storeFactories) {
    let made: Awaited<ReturnType<StoreFactory["create"]>>;
    try {
      made = await factory.create();
    } catch (err) {
      console.log(`# ${label} bench: ${factory.name} store unavailable, skipped (${err instanceof Error ? err.message : String(err)})`);
      continue;
    }
    try {
      figures.push(...(await body(made.store, factory)));
    } finally {
      await made.cleanup();
    }
  }
  return figures;
}
