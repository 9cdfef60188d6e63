// Starts the tracker. A file of its own rather than an inline script, so the page's
// Content-Security-Policy needs no 'unsafe-inline' and no hash that changes with every build.
const tag = document.querySelector("script[data-tracker-js]");
const { default: init } = await import(tag.dataset.trackerJs);
const exports = await init({ module_or_path: tag.dataset.trackerWasm });
// The module's memory, read by the benchmark (cargo bench --bench tracker).
window.trackerMemory = exports.memory;
