// Starts the tracker. A file of its own rather than an inline script, so the page's
// Content-Security-Policy needs no 'unsafe-inline' and no hash that changes with every build.
const tag = document.querySelector("script[data-tracker-js]");
try {
  const { default: init } = await import(tag.dataset.trackerJs);
  const exports = await init({ module_or_path: tag.dataset.trackerWasm });
  // The module's memory, read by the benchmark (cargo bench --bench tracker).
  window.trackerMemory = exports.memory;
} catch (error) {
  // The loading line of the page's shell (index.html) says why nothing more will come.
  const status = document.querySelector("[data-shell-status]");
  if (status) {
    status.setAttribute("role", "alert");
    status.textContent =
      "无法启动：浏览器未能加载本应用（需要支持 WebAssembly 的较新浏览器，或网络中断）。请刷新重试。" +
      " · The tracker could not start: the browser did not load it (it needs a recent browser with " +
      "WebAssembly, or the connection dropped). Reload to try again.";
  }
  console.error(error);
}
