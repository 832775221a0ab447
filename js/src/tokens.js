// Token sources that come with the package.

/**
 * Tokens from a map: `[Source:Name]` is looked up as `"Source:Name"`, and
 * `[Name]` as `"Name"`. A token the map lacks is unresolved (the action
 * refuses the step with `unresolved-token`), never empty text.
 */
export class MapTokens {
  #values;

  /** @param {Record<string, string> | Map<string, string>} values */
  constructor(values = {}) {
    this.#values = new Map(values instanceof Map ? values : Object.entries(values));
  }

  /** The value of `[source:name]` (or `[name]` when `source` is undefined), or undefined. */
  resolve(source, name) {
    return this.#values.get(source === undefined ? name : `${source}:${name}`);
  }
}
