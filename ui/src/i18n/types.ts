/**
 * Message catalogues are plain data compiled with the app: a message is a string with `{name}`
 * placeholders, or a plural table chosen with `Intl.PluralRules` of the locale. Nothing is parsed
 * or evaluated at run time, so the CSP can forbid `unsafe-eval`.
 */
export interface PluralMessage {
  zero?: string;
  one?: string;
  two?: string;
  few?: string;
  many?: string;
  other: string;
}

export type Message = string | PluralMessage;

/** The shape of the English catalogue with every leaf widened to `Message`: what each locale must provide. */
export type CatalogueShape<T> = {
  [K in keyof T]: T[K] extends string ? Message : T[K] extends { other: string } ? PluralMessage : CatalogueShape<T[K]>;
};

/** Dotted paths of every leaf message, e.g. `"auth.submit"`. */
export type MessagePath<T, Prefix extends string = ""> = {
  [K in keyof T & string]: T[K] extends string
    ? `${Prefix}${K}`
    : T[K] extends { other: string }
      ? `${Prefix}${K}`
      : MessagePath<T[K], `${Prefix}${K}.`>;
}[keyof T & string];
