//! Test environment: the release `dist/` served on a free loopback port, a ChromeDriver of the
//! test's own, and a fresh Chromium profile. Every process started here is killed when the
//! [`Browser`] is dropped, also when the test panics.

use fantoccini::wd::{Capabilities, WebDriverCompatibleCommand};
use fantoccini::{Client, ClientBuilder, Locator};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// How long to wait for the app to render something.
pub const WAIT: Duration = Duration::from_secs(20);

/// What only the app renders (the first view has its heading outside `body > main`): found,
/// the app has taken over.
const APP: &str = "body > main h1";

/// The built site.
pub fn dist_dir() -> PathBuf {
    let dir = std::env::var_os("TRACKER_DIST")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("dist"));
    if !dir.join("index.html").exists() {
        let status = Command::new("bash")
            .arg(".ci/release")
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .status()
            .expect("bash runs .ci/release");
        assert!(
            status.success(),
            "the release build (bash .ci/release) failed"
        );
    }
    dir
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("wasm") => "application/wasm",
        Some("css") => "text/css; charset=utf-8",
        Some("svg") => "image/svg+xml",
        Some("json") => "application/json; charset=utf-8",
        Some("txt") => "text/plain; charset=utf-8",
        Some("webmanifest") => "application/manifest+json",
        Some("png") => "image/png",
        _ => "application/octet-stream",
    }
}

/// Serves `dist/` once per test process, on a thread that ends with the process.
pub fn server() -> &'static str {
    static URL: OnceLock<String> = OnceLock::new();
    URL.get_or_init(|| serve_dir(dist_dir()))
}

/// Serves a folder on a free loopback port (a directory serves its `index.html`), from a thread
/// with a runtime of its own that ends with the process.
pub fn serve_dir(dir: PathBuf) -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind loopback");
    let port = listener.local_addr().expect("address").port();
    listener.set_nonblocking(true).expect("non-blocking");
    let root = Arc::new(Mutex::new(dir.canonicalize().expect("folder to serve")));
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("runtime");
        rt.block_on(serve(listener, root));
    });
    format!("http://127.0.0.1:{port}/")
}

use std::sync::{Arc, Mutex};

/// Answers every connection `listener` accepts with files of `root`.
async fn serve(listener: std::net::TcpListener, root: Arc<Mutex<PathBuf>>) {
    serve_slow(listener, root, Arc::new(Mutex::new(None))).await;
}

/// A path answered late, and how late.
type Slow = Arc<Mutex<Option<(String, Duration)>>>;

/// As [`serve`], answering the path in `slow` (if any) only after its delay.
async fn serve_slow(listener: std::net::TcpListener, root: Arc<Mutex<PathBuf>>, slow: Slow) {
    let listener = tokio::net::TcpListener::from_std(listener).expect("listener");
    loop {
        let Ok((stream, _)) = listener.accept().await else {
            continue;
        };
        let root = root.clone();
        let slow = slow.clone();
        tokio::spawn(async move {
            let service = hyper::service::service_fn(move |req| {
                let root = root.lock().expect("root").clone();
                let delay = slow
                    .lock()
                    .expect("slow")
                    .as_ref()
                    .filter(|(path, _)| req.uri().path().ends_with(path.as_str()))
                    .map(|(_, d)| *d);
                async move {
                    if let Some(d) = delay {
                        tokio::time::sleep(d).await;
                    }
                    let gzip = req
                        .headers()
                        .get(hyper::header::ACCEPT_ENCODING)
                        .and_then(|v| v.to_str().ok())
                        .is_some_and(|v| v.contains("gzip"));
                    Ok::<_, std::convert::Infallible>(respond(&root, req.uri().path(), gzip))
                }
            });
            let _ = hyper::server::conn::http1::Builder::new()
                .serve_connection(hyper_util::rt::TokioIo::new(stream), service)
                .await;
        });
    }
}

/// A site that can be taken down and brought back on the same address (as a phone loses and
/// finds its connection), and whose files can be replaced (as a new version is deployed).
pub struct Site {
    /// Its address, ending in `/`.
    pub url: &'static str,
    port: u16,
    root: Arc<Mutex<PathBuf>>,
    slow: Slow,
    runtime: Option<tokio::runtime::Runtime>,
}

impl Site {
    /// Serves `dir` on a free loopback port.
    pub fn start(dir: &Path) -> Site {
        let port = free_port();
        let mut site = Site {
            url: Box::leak(format!("http://127.0.0.1:{port}/").into_boxed_str()),
            port,
            root: Arc::new(Mutex::new(dir.canonicalize().expect("folder to serve"))),
            slow: Arc::new(Mutex::new(None)),
            runtime: None,
        };
        site.resume();
        site
    }

    /// Answers requests for paths ending in `path` only after `delay` (a slow connection).
    pub fn slow_down(&self, path: &str, delay: Duration) {
        *self.slow.lock().expect("slow") = Some((path.to_string(), delay));
    }

    /// Stops answering: the port is closed and open connections are dropped.
    pub fn stop(&mut self) {
        if let Some(rt) = self.runtime.take() {
            rt.shutdown_background();
        }
    }

    /// Answers again on the same port.
    pub fn resume(&mut self) {
        let listener = std::net::TcpListener::bind(("127.0.0.1", self.port)).expect("bind again");
        listener.set_nonblocking(true).expect("non-blocking");
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .expect("runtime");
        rt.spawn(serve_slow(listener, self.root.clone(), self.slow.clone()));
        self.runtime = Some(rt);
    }
}

impl Drop for Site {
    fn drop(&mut self) {
        self.stop();
    }
}

/// A file gzipped (level 9), as static hosts serve it; kept per path, size and time of change.
fn gzipped(file: &Path, bytes: &[u8]) -> Vec<u8> {
    use std::io::Write;
    type Key = (PathBuf, usize, Option<std::time::SystemTime>);
    static CACHE: OnceLock<std::sync::Mutex<std::collections::HashMap<Key, Vec<u8>>>> =
        OnceLock::new();
    let modified = std::fs::metadata(file).and_then(|m| m.modified()).ok();
    let key = (file.to_path_buf(), bytes.len(), modified);
    let cache = CACHE.get_or_init(Default::default);
    if let Some(gz) = cache.lock().expect("cache").get(&key) {
        return gz.clone();
    }
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    gz.write_all(bytes).expect("gzip");
    let gz = gz.finish().expect("gzip");
    cache.lock().expect("cache").insert(key, gz.clone());
    gz
}

/// Serves a file of `root`, gzipped when the browser accepts it (as static hosts do).
fn respond(
    root: &Path,
    url_path: &str,
    gzip: bool,
) -> hyper::Response<http_body_util::Full<hyper::body::Bytes>> {
    let rel = url_path.trim_start_matches('/');
    let mut file = root.join(rel);
    if file.is_dir() {
        file = file.join("index.html");
    }
    let inside = file.canonicalize().is_ok_and(|f| f.starts_with(root));
    let builder = hyper::Response::builder();
    match (inside, std::fs::read(&file)) {
        (true, Ok(bytes)) if gzip => builder
            .header("Content-Type", content_type(&file))
            .header("Content-Encoding", "gzip")
            .header("Vary", "Accept-Encoding")
            .body(gzipped(&file, &bytes).into()),
        (true, Ok(bytes)) => builder
            .header("Content-Type", content_type(&file))
            .body(bytes.into()),
        _ => builder
            .status(404)
            .body(hyper::body::Bytes::from_static(b"not found").into()),
    }
    .expect("response")
}

/// Copies the built site into `to`, except the files and folders whose name `leave_out` picks.
pub fn copy_dist(to: &Path, leave_out: impl Fn(&str) -> bool) {
    copy_tree(&dist_dir(), to, &leave_out);
}

/// Copies the whole built site into the folder `name` of `root` (a site under a sub-path), and
/// returns that folder.
pub fn copy_dist_under(root: &Path, name: &str) -> PathBuf {
    let sub = root.join(name);
    std::fs::create_dir_all(&sub).expect("sub-path");
    copy_dist(&sub, |_| false);
    sub
}

fn copy_tree(from: &Path, to: &Path, leave_out: &impl Fn(&str) -> bool) {
    for entry in std::fs::read_dir(from)
        .expect("dist")
        .filter_map(Result::ok)
        .filter(|e| !leave_out(&e.file_name().to_string_lossy()))
    {
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            std::fs::create_dir_all(&target).expect("folder");
            copy_tree(&entry.path(), &target, leave_out);
        } else {
            std::fs::copy(entry.path(), target).expect("copy");
        }
    }
}

/// Sizes of one file: raw, gzip -9 and brotli (quality 11), in bytes.
pub fn compressed_sizes(bytes: &[u8]) -> (usize, usize, usize) {
    use std::io::Write;
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    gz.write_all(bytes).expect("gzip");
    let gz = gz.finish().expect("gzip").len();
    let mut br = Vec::new();
    brotli::BrotliCompress(
        &mut &bytes[..],
        &mut br,
        &brotli::enc::BrotliEncoderParams::default(),
    )
    .expect("brotli");
    (bytes.len(), gz, br.len())
}

/// Every file a first visit of the overview downloads (the page and what the browser fetched for
/// it), with its sizes.
pub async fn first_visit(b: &Browser) -> Vec<(String, (usize, usize, usize))> {
    let files = first_visit_to(b, "").await;
    // The overview has a chart: it was drawn, and its code counted.
    b.wait_for("figure.chart svg").await;
    files
}

/// As [`first_visit`], for the page at `page` (`#/indicator/gdp`): every file it loaded once the
/// app shows it and its first chart is drawn.
pub async fn first_visit_to(b: &Browser, page: &str) -> Vec<(String, (usize, usize, usize))> {
    b.open(page).await;
    b.wait_for("body > main h1").await;
    // Charts are drawn as they come near the screen: bring the page's first (if any) into view.
    let chart = b
        .js("const f = document.querySelector('figure.chart'); if (f) f.scrollIntoView(); return !!f;")
        .await;
    if chart == true {
        b.wait_for("figure.chart svg").await;
    }
    let names = b
        .js("return performance.getEntriesByType('resource').map(e => e.name);")
        .await;
    let mut files = vec!["index.html".to_string()];
    for n in names
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|n| n.as_str())
    {
        let path = n
            .strip_prefix(b.base)
            .unwrap_or(n)
            .split(['?', '#'])
            .next()
            .unwrap_or("")
            .to_string();
        if !path.is_empty() && !files.contains(&path) {
            files.push(path);
        }
    }
    let dir = dist_dir();
    files
        .into_iter()
        .map(|f| {
            let bytes = std::fs::read(dir.join(&f)).unwrap_or_else(|e| panic!("{f}: {e}"));
            let sizes = compressed_sizes(&bytes);
            (f, sizes)
        })
        .collect()
}

/// The first-visit budget, gzip bytes, from `[package.metadata.tracker]` in Cargo.toml.
pub fn gzip_budget() -> usize {
    let manifest: toml::Table = include_str!("../../Cargo.toml")
        .parse()
        .expect("Cargo.toml");
    manifest["package"]["metadata"]["tracker"]["first_visit_gzip_budget"]
        .as_integer()
        .and_then(|n| usize::try_from(n).ok())
        .expect("first_visit_gzip_budget")
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("free port")
}

/// A ChromeDriver in its own process group, killed with everything it started on drop.
struct Driver {
    child: Child,
    port: u16,
}

impl Driver {
    fn start() -> Driver {
        use std::os::unix::process::CommandExt;
        let bin = std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "chromedriver".into());
        let port = free_port();
        let child = Command::new(bin)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .process_group(0)
            .spawn()
            .expect("chromedriver starts (install Chromium and ChromeDriver; .ci/test does)");
        let start = Instant::now();
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                start.elapsed() < Duration::from_secs(15),
                "chromedriver did not start"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        Driver { child, port }
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let pgid = format!("-{}", self.child.id());
        let _ = Command::new("kill").args(["-KILL", "--", &pgid]).status();
        let _ = self.child.wait();
    }
}

/// A browser session on the app with its own profile.
pub struct Browser {
    /// The WebDriver client.
    pub client: Client,
    /// Base URL of the served `dist/`.
    pub base: &'static str,
    profile: tempfile::TempDir,
    driver: Driver,
    block_site_data: bool,
}

fn capabilities(profile: &Path, block_site_data: bool) -> Capabilities {
    let binary = std::env::var("CHROME_BINARY").unwrap_or_else(|_| "/usr/bin/chromium".into());
    let caps = serde_json::json!({
        "browserName": "chrome",
        "goog:loggingPrefs": {"browser": "ALL"},
        "goog:chromeOptions": {
            "binary": binary,
            "args": [
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1280,900",
                format!("--user-data-dir={}", profile.display()),
            ],
            "prefs": {
                "download.default_directory": profile.join("downloads").display().to_string(),
                "download.prompt_for_download": false,
                // 2 blocks cookies and site data: localStorage then throws, as when a user
                // disables site data for the tracker.
                "profile.default_content_setting_values.cookies": if block_site_data { 2 } else { 1 },
            },
        },
    });
    match caps {
        serde_json::Value::Object(map) => map,
        _ => unreachable!(),
    }
}

async fn connect(driver: &Driver, profile: &Path, block_site_data: bool) -> Client {
    ClientBuilder::rustls()
        .expect("tls config")
        .capabilities(capabilities(profile, block_site_data))
        .connect(&format!("http://127.0.0.1:{}", driver.port))
        .await
        .expect("a browser session")
}

impl Browser {
    /// A new browser with a fresh profile.
    pub async fn start() -> Browser {
        let base = server();
        Browser::launch(base, tempfile::tempdir().expect("profile dir"), false).await
    }

    /// A new browser with a fresh profile, on the app served at `base`.
    pub async fn start_at(base: &'static str) -> Browser {
        Browser::launch(base, tempfile::tempdir().expect("profile dir"), false).await
    }

    /// A new browser whose settings block site data, so `localStorage` is unavailable.
    pub async fn start_without_site_data() -> Browser {
        let base = server();
        Browser::launch(base, tempfile::tempdir().expect("profile dir"), true).await
    }

    async fn launch(
        base: &'static str,
        profile: tempfile::TempDir,
        block_site_data: bool,
    ) -> Browser {
        let driver = Driver::start();
        let client = connect(&driver, profile.path(), block_site_data).await;
        Browser {
            client,
            base,
            profile,
            driver,
            block_site_data,
        }
    }

    /// Closes the browser and opens a new one on the same profile, as a user coming back would.
    pub async fn restart(self) -> Browser {
        let Browser {
            client,
            base,
            profile,
            driver,
            block_site_data,
        } = self;
        let _ = client.close().await;
        // Let Chromium finish writing the profile (it removes its lock when it has exited).
        let lock = profile.path().join("SingletonLock");
        let start = Instant::now();
        while lock.symlink_metadata().is_ok() && start.elapsed() < Duration::from_secs(10) {
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        drop(driver);
        Browser::launch(base, profile, block_site_data).await
    }

    /// Where the browser saves downloads.
    pub fn downloads(&self) -> PathBuf {
        self.profile.path().join("downloads")
    }

    /// Opens a page of the app (a fragment such as `#/indicator/gdp`) and waits for the app.
    pub async fn open(&self, fragment: &str) {
        self.goto(&format!("{}{}", self.base, fragment)).await;
    }

    /// Opens an address and waits for the app to take over from the page's first view: an
    /// element found in the first view is gone once the app has mounted.
    pub async fn goto(&self, url: &str) {
        self.client.goto(url).await.expect("navigate");
        self.wait_for(APP).await;
    }

    /// Loads the page again and waits for the app to take over from the first view.
    pub async fn reload(&self) {
        self.client.refresh().await.expect("reload");
        self.wait_for(APP).await;
    }

    /// Waits for an element.
    pub async fn wait_for(&self, css: &str) -> fantoccini::elements::Element {
        self.client
            .wait()
            .at_most(WAIT)
            .for_element(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("no {css} within {WAIT:?}: {e}"))
    }

    /// Waits for an element and clicks it.
    pub async fn click(&self, css: &str) {
        self.wait_for(css)
            .await
            .click()
            .await
            .unwrap_or_else(|e| panic!("click {css}: {e}"));
    }

    /// Text of the first element matching `css`, looked up again if the element was replaced
    /// between finding and reading it (the app taking over from the first view).
    pub async fn text(&self, css: &str) -> String {
        let mut tries = 0;
        loop {
            match self.wait_for(css).await.text().await {
                Ok(text) => return text,
                Err(e) if e.is_stale_element_reference() && tries < 3 => tries += 1,
                Err(e) => panic!("text of {css}: {e}"),
            }
        }
    }

    /// Runs JavaScript and returns its result.
    pub async fn js(&self, script: &str) -> serde_json::Value {
        self.client
            .execute(script, vec![])
            .await
            .unwrap_or_else(|e| panic!("script failed: {e}\n{script}"))
    }

    /// Browser console messages at or above `level` (`WARNING`, `SEVERE`) since the last call.
    pub async fn console(&self, level: &str) -> Vec<String> {
        let logs = self
            .client
            .issue_cmd(BrowserLog)
            .await
            .expect("browser log");
        let rank = |l: &str| match l {
            "SEVERE" => 3,
            "WARNING" => 2,
            "INFO" => 1,
            _ => 0,
        };
        logs.as_array()
            .into_iter()
            .flatten()
            .filter(|e| rank(e["level"].as_str().unwrap_or("")) >= rank(level))
            .map(|e| format!("{} {}", e["level"], e["message"]))
            .collect()
    }

    /// Closes the session; processes are ended on drop either way.
    pub async fn close(self) {
        let _ = self.client.clone().close().await;
    }
}

/// ChromeDriver's browser-log endpoint (not part of W3C WebDriver).
#[derive(Debug)]
struct BrowserLog;

impl WebDriverCompatibleCommand for BrowserLog {
    fn endpoint(
        &self,
        base: &url::Url,
        session: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base.join(&format!("session/{}/se/log", session.unwrap_or_default()))
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        (http::Method::POST, Some(r#"{"type":"browser"}"#.into()))
    }
}
