//! The extractor and the layer, against a JWKS server on 127.0.0.1 started by the test
//! (issue 13 §3, §4): RFC 6750 rejections, 1,000 concurrent requests on a cold cache, and
//! the tower layer around a plain `tower::Service`.

#[path = "../../tinyjwt-jwks/tests/common/mod.rs"]
mod common;

use std::convert::Infallible;
use std::time::Duration;

use axum::body::Body;
use axum::extract::FromRef;
use axum::routing::get;
use axum::{Json, Router};
use common::{Reply, Server, Vectors};
use http_body_util::BodyExt;
use tinyjwt::JwkOptions;
use tinyjwt::cache::{CachePolicy, SetFormat};
use tinyjwt::{Algorithm, DefaultBackend, Policy, Verifier};
use tinyjwt_axum::{Authenticator, BearerLayer, Claims, VerifiedClaims};
use tinyjwt_jwks::{FetchOptions, Options, RemoteKeySet};
use tower::{Service, ServiceBuilder, ServiceExt};

#[derive(serde::Deserialize)]
#[serde(rename_all = "camelCase")]
struct Canva {
    user_id: String,
    brand_id: String,
}

/// A claims type the vectors' tokens do not fit (`admin` is absent).
#[derive(serde::Deserialize)]
#[allow(dead_code)]
struct Admin {
    admin: bool,
}

fn policy() -> Policy<'static> {
    Policy::new()
        .audiences(&["app-123"])
        .issuers(&["https://platform.example"])
}

fn remote(url: &str, timeout: Duration, cache: CachePolicy) -> RemoteKeySet<DefaultBackend> {
    let verifier = Verifier::new(DefaultBackend::default(), policy()).unwrap();
    RemoteKeySet::with_options(
        url,
        verifier,
        SetFormat::Jwks(JwkOptions::new().alg(Algorithm::RS256)),
        Options::default()
            .cache(cache)
            .fetch(FetchOptions::default().allow_http(true).timeout(timeout)),
    )
    .unwrap()
}

#[derive(Clone)]
struct AppState {
    auth: Authenticator,
}

impl FromRef<AppState> for Authenticator {
    fn from_ref(s: &AppState) -> Self {
        s.auth.clone()
    }
}

async fn me(Claims(c): Claims<Canva>) -> Json<serde_json::Value> {
    Json(serde_json::json!({ "userId": c.user_id, "brandId": c.brand_id }))
}

async fn admin(Claims(_): Claims<Admin>) -> &'static str {
    "admin"
}

fn app(auth: Authenticator) -> Router {
    Router::new()
        .route("/me", get(me))
        .route("/admin", get(admin))
        .with_state(AppState { auth })
}

fn request(path: &str, authorization: Option<&str>) -> http::Request<Body> {
    let mut b = http::Request::get(path);
    if let Some(a) = authorization {
        b = b.header("authorization", a);
    }
    b.body(Body::empty()).unwrap()
}

async fn body(r: http::Response<Body>) -> String {
    String::from_utf8(r.into_body().collect().await.unwrap().to_bytes().to_vec()).unwrap()
}

fn www(r: &http::Response<Body>) -> Option<&str> {
    r.headers()
        .get("www-authenticate")
        .map(|v| v.to_str().unwrap())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn thousand_concurrent_requests_on_a_cold_cache_cause_one_fetch() {
    let v = Vectors::load();
    let server = Server::start(Reply::Set {
        body: v.jwks(&["k1", "k2"]),
        etag: None,
        cache_control: None,
    })
    .await;
    let router = app(Authenticator::remote(remote(
        &server.url(),
        Duration::from_secs(5),
        CachePolicy::DEFAULT,
    )));
    let tasks: Vec<_> = (0..1000)
        .map(|i| {
            let router = router.clone();
            let kid = if i % 2 == 0 { "k1" } else { "k2" };
            let auth = format!("Bearer {}", v.token(kid));
            tokio::spawn(async move {
                let r = router.oneshot(request("/me", Some(&auth))).await.unwrap();
                (r.status(), body(r).await, kid)
            })
        })
        .collect();
    for t in tasks {
        let (status, body, kid) = t.await.unwrap();
        assert_eq!(status, 200, "{body}");
        let json: serde_json::Value = serde_json::from_str(&body).unwrap();
        assert_eq!(json["userId"], format!("u-{kid}"));
        assert_eq!(json["brandId"], format!("b-{kid}"));
    }
    assert_eq!(server.requests(), 1);
}

#[tokio::test]
async fn rfc6750_rejections() {
    let v = Vectors::load();
    let server = Server::start(Reply::Set {
        body: v.jwks(&["k1"]),
        etag: None,
        cache_control: None,
    })
    .await;
    let keys = remote(
        &server.url(),
        Duration::from_millis(500),
        CachePolicy::DEFAULT,
    );
    let router = app(Authenticator::remote(keys));
    let token = v.token("k1");
    let call = |path: &'static str, auth: Option<String>| {
        let router = router.clone();
        async move {
            router
                .oneshot(request(path, auth.as_deref()))
                .await
                .unwrap()
        }
    };

    // Missing, or another scheme: 401 with a bare challenge.
    for auth in [None, Some("Basic dXNlcjpwYXNz".to_owned())] {
        let r = call("/me", auth).await;
        assert_eq!(r.status(), 401);
        assert_eq!(www(&r), Some("Bearer"));
    }
    // Two Authorization headers: 400 invalid_request.
    let mut req = request("/me", Some(&format!("Bearer {token}")));
    req.headers_mut()
        .append("authorization", format!("Bearer {token}").parse().unwrap());
    let r = router.clone().oneshot(req).await.unwrap();
    assert_eq!(r.status(), 400);
    assert_eq!(www(&r), Some("Bearer error=\"invalid_request\""));

    // An invalid token: 401 invalid_token with the stable code, and neither the token nor
    // any of it in the answer.
    let mut tampered = token.clone();
    tampered.truncate(token.len() - 4);
    tampered.push_str("AAAA");
    let forged_kid = {
        let mut parts = token.splitn(2, '.');
        let _ = parts.next();
        // {"alg":"RS256","kid":"nope"}
        format!(
            "eyJhbGciOiJSUzI1NiIsImtpZCI6Im5vcGUifQ.{}",
            parts.next().unwrap()
        )
    };
    for (auth, code) in [
        (format!("Bearer {tampered}"), "bad_signature"),
        (format!("Bearer {forged_kid}"), "unknown_kid"),
        ("Bearer not-a-jwt".to_owned(), "malformed"),
    ] {
        let r = call("/me", Some(auth.clone())).await;
        assert_eq!(r.status(), 401, "{code}");
        assert_eq!(
            www(&r),
            Some(format!("Bearer error=\"invalid_token\", error_description=\"{code}\"").as_str())
        );
        let headers = format!("{:?}", r.headers());
        let text = format!("{headers}{}", body(r).await);
        let secret = auth.trim_start_matches("Bearer ");
        for piece in secret.split('.') {
            assert!(
                piece.len() < 8 || !text.contains(piece),
                "token text in the answer"
            );
        }
    }
    // Valid, but not the claims this endpoint wants.
    let r = call("/admin", Some(format!("Bearer {token}"))).await;
    assert_eq!(r.status(), 401);
    assert_eq!(
        www(&r),
        Some("Bearer error=\"invalid_token\", error_description=\"claims_mismatch\"")
    );
    // Valid.
    let r = call("/me", Some(format!("Bearer {token}"))).await;
    assert_eq!(r.status(), 200);

    // Keys unavailable: a cold cache whose server answers 500 → 503, no challenge.
    let down = Server::start(Reply::Status(500, "text/plain", "down".into())).await;
    let router = app(Authenticator::remote(remote(
        &down.url(),
        Duration::from_millis(500),
        CachePolicy::DEFAULT,
    )));
    let r = router
        .oneshot(request("/me", Some(&format!("Bearer {token}"))))
        .await
        .unwrap();
    assert_eq!(r.status(), 503);
    assert_eq!(www(&r), None);
    assert_eq!(r.headers()["retry-after"], "30");
    assert_eq!(body(r).await, "keys_unavailable");
}

#[tokio::test]
async fn static_verifier_from_state() {
    let v = Vectors::load();
    let mut verifier: Verifier<_, 4> = Verifier::new(DefaultBackend::default(), policy()).unwrap();
    verifier
        .keys_mut()
        .add_jwks(v.jwks(&["k1"]).as_bytes(), JwkOptions::new())
        .unwrap();
    let router = app(Authenticator::verifier(verifier));
    let r = router
        .clone()
        .oneshot(request("/me", Some(&format!("Bearer {}", v.token("k1")))))
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let r = router
        .oneshot(request("/me", Some(&format!("Bearer {}", v.token("k2")))))
        .await
        .unwrap();
    assert_eq!(
        www(&r),
        Some("Bearer error=\"invalid_token\", error_description=\"unknown_kid\"")
    );
}

#[tokio::test]
async fn tower_layer_around_a_plain_service() {
    let v = Vectors::load();
    let server = Server::start(Reply::Set {
        body: v.jwks(&["k1"]),
        etag: None,
        cache_control: None,
    })
    .await;
    let keys = remote(
        &server.url(),
        Duration::from_millis(500),
        CachePolicy::DEFAULT,
    );
    // Not axum: a bare service_fn over http types, with a String body.
    let inner = tower::service_fn(|req: http::Request<String>| async move {
        let claims = req
            .extensions()
            .get::<VerifiedClaims>()
            .expect("the layer ran");
        let c: Canva = claims.deserialize().unwrap();
        Ok::<_, Infallible>(http::Response::new(format!("{} {}", c.user_id, c.brand_id)))
    });
    let mut svc = ServiceBuilder::new()
        .layer(BearerLayer::new(Authenticator::remote(keys)))
        .service(inner);

    let req = |auth: Option<String>| {
        let mut b = http::Request::get("/");
        if let Some(a) = auth {
            b = b.header("authorization", a);
        }
        b.body(String::new()).unwrap()
    };
    let r = svc
        .ready()
        .await
        .unwrap()
        .call(req(Some(format!("Bearer {}", v.token("k1")))))
        .await
        .unwrap();
    assert_eq!((r.status().as_u16(), r.body().as_str()), (200, "u-k1 b-k1"));
    let r = svc.ready().await.unwrap().call(req(None)).await.unwrap();
    assert_eq!(r.status(), 401);
    assert_eq!(r.headers()["www-authenticate"], "Bearer");
    assert_eq!(r.body(), "");
    let r = svc
        .ready()
        .await
        .unwrap()
        .call(req(Some(format!("Bearer {}", v.token("k2")))))
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
    assert_eq!(
        r.headers()["www-authenticate"],
        "Bearer error=\"invalid_token\", error_description=\"unknown_kid\""
    );
    assert_eq!(server.requests(), 1);
}
