/**
 * Personal notification channels (docs/notifications.md): ntfy, Discord and signed webhooks a
 * signed-in name adds for its requests and follows. The spec holds the channel's secrets (token,
 * webhook path, signing secret): adapters store it as given and nothing returns it to a client.
 */

export interface PersonalChannelRecord {
  /** `ch_<random>`: unguessable, unique across owners. */
  id: string;
  owner: string;
  /** The serialised `ChannelSpec` (domain/notify/channel.ts), secrets included. Opaque to adapters. */
  spec: string;
  /** The owner's language when the channel was added: its messages are written in it. */
  locale: string;
  created_at: string;
}

export interface ChannelStore {
  putChannel(channel: PersonalChannelRecord): Promise<void>;
  /** Oldest first. */
  listChannels(owner: string): Promise<PersonalChannelRecord[]>;
  getChannel(owner: string, id: string): Promise<PersonalChannelRecord | null>;
  /** true when the owner's channel was removed. */
  deleteChannel(owner: string, id: string): Promise<boolean>;
}
