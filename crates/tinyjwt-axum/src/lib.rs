//! # tinyjwt-axum
//!
//! Bearer-token authentication for [axum](https://docs.rs/axum) and any
//! [tower](https://docs.rs/tower) service, with tinyjwt:
//!
//! - [`Claims<T>`]: an extractor that reads `Authorization: Bearer <jwt>`, verifies it with
//!   the [`Authenticator`] in your app state (a [`RemoteKeySet`] fetching a JWKS URL, or a
//!   fixed [`Verifier`]), and hands your handler the typed claims;
//! - [`BearerLayer`]: the same check as a `tower::Layer` for services that are not axum; the
//!   verified payload reaches the inner service as a [`VerifiedClaims`] request extension.
//!
//! Rejections follow RFC 6750 §3 ([`AuthRejection`]):
//!
//! | request | status | `WWW-Authenticate` |
//! |---|---|---|
//! | no `Authorization`, or another scheme (`Basic ...`) | 401 | `Bearer` |
//! | several `Authorization` headers, or one that is not visible ASCII | 400 | `Bearer error="invalid_request"` |
//! | a Bearer token that does not verify | 401 | `Bearer error="invalid_token", error_description="<code>"` |
//! | the key set cannot be had ([`Error::KeysUnavailable`]) | 503 | none (`Retry-After: 30`) |
//!
//! `<code>` is the stable [`Error::code`] (`expired`, `bad_signature`, `unknown_kid`, ...).
//! Neither the token nor any key material ever appears in a response or a log line; refused
//! tokens are logged (`tracing`, target `tinyjwt_axum`, level debug) by code only.
//!
//! ```no_run
//! use axum::{Json, Router, routing::get};
//! use tinyjwt::cache::SetFormat;
//! use tinyjwt::JwkOptions;
//! use tinyjwt::{Algorithm, DefaultBackend, Policy, Verifier};
//! use tinyjwt_axum::{Authenticator, Claims};
//! use tinyjwt_jwks::RemoteKeySet;
//!
//! #[derive(serde::Deserialize)]
//! #[serde(rename_all = "camelCase")]
//! struct Canva { user_id: String, brand_id: String }
//!
//! async fn me(Claims(c): Claims<Canva>) -> Json<(String, String)> {
//!     Json((c.user_id, c.brand_id))
//! }
//!
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! let verifier: Verifier<_, 16> =
//!     Verifier::new(DefaultBackend::default(), Policy::new().audiences(&["my-app-id"]))?;
//! let keys = RemoteKeySet::new(
//!     "https://api.canva.com/rest/v1/apps/my-app-id/jwks",
//!     verifier,
//!     SetFormat::Jwks(JwkOptions::new().alg(Algorithm::RS256)),
//! )?;
//! let app = Router::new()
//!     .route("/me", get(me))
//!     .with_state(Authenticator::remote(keys));
//! let listener = tokio::net::TcpListener::bind("127.0.0.1:3000").await?;
//! axum::serve(listener, app).await?;
//! # Ok(()) }
//! ```
#![forbid(unsafe_code)]
#![deny(missing_docs)]

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use axum_core::extract::{FromRef, FromRequestParts};
use axum_core::response::{IntoResponse, Response};
use http::header::{AUTHORIZATION, RETRY_AFTER, WWW_AUTHENTICATE};
use http::request::Parts;
use http::{HeaderMap, HeaderValue, Request, StatusCode};
use serde::de::DeserializeOwned;
use tinyjwt::{Error, SignatureBackend, Verifier};
use tinyjwt_jwks::RemoteKeySet;

/// A boxed future of a verification: the payload (claims JSON) of a verified token.
pub type VerifyFuture<'a> = Pin<Box<dyn Future<Output = Result<Vec<u8>, Error>> + Send + 'a>>;

/// Something that verifies a bearer token and returns its verified payload: a
/// [`RemoteKeySet`], a fixed [`Verifier`] ([`StaticVerifier`]), or your own.
pub trait VerifyBearer: Send + Sync + 'static {
    /// Verifies `token` (without the `Bearer ` prefix) and returns its payload, the claims
    /// as JSON text, already validated by the verifier's policy.
    fn verify_payload<'a>(&'a self, token: &'a str) -> VerifyFuture<'a>;
}

impl<B, const K: usize> VerifyBearer for RemoteKeySet<B, K>
where
    B: SignatureBackend + Send + Sync + 'static,
    B::Key: Send + Sync,
{
    fn verify_payload<'a>(&'a self, token: &'a str) -> VerifyFuture<'a> {
        Box::pin(self.verify_with(token, |v| v.payload().to_vec()))
    }
}

/// A fixed [`Verifier`] (keys loaded at start-up: an app secret, a PEM key, a JWK Set from a
/// file) with the system clock.
pub struct StaticVerifier<B: SignatureBackend, const K: usize>(pub Verifier<'static, B, K>);

impl<B, const K: usize> VerifyBearer for StaticVerifier<B, K>
where
    B: SignatureBackend + Send + Sync + 'static,
    B::Key: Send + Sync,
{
    fn verify_payload<'a>(&'a self, token: &'a str) -> VerifyFuture<'a> {
        let mut buf = vec![0u8; token.len() / 4 * 3 + 3];
        let result = self
            .0
            .verify(token, tinyjwt::now(), &mut buf)
            .map(|v| v.payload().to_vec());
        Box::pin(std::future::ready(result))
    }
}

/// The verifier the extractor and the layer use: put one in your axum state (directly, or
/// in a bigger state struct with [`FromRef`]). Cheap to clone.
#[derive(Clone)]
pub struct Authenticator(Arc<dyn VerifyBearer>);

impl fmt::Debug for Authenticator {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Authenticator")
    }
}

impl Authenticator {
    /// Verifies with keys fetched from a URL.
    pub fn remote<B, const K: usize>(keys: RemoteKeySet<B, K>) -> Self
    where
        B: SignatureBackend + Send + Sync + 'static,
        B::Key: Send + Sync,
    {
        Self(Arc::new(keys))
    }

    /// Verifies with a fixed verifier, at the system clock's time.
    pub fn verifier<B, const K: usize>(verifier: Verifier<'static, B, K>) -> Self
    where
        B: SignatureBackend + Send + Sync + 'static,
        B::Key: Send + Sync,
    {
        Self(Arc::new(StaticVerifier(verifier)))
    }

    /// Verifies with your own [`VerifyBearer`].
    pub fn custom(v: impl VerifyBearer) -> Self {
        Self(Arc::new(v))
    }

    /// Checks a request's headers: the verified payload, or the rejection to answer with.
    pub async fn check(&self, headers: &HeaderMap) -> Result<VerifiedClaims, AuthRejection> {
        let token = bearer_token(headers)?;
        match self.0.verify_payload(token).await {
            Ok(payload) => Ok(VerifiedClaims(Arc::from(payload))),
            Err(e) => {
                tracing::debug!(target: "tinyjwt_axum", code = e.code(), "bearer token refused");
                Err(AuthRejection::from_error(e))
            }
        }
    }
}

/// The token of the request's single `Authorization: Bearer` header.
fn bearer_token(headers: &HeaderMap) -> Result<&str, AuthRejection> {
    let mut values = headers.get_all(AUTHORIZATION).iter();
    let Some(value) = values.next() else {
        return Err(AuthRejection::Missing);
    };
    if values.next().is_some() {
        return Err(AuthRejection::InvalidRequest);
    }
    let value = value.to_str().map_err(|_| AuthRejection::InvalidRequest)?;
    let scheme = value
        .trim_start_matches([' ', '\t'])
        .split([' ', '\t'])
        .next()
        .unwrap_or("");
    if !scheme.eq_ignore_ascii_case("bearer") {
        // No credentials of ours: RFC 6750 §3.1 says no error code.
        return Err(AuthRejection::Missing);
    }
    tinyjwt::bearer(value).map_err(AuthRejection::from_error)
}

/// The payload of a verified token (its claims as JSON text), shared cheaply. The
/// [`BearerLayer`] puts it in the request's extensions.
#[derive(Clone, Debug)]
pub struct VerifiedClaims(pub Arc<[u8]>);

impl VerifiedClaims {
    /// Deserializes the claims into `T`.
    ///
    /// # Errors
    /// [`Error::ClaimsMismatch`] when they do not fit `T`.
    pub fn deserialize<T: DeserializeOwned>(&self) -> Result<T, Error> {
        serde_json::from_slice(&self.0).map_err(|_| Error::ClaimsMismatch)
    }
}

/// Why a request was refused; answers per RFC 6750 §3 (see the [crate docs](crate)).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuthRejection {
    /// No `Authorization: Bearer` header (absent, or another scheme): 401, `Bearer`.
    Missing,
    /// Several `Authorization` headers, or one that is not visible ASCII: 400,
    /// `error="invalid_request"`.
    InvalidRequest,
    /// The token does not verify: 401, `error="invalid_token"`, the error's code.
    InvalidToken(Error),
    /// The key set cannot be had: 503.
    Unavailable,
}

impl AuthRejection {
    /// The rejection for a verification error.
    pub fn from_error(e: Error) -> Self {
        match e {
            Error::KeysUnavailable => AuthRejection::Unavailable,
            e => AuthRejection::InvalidToken(e),
        }
    }

    /// The status code.
    pub fn status(&self) -> StatusCode {
        match self {
            AuthRejection::Missing | AuthRejection::InvalidToken(_) => StatusCode::UNAUTHORIZED,
            AuthRejection::InvalidRequest => StatusCode::BAD_REQUEST,
            AuthRejection::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
        }
    }

    /// The `WWW-Authenticate` value, if the answer has one.
    pub fn www_authenticate(&self) -> Option<HeaderValue> {
        match self {
            AuthRejection::Missing => Some(HeaderValue::from_static("Bearer")),
            AuthRejection::InvalidRequest => {
                Some(HeaderValue::from_static("Bearer error=\"invalid_request\""))
            }
            // The code is a static snake_case identifier: always a valid quoted-string.
            AuthRejection::InvalidToken(e) => HeaderValue::from_str(&format!(
                "Bearer error=\"invalid_token\", error_description=\"{}\"",
                e.code()
            ))
            .ok(),
            AuthRejection::Unavailable => None,
        }
    }

    /// The plain-text body: the code, never the token.
    pub fn body(&self) -> &'static str {
        match self {
            AuthRejection::Missing => "missing bearer token",
            AuthRejection::InvalidRequest => "invalid_request",
            AuthRejection::InvalidToken(e) => e.code(),
            AuthRejection::Unavailable => "keys_unavailable",
        }
    }

    /// The answer as an `http::Response` with any body type that has a `Default` (empty);
    /// for the tower layer. axum handlers get [`IntoResponse`] instead, with a text body.
    pub fn to_response<B: Default>(&self) -> http::Response<B> {
        let mut r = http::Response::new(B::default());
        self.fill(&mut r);
        r
    }

    fn fill<B>(&self, r: &mut http::Response<B>) {
        *r.status_mut() = self.status();
        if let Some(v) = self.www_authenticate() {
            r.headers_mut().insert(WWW_AUTHENTICATE, v);
        }
        if *self == AuthRejection::Unavailable {
            r.headers_mut()
                .insert(RETRY_AFTER, HeaderValue::from_static("30"));
        }
    }
}

impl fmt::Display for AuthRejection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.body())
    }
}

impl std::error::Error for AuthRejection {}

impl IntoResponse for AuthRejection {
    fn into_response(self) -> Response {
        let mut r = self.body().into_response();
        self.fill(&mut r);
        r
    }
}

/// The verified claims of the request's bearer token, deserialized into `T` (owned, with
/// serde_json). Needs an [`Authenticator`] reachable from the state with [`FromRef`]. When a
/// [`BearerLayer`] already verified the request, its [`VerifiedClaims`] are used.
///
/// Claims that verify but do not fit `T` are refused as `invalid_token`
/// (`claims_mismatch`): the token is not one this endpoint accepts.
#[derive(Debug, Clone)]
pub struct Claims<T>(pub T);

impl<S, T> FromRequestParts<S> for Claims<T>
where
    Authenticator: FromRef<S>,
    S: Send + Sync,
    T: DeserializeOwned + Send,
{
    type Rejection = AuthRejection;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let verified = match parts.extensions.get::<VerifiedClaims>() {
            Some(v) => v.clone(),
            None => Authenticator::from_ref(state).check(&parts.headers).await?,
        };
        verified
            .deserialize()
            .map(Claims)
            .map_err(AuthRejection::InvalidToken)
    }
}

/// A `tower::Layer` that refuses requests without a valid bearer token (answering as
/// [`AuthRejection`] does, with an empty body) and passes the others on with their
/// [`VerifiedClaims`] in the request extensions.
#[derive(Clone, Debug)]
pub struct BearerLayer {
    auth: Authenticator,
}

impl BearerLayer {
    /// A layer checking with `auth`.
    pub fn new(auth: Authenticator) -> Self {
        Self { auth }
    }
}

impl<S> tower_layer::Layer<S> for BearerLayer {
    type Service = BearerService<S>;

    fn layer(&self, inner: S) -> Self::Service {
        BearerService {
            inner,
            auth: self.auth.clone(),
        }
    }
}

/// The service of [`BearerLayer`].
#[derive(Clone, Debug)]
pub struct BearerService<S> {
    inner: S,
    auth: Authenticator,
}

impl<S, ReqB, ResB> tower_service::Service<Request<ReqB>> for BearerService<S>
where
    S: tower_service::Service<Request<ReqB>, Response = http::Response<ResB>>
        + Clone
        + Send
        + 'static,
    S::Future: Send + 'static,
    ReqB: Send + 'static,
    ResB: Default + 'static,
{
    type Response = http::Response<ResB>;
    type Error = S::Error;
    type Future = Pin<Box<dyn Future<Output = Result<Self::Response, Self::Error>> + Send>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, mut req: Request<ReqB>) -> Self::Future {
        // The clone that was polled ready serves this request (tower's usual dance).
        let clone = self.inner.clone();
        let mut inner = std::mem::replace(&mut self.inner, clone);
        let auth = self.auth.clone();
        Box::pin(async move {
            match auth.check(req.headers()).await {
                Ok(claims) => {
                    req.extensions_mut().insert(claims);
                    inner.call(req).await
                }
                Err(rejection) => Ok(rejection.to_response()),
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(values: &[&str]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for v in values {
            h.append(AUTHORIZATION, HeaderValue::from_str(v).unwrap());
        }
        h
    }

    #[test]
    fn header_rules() {
        assert_eq!(bearer_token(&headers(&[])), Err(AuthRejection::Missing));
        assert_eq!(
            bearer_token(&headers(&["Basic dXNlcjpwYXNz"])),
            Err(AuthRejection::Missing)
        );
        assert_eq!(bearer_token(&headers(&["Bearer a.b.c"])), Ok("a.b.c"));
        assert_eq!(bearer_token(&headers(&["bearer   a.b.c"])), Ok("a.b.c"));
        assert_eq!(
            bearer_token(&headers(&["Bearer a.b.c", "Bearer d.e.f"])),
            Err(AuthRejection::InvalidRequest)
        );
        assert!(matches!(
            bearer_token(&headers(&["Bearer"])),
            Err(AuthRejection::InvalidToken(_) | AuthRejection::Missing)
        ));
        assert!(matches!(
            bearer_token(&headers(&["Bearer !!"])),
            Err(AuthRejection::InvalidToken(Error::Malformed(_)))
        ));
        let mut h = HeaderMap::new();
        h.insert(
            AUTHORIZATION,
            HeaderValue::from_bytes(b"Bearer \xff").unwrap(),
        );
        assert_eq!(bearer_token(&h), Err(AuthRejection::InvalidRequest));
    }

    #[test]
    fn rejections() {
        let r = AuthRejection::from_error(Error::Expired {
            exp: tinyjwt::NumericDate::from_secs(1),
        });
        assert_eq!(r.status(), 401);
        assert_eq!(
            r.www_authenticate().unwrap(),
            "Bearer error=\"invalid_token\", error_description=\"expired\""
        );
        let r = AuthRejection::from_error(Error::KeysUnavailable);
        assert_eq!(
            (r.status(), r.www_authenticate()),
            (StatusCode::SERVICE_UNAVAILABLE, None)
        );
        let resp: http::Response<String> = AuthRejection::Missing.to_response();
        assert_eq!(resp.status(), 401);
        assert_eq!(resp.headers()[WWW_AUTHENTICATE], "Bearer");
        assert_eq!(resp.body(), "");
    }
}
