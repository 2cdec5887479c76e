/** Embedded / Docker entry: `npm start` (the Dockerfile and `npm start` run this file). The wiring is `wiring/node.ts`. */
import { startEmbedded } from "../wiring/node.js";

void startEmbedded();
