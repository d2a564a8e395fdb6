// Types for the Emscripten ES6 glue (src/wasm/sparkdx.mjs, built by
// scripts/build-wasm.sh; the Embind API is described in wasm/bindings.cc).
declare module '*/wasm/sparkdx.mjs' {
  const createSparkdx: (options?: object) => Promise<import('./protocol').SparkdxModule>;
  export default createSparkdx;
}
