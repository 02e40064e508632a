//! The HTTP half: one GET of a key-set URL, with every rule that keeps a key fetch from
//! hurting the service that depends on it.
//!
//! - **Timeout**: one deadline ([`FetchOptions::timeout`], 5 s by default) covers connecting,
//!   every redirect hop, the response head and the whole body; a server that accepts the
//!   connection and then stalls costs at most that long.
//! - **Body cap**: [`FetchOptions::max_body`] (1 MiB by default). A `Content-Length` over the
//!   cap is refused before any body byte is read; a chunked body is counted as it arrives and
//!   abandoned at the first byte over.
//! - **Status**: `200` carries a set; `304 Not Modified` answers a revalidation (only when an
//!   `If-None-Match` was sent). Anything else is [`FetchError::Status`].
//! - **Content type**: an HTML page (`text/html`, `application/xhtml+xml`: a login page, a
//!   captive portal, a proxy's error page served with `200`) is refused as such; every other
//!   type is left to the strict JSON parser, because real issuers serve key sets as
//!   `application/json`, `application/jwk-set+json`, `text/plain` and worse.
//! - **Redirects**: followed only within the same origin (scheme, host and port), at most
//!   [`MAX_REDIRECTS`] hops. A redirect to another origin is [`FetchError::Redirect`] and is
//!   never requested. Why: the URL you configure names who may publish your keys. A
//!   cross-host redirect would let anyone who controls that redirect (an open redirect on
//!   the issuer's domain, a compromised CDN rule) choose the keys your service trusts, and an
//!   `https` → `http` hop would let the network choose them. Same-origin moves
//!   (`/jwks` → `/jwks.json`, a versioned path) are common and harmless, so they are
//!   followed rather than refused outright.
//! - **Scheme**: `https` always; `http` only with [`FetchOptions::allow_http`] (tests on
//!   127.0.0.1, a sidecar on loopback). TLS is rustls with the webpki roots: no OpenSSL.
//! - **Proxies**: the environment's `HTTP(S)_PROXY` variables are not used: the keys come
//!   from exactly the URL configured, and loopback tests cannot be diverted.
//! - **Revalidation**: the last `ETag` is sent as `If-None-Match`; `Cache-Control: max-age`
//!   and `Expires` (relative to the response's `Date`) are read with the core's parsers and
//!   reported, so the cache can clamp them.

use std::fmt;
use std::time::Duration;

use reqwest::header::{
    CACHE_CONTROL, CONTENT_LENGTH, CONTENT_TYPE, DATE, ETAG, EXPIRES, HeaderMap, IF_NONE_MATCH,
    LOCATION,
};
use url::Url;

/// The default time one fetch may take, connection to last body byte (5 s: well under
/// Canva's documented 30 s, long enough for a cross-continent TLS handshake on a bad day).
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(5);

/// The default cap on a key set's body: 1 MiB. The core refuses a JWK Set larger than its
/// own limit anyway; this cap keeps a hostile or broken server from making the service
/// buffer gigabytes first.
pub const DEFAULT_MAX_BODY: usize = 1 << 20;

/// The most same-origin redirects one fetch follows.
pub const MAX_REDIRECTS: usize = 5;

/// How one fetch behaves. `Default` is the production setting: 5 s, 1 MiB, `https` only.
#[derive(Debug, Clone)]
pub struct FetchOptions {
    /// One deadline for the whole fetch (connect, redirects, head, body).
    pub timeout: Duration,
    /// The most body bytes accepted.
    pub max_body: usize,
    /// Whether `http://` URLs (and same-origin `http` redirects) are allowed. Off by default:
    /// over plain HTTP anyone on the path chooses your keys.
    pub allow_http: bool,
    /// Whether same-origin redirects are followed (default) or refused like any other.
    pub follow_same_origin_redirects: bool,
}

impl Default for FetchOptions {
    fn default() -> Self {
        Self {
            timeout: DEFAULT_TIMEOUT,
            max_body: DEFAULT_MAX_BODY,
            allow_http: false,
            follow_same_origin_redirects: true,
        }
    }
}

impl FetchOptions {
    /// Sets [`FetchOptions::timeout`].
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// Sets [`FetchOptions::max_body`].
    pub fn max_body(mut self, bytes: usize) -> Self {
        self.max_body = bytes;
        self
    }

    /// Sets [`FetchOptions::allow_http`].
    pub fn allow_http(mut self, allow: bool) -> Self {
        self.allow_http = allow;
        self
    }

    /// Sets [`FetchOptions::follow_same_origin_redirects`].
    pub fn follow_same_origin_redirects(mut self, follow: bool) -> Self {
        self.follow_same_origin_redirects = follow;
        self
    }
}

/// Why a fetch produced no usable key set. `Display` is one line naming the reason (the URL
/// is not repeated: callers say which URL they fetched).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum FetchError {
    /// The URL does not parse, or has no host.
    BadUrl(String),
    /// `http://` without [`FetchOptions::allow_http`] (or a scheme that is neither).
    InsecureScheme(String),
    /// The whole fetch took longer than the timeout.
    Timeout(Duration),
    /// No connection (refused, unreachable, DNS, TLS handshake).
    Connect(String),
    /// The server answered with a status other than 200 (or 304 to a revalidation).
    Status(u16),
    /// A redirect that is not followed: to another origin, without a usable `Location`, or
    /// past [`MAX_REDIRECTS`].
    Redirect(String),
    /// The body is an HTML page, not a key set.
    ContentType(String),
    /// The body is larger than [`FetchOptions::max_body`].
    TooLarge(usize),
    /// Any other transport failure (a reset connection mid-body, a malformed response).
    Http(String),
    /// The body arrived but is not a usable key set (malformed JSON, not a set, no usable
    /// key): the library's error, whose [`tinyjwt::Error::code`] is stable.
    KeySet(tinyjwt::Error),
}

impl FetchError {
    /// A stable short code for logs and metrics.
    pub fn code(&self) -> &'static str {
        match self {
            FetchError::BadUrl(_) => "bad_url",
            FetchError::InsecureScheme(_) => "insecure_scheme",
            FetchError::Timeout(_) => "timeout",
            FetchError::Connect(_) => "connect",
            FetchError::Status(_) => "status",
            FetchError::Redirect(_) => "redirect",
            FetchError::ContentType(_) => "content_type",
            FetchError::TooLarge(_) => "too_large",
            FetchError::Http(_) => "http",
            FetchError::KeySet(_) => "key_set",
        }
    }
}

impl fmt::Display for FetchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FetchError::BadUrl(why) => write!(f, "not a usable URL: {why}"),
            FetchError::InsecureScheme(scheme) => write!(
                f,
                "scheme {scheme:?} refused: key sets are fetched over https (plain http only \
                 when explicitly allowed)"
            ),
            FetchError::Timeout(t) => write!(f, "no complete answer within {} ms", t.as_millis()),
            FetchError::Connect(why) => write!(f, "cannot connect: {why}"),
            FetchError::Status(s) => write!(f, "HTTP status {s} (only 200 carries a key set)"),
            FetchError::Redirect(why) => write!(f, "redirect not followed: {why}"),
            FetchError::ContentType(t) => {
                write!(f, "content type {t:?}: an HTML page, not a key set")
            }
            FetchError::TooLarge(cap) => write!(f, "body larger than the {cap}-byte cap"),
            FetchError::Http(why) => write!(f, "HTTP failure: {why}"),
            FetchError::KeySet(e) => write!(f, "not a usable key set: {e} [{}]", e.code()),
        }
    }
}

impl std::error::Error for FetchError {}

/// What the server said about caching, as the cache state machine wants it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HttpMeta {
    /// `Cache-Control: max-age` in seconds (`no-cache`/`no-store` read as 0; the cache clamps
    /// it to its minimum).
    pub max_age: Option<u64>,
    /// `Expires` minus the response's `Date` (or minus the local clock without one), in
    /// seconds; 0 for a date in the past or an invalid one (RFC 9111 §5.3).
    pub expires_in: Option<u64>,
    /// The `ETag`, verbatim (quotes and `W/` included), for the next `If-None-Match`.
    pub etag: Option<String>,
}

/// A successful fetch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fetched {
    /// `200`: the body (at most the cap) and the caching headers.
    Body(Vec<u8>, HttpMeta),
    /// `304 Not Modified`: the set held is still current.
    NotModified(HttpMeta),
}

/// Fetches one URL with [`FetchOptions`]. Cheap to clone (the connection pool is shared).
#[derive(Debug, Clone)]
pub struct Fetcher {
    client: reqwest::Client,
    url: Url,
    opts: FetchOptions,
}

impl Fetcher {
    /// A fetcher for `url`. Fails on a URL that does not parse, has no host, or whose scheme
    /// the options refuse.
    pub fn new(url: &str, opts: FetchOptions) -> Result<Self, FetchError> {
        let url = Url::parse(url).map_err(|e| FetchError::BadUrl(e.to_string()))?;
        check_scheme(&url, opts.allow_http)?;
        if url.host_str().is_none_or(str::is_empty) {
            return Err(FetchError::BadUrl("no host".to_owned()));
        }
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .connect_timeout(opts.timeout)
            .timeout(opts.timeout)
            .user_agent(concat!("tinyjwt-jwks/", env!("CARGO_PKG_VERSION")))
            .no_proxy()
            .build()
            .map_err(|e| FetchError::Http(e.to_string()))?;
        Ok(Self { client, url, opts })
    }

    /// The URL fetched.
    pub fn url(&self) -> &Url {
        &self.url
    }

    /// The options.
    pub fn options(&self) -> &FetchOptions {
        &self.opts
    }

    /// One fetch, bounded by the timeout as a whole. With `etag`, sends `If-None-Match` and
    /// accepts `304 Not Modified`.
    pub async fn fetch(&self, etag: Option<&str>) -> Result<Fetched, FetchError> {
        let timeout = self.opts.timeout;
        match tokio::time::timeout(timeout, self.fetch_inner(etag)).await {
            Ok(r) => r,
            Err(_) => Err(FetchError::Timeout(timeout)),
        }
    }

    async fn fetch_inner(&self, etag: Option<&str>) -> Result<Fetched, FetchError> {
        let mut url = self.url.clone();
        let mut hops = 0usize;
        loop {
            let mut req = self.client.get(url.clone());
            if let Some(tag) = etag {
                req = req.header(IF_NONE_MATCH, tag);
            }
            let mut resp = req.send().await.map_err(|e| self.transport(e))?;
            let status = resp.status().as_u16();
            match status {
                200 => {}
                304 if etag.is_some() => return Ok(Fetched::NotModified(meta(resp.headers()))),
                301 | 302 | 303 | 307 | 308 => {
                    url = self.redirect_target(&url, resp.headers(), hops)?;
                    hops += 1;
                    continue;
                }
                s => return Err(FetchError::Status(s)),
            }
            let headers = resp.headers();
            if let Some(ct) = headers.get(CONTENT_TYPE) {
                let ct = String::from_utf8_lossy(ct.as_bytes()).into_owned();
                let media = ct
                    .split(';')
                    .next()
                    .unwrap_or("")
                    .trim()
                    .to_ascii_lowercase();
                if media == "text/html" || media == "application/xhtml+xml" {
                    return Err(FetchError::ContentType(ct));
                }
            }
            let cap = self.opts.max_body;
            let declared = headers
                .get(CONTENT_LENGTH)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.trim().parse::<u64>().ok());
            if declared.is_some_and(|n| n > cap as u64) {
                return Err(FetchError::TooLarge(cap));
            }
            let meta = meta(headers);
            let mut body = Vec::with_capacity(declared.map_or(0, |n| n as usize));
            while let Some(chunk) = resp.chunk().await.map_err(|e| self.transport(e))? {
                if body.len() + chunk.len() > cap {
                    return Err(FetchError::TooLarge(cap));
                }
                body.extend_from_slice(&chunk);
            }
            return Ok(Fetched::Body(body, meta));
        }
    }

    fn redirect_target(
        &self,
        from: &Url,
        headers: &HeaderMap,
        hops: usize,
    ) -> Result<Url, FetchError> {
        let location = headers
            .get(LOCATION)
            .and_then(|v| v.to_str().ok())
            .ok_or_else(|| FetchError::Redirect("no usable Location header".to_owned()))?;
        let to = from
            .join(location)
            .map_err(|e| FetchError::Redirect(format!("bad Location: {e}")))?;
        if to.origin() != self.url.origin() {
            return Err(FetchError::Redirect(format!(
                "to another origin ({}); only same-origin redirects are followed",
                to.origin().ascii_serialization()
            )));
        }
        if !self.opts.follow_same_origin_redirects {
            return Err(FetchError::Redirect(
                "redirects are not followed (follow_same_origin_redirects is off)".to_owned(),
            ));
        }
        if hops >= MAX_REDIRECTS {
            return Err(FetchError::Redirect(format!(
                "more than {MAX_REDIRECTS} redirects"
            )));
        }
        Ok(to)
    }

    fn transport(&self, e: reqwest::Error) -> FetchError {
        if e.is_timeout() {
            FetchError::Timeout(self.opts.timeout)
        } else if e.is_connect() {
            FetchError::Connect(root_cause(&e))
        } else {
            FetchError::Http(root_cause(&e))
        }
    }
}

/// The innermost cause's text: reqwest's own message ("error sending request for url …")
/// repeats the URL and hides the reason ("Connection refused").
fn root_cause(e: &(dyn std::error::Error + 'static)) -> String {
    let mut cur = e;
    while let Some(next) = cur.source() {
        cur = next;
    }
    cur.to_string()
}

fn check_scheme(url: &Url, allow_http: bool) -> Result<(), FetchError> {
    match url.scheme() {
        "https" => Ok(()),
        "http" if allow_http => Ok(()),
        other => Err(FetchError::InsecureScheme(other.to_owned())),
    }
}

/// Whether `url`'s host is a loopback address: `127.0.0.0/8`, `::1`, or `localhost` (and its
/// subdomains, RFC 6761 §6.3). The CLI allows plain `http` to these without `--allow-http`.
pub fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(url::Host::Ipv4(a)) => a.is_loopback(),
        Some(url::Host::Ipv6(a)) => a.is_loopback(),
        Some(url::Host::Domain(d)) => {
            let d = d.trim_end_matches('.').to_ascii_lowercase();
            d == "localhost" || d.ends_with(".localhost")
        }
        None => false,
    }
}

/// The caching headers, read with the core's parsers (`tinyjwt::cache::FetchMeta`: one
/// home for the `Cache-Control` and HTTP-date rules, tested there against Python's
/// `email.utils`). Several `Cache-Control` lines: the smallest max age wins.
fn meta(headers: &HeaderMap) -> HttpMeta {
    let text = |name| {
        headers
            .get(name)
            .and_then(|v: &reqwest::header::HeaderValue| v.to_str().ok())
    };
    let mut m = tinyjwt::cache::FetchMeta::new();
    for v in headers.get_all(CACHE_CONTROL).iter() {
        if let Ok(v) = v.to_str() {
            m = m.with_cache_control(v);
        }
    }
    if let Some(expires) = text(EXPIRES) {
        m = m.with_expires(expires, text(DATE), tinyjwt::now());
    }
    HttpMeta {
        max_age: m.max_age,
        expires_in: m.expires_in,
        etag: text(ETAG).map(str::to_owned),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cache_headers() {
        let mut h = HeaderMap::new();
        h.insert(
            CACHE_CONTROL,
            "public, max-age=3600, must-revalidate".parse().unwrap(),
        );
        h.insert(ETAG, "W/\"abc\"".parse().unwrap());
        h.insert(DATE, "Wed, 02 Dec 2026 07:00:00 GMT".parse().unwrap());
        h.insert(EXPIRES, "Wed, 02 Dec 2026 07:10:00 GMT".parse().unwrap());
        let m = meta(&h);
        assert_eq!(m.max_age, Some(3600));
        assert_eq!(m.expires_in, Some(600));
        assert_eq!(m.etag.as_deref(), Some("W/\"abc\""));
        h.insert(CACHE_CONTROL, "no-cache".parse().unwrap());
        h.insert(EXPIRES, "0".parse().unwrap());
        let m = meta(&h);
        assert_eq!((m.max_age, m.expires_in), (Some(0), Some(0)));
        assert_eq!(meta(&HeaderMap::new()), HttpMeta::default());
    }

    #[test]
    fn schemes_and_loopback() {
        let opts = FetchOptions::default();
        assert!(Fetcher::new("https://example.com/jwks", opts.clone()).is_ok());
        assert_eq!(
            Fetcher::new("http://127.0.0.1:1/jwks", opts.clone()).unwrap_err(),
            FetchError::InsecureScheme("http".into())
        );
        assert!(Fetcher::new("http://127.0.0.1:1/jwks", opts.clone().allow_http(true)).is_ok());
        assert!(matches!(
            Fetcher::new("file:///etc/passwd", opts.clone().allow_http(true)),
            Err(FetchError::InsecureScheme(_))
        ));
        assert!(matches!(
            Fetcher::new("not a url", opts),
            Err(FetchError::BadUrl(_))
        ));
        let lo = |s: &str| is_loopback(&Url::parse(s).unwrap());
        assert!(lo("http://127.0.0.1/"));
        assert!(lo("http://127.255.1.2:8080/"));
        assert!(lo("http://[::1]:80/"));
        assert!(lo("http://localhost/"));
        assert!(lo("http://LOCALHOST./"));
        assert!(lo("http://a.localhost/"));
        assert!(!lo("http://128.0.0.1/"));
        assert!(!lo("http://localhost.example.com/"));
        assert!(!lo("http://[::2]/"));
        assert!(!lo("http://10.0.0.1/"));
    }
}
