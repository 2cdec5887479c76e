/** Serves files the runtime hosts itself (embedded/Docker): the SPA and `DATA_DIR/trending/`. Absent on Lambda. */
export interface AssetServer {
  /** A Response for a GET/HEAD of a static path, or null when this server does not own the path. */
  serve(request: Request, url: URL): Promise<Response | null>;
}
