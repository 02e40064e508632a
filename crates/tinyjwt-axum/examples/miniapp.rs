//! A mini-app backend: the platform signs a short-lived RS256 token (5 minutes) for the
//! user of your mini-app; this server checks its issuer, its audience (your app id) and its
//! age, with keys from the platform's JWKS URL, and greets the user.
//!
//! ```sh
//! JWKS_URL=https://platform.example/.well-known/jwks.json ISSUER=https://platform.example \
//!   APP_ID=my-app cargo run -p tinyjwt-axum --example miniapp
//! curl -H "Authorization: Bearer $TOKEN" http://127.0.0.1:3000/hello
//! ```
//!
//! Refusals are RFC 6750 answers: `401` with `WWW-Authenticate: Bearer
//! error="invalid_token", error_description="expired"` (or `wrong_audience`, `unknown_kid`,
//! ...), `503` while the platform's key set cannot be had.

use axum::Router;
use axum::routing::get;
use tinyjwt::JwkOptions;
use tinyjwt::cache::SetFormat;
use tinyjwt::{Algorithm, DefaultBackend, Policy, Verifier};
use tinyjwt_axum::{Authenticator, Claims};
use tinyjwt_jwks::{FetchOptions, Options, RemoteKeySet};

#[derive(serde::Deserialize)]
struct MiniAppUser {
    sub: String,
    exp: u64,
}

async fn hello(Claims(user): Claims<MiniAppUser>) -> String {
    format!("hello {} (token valid until {})\n", user.sub, user.exp)
}

fn env(name: &str) -> Result<&'static str, String> {
    let v = std::env::var(name).map_err(|_| format!("set {name}"))?;
    Ok(Box::leak(v.into_boxed_str()))
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let (url, issuer, app_id) = (env("JWKS_URL")?, env("ISSUER")?, env("APP_ID")?);
    // Policy<'static>: the three strings are leaked once, at start-up.
    let policy = Policy::new()
        .issuers(Box::leak(Box::new([issuer])))
        .audiences(Box::leak(Box::new([app_id])))
        // The platform's tokens live 5 minutes: `exp` is required (the default), and a token
        // issued (`iat`) more than 5 minutes ago is refused even if its `exp` says otherwise.
        .max_age(300)
        .leeway(10);
    let verifier: Verifier<_, 16> = Verifier::new(DefaultBackend::default(), policy)?;
    let loopback = url::Url::parse(url)
        .map(|u| tinyjwt_jwks::is_loopback(&u))
        .unwrap_or(false);
    let keys = RemoteKeySet::with_options(
        url,
        verifier,
        SetFormat::Jwks(JwkOptions::new().alg(Algorithm::RS256)),
        Options::default().fetch(FetchOptions::default().allow_http(loopback)),
    )?;
    let _refresher = keys.spawn_refresher(std::time::Duration::from_secs(60));

    let app = Router::new()
        .route("/hello", get(hello))
        .with_state(Authenticator::remote(keys));
    let port = std::env::var("PORT").unwrap_or_else(|_| "3000".to_owned());
    let listener = tokio::net::TcpListener::bind(format!("127.0.0.1:{port}")).await?;
    println!("listening on http://{}", listener.local_addr()?);
    axum::serve(listener, app).await?;
    Ok(())
}
