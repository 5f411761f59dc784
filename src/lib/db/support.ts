/**
 * Whether this browser can run the query engine at all, asked without loading it (the engine's
 * module is large): pages say what still works before anything is downloaded.
 */

/** True when the browser can run WebAssembly at all. */
export function webAssemblySupported(): boolean {
  return typeof WebAssembly === 'object' && typeof WebAssembly.instantiate === 'function';
}
