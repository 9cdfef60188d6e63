// Starts the tracker. A file of its own rather than an inline script, so the page's
// Content-Security-Policy needs no 'unsafe-inline' and no hash that changes with every build.
const tag = document.querySelector("script[data-tracker-js]");
try {
  await firstViewShown();
  const { default: init } = await import(tag.dataset.trackerJs);
  const exports = await init({ module_or_path: tag.dataset.trackerWasm });
  // The module's memory, read by the benchmark (cargo bench --bench tracker).
  window.trackerMemory = exports.memory;
  offline();
} catch (error) {
  // The loading line of the page's shell (index.html) says why nothing more will come; it shows
  // above the first view, which stays readable.
  const status = document.querySelector("[data-shell-status]");
  document.documentElement.classList.add("first-failed");
  if (status) {
    status.setAttribute("role", "alert");
    status.textContent =
      "无法启动：浏览器未能加载本应用（需要支持 WebAssembly 的较新浏览器，或网络中断）。请刷新重试。" +
      " · The tracker could not start: the browser did not load it (it needs a recent browser with " +
      "WebAssembly, or the connection dropped). Reload to try again.";
  }
  console.error(error);
}

// The app's script and wasm (about 500 KB) are fetched once what the page shows first is on
// screen: the first view, or the title and loading line where the app will show something else.
// On a slow connection they would otherwise share it with the first view, which does not need
// them. A page opened in the background, where nothing is painted, does not wait.
function firstViewShown() {
  if (document.visibilityState === "hidden") return Promise.resolve();
  return Promise.all([firstPaint(), fetchedView()]);
}

// The browser's first paint with content, from its own paint entry (3 s at most where it gives
// none).
function firstPaint() {
  const painted = () => performance.getEntriesByName("first-contentful-paint").length > 0;
  return new Promise((resolve) => {
    if (painted()) return resolve();
    let paints = null;
    const late = setTimeout(done, 3000);
    function done() {
      if (paints) paints.disconnect();
      clearTimeout(late);
      resolve();
    }
    try {
      paints = new PerformanceObserver(() => {
        if (painted()) done();
      });
      paints.observe({ type: "paint", buffered: true });
    } catch (e) {
      // No paint entries here: the 3 s stand.
    }
  });
}

// A section's or an indicator's first view, fetched by the script in the page's head, which
// marks the page (data-first-fetch) until it is in (3 s at most), then painted: after the next
// frame (a frame's callbacks run before its paint; 1 s at most where no frame comes).
function fetchedView() {
  const root = document.documentElement;
  return new Promise((resolve) => {
    if (!root.hasAttribute("data-first-fetch")) return resolve();
    const watch = new MutationObserver(() => {
      if (!root.hasAttribute("data-first-fetch")) done();
    });
    const late = setTimeout(done, 3000);
    function done() {
      watch.disconnect();
      clearTimeout(late);
      requestAnimationFrame(() => setTimeout(resolve));
      setTimeout(resolve, 1000);
    }
    watch.observe(root, { attributes: true, attributeFilter: ["data-first-fetch"] });
  });
}

// Offline use and new versions: the service worker (sw.js, written by the build) keeps this
// version's files. When a new version is installed and waits, the app is told ("tracker-update")
// and shows a notice; its Reload button asks back ("tracker-apply-update"), and the page reloads
// once the new version has taken over. Where service workers are not available (a file: URL, an
// old browser) the tracker works online as before.
function offline() {
  if (!("serviceWorker" in navigator) || !window.isSecureContext) return;
  navigator.serviceWorker
    .register("sw.js")
    .then((registration) => {
      const ready = () => {
        window.trackerUpdateReady = true;
        window.dispatchEvent(new Event("tracker-update"));
      };
      const watch = (worker) =>
        worker?.addEventListener("statechange", () => {
          if (worker.state === "installed" && navigator.serviceWorker.controller) ready();
        });
      if (registration.waiting && navigator.serviceWorker.controller) ready();
      watch(registration.installing);
      registration.addEventListener("updatefound", () => watch(registration.installing));
      // A tracker left open for days looks for a new version when it comes back to the screen.
      document.addEventListener("visibilitychange", () => {
        if (document.visibilityState === "visible") registration.update().catch(() => {});
      });
      let applying = false;
      window.addEventListener("tracker-apply-update", () => {
        const waiting = registration.waiting;
        if (!waiting) return location.reload();
        applying = true;
        waiting.postMessage("skip-waiting");
      });
      // The new version takes over every tab at once: this one reloads if it asked for it; a tab
      // where the reader did not ask keeps what is typed and shows the notice, so that it reloads
      // before it fetches anything more.
      const hadController = !!navigator.serviceWorker.controller;
      navigator.serviceWorker.addEventListener("controllerchange", () => {
        if (applying) location.reload();
        else if (hadController) ready();
      });
    })
    .catch(() => {
      // Without a service worker the tracker works online as before.
    });
}
