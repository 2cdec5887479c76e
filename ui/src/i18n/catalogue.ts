import type en from "./messages/en.js";
import type { CatalogueShape, MessagePath } from "./types.js";

/** What every locale must provide: the English catalogue's keys, each a string or a plural table. */
export type Catalogue = CatalogueShape<typeof en>;
export type MessageKey = MessagePath<typeof en>;
