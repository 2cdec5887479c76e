/** The AWS topology (product.md §10). In progress: see issue 14. */
import type { Deployment } from "../components/types.js";
import type { StackSettings } from "../settings.js";

export function deployAws(_settings: StackSettings): Deployment {
  throw new Error("The AWS realisation is being written (issue 14)");
}
