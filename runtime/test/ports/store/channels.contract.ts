/**
 * Contract of the `ChannelStore` port (`src/ports/store/channels.ts`): every store adapter's test file runs it
 * through `runStoreContract` (`contract.ts`); not collected by itself (no `.test.ts` suffix).
 */
import { describe, expect, it } from "vitest";
import type { ChannelStore, PersonalChannelRecord } from "../../../src/ports/store/channels.js";
import type { StoreFactory } from "@stellarr/testkit/stores";
import { T0, useStore } from "./fixtures.js";

export function channelStoreContract(factory: StoreFactory): void {
  describe("personal channels", () => {
    let store: ChannelStore;
    useStore(factory, (s) => (store = s));
    const channel = (id: string, owner: string, offsetMs = 0): PersonalChannelRecord => ({
      id,
      owner,
      spec: JSON.stringify({ type: "ntfy", server: "https://ntfy.example/", topic: `t-${id}`, token: "tk_secret" }),
      locale: "fr",
      created_at: new Date(T0 + offsetMs).toISOString(),
    });

    it("keeps each owner's channels apart, oldest first, spec as given", async () => {
      await store.putChannel(channel("ch_b", "alice", 1000));
      await store.putChannel(channel("ch_a", "alice", 2000));
      await store.putChannel(channel("ch_c", "bob"));
      expect(await store.listChannels("alice")).toEqual([channel("ch_b", "alice", 1000), channel("ch_a", "alice", 2000)]);
      expect(await store.listChannels("bob")).toEqual([channel("ch_c", "bob")]);
      expect(await store.listChannels("carol")).toEqual([]);
      expect(await store.getChannel("alice", "ch_a")).toEqual(channel("ch_a", "alice", 2000));
      expect(await store.getChannel("bob", "ch_a")).toBeNull();
    });

    it("deletes only the owner's channel", async () => {
      await store.putChannel(channel("ch_a", "alice"));
      expect(await store.deleteChannel("bob", "ch_a")).toBe(false);
      expect(await store.deleteChannel("alice", "ch_a")).toBe(true);
      expect(await store.deleteChannel("alice", "ch_a")).toBe(false);
      expect(await store.listChannels("alice")).toEqual([]);
    });
  });
}
