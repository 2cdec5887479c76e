/**
 * @deprecated The storage port is split per kind of data: import the narrow port you use from
 * `./store/<kind>.js`, or shared types from `./store/index.js`. This re-export only keeps code
 * written against the former single-file port compiling while parallel branches merge.
 */
export * from "./store/index.js";
