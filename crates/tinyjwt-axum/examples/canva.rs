//! A Canva app backend: verifies the RS256 JWTs Canva sends (`Authorization: Bearer ...`)
//! with the keys Canva publishes for your app, checks `aud` = your app id, and answers
//! `{"userId":..,"brandId":..}`.
//!
//! ```sh
//! CANVA_APP_ID=AAF... cargo run -p tinyjwt-axum --example canva
//! curl -H "Authorization: Bearer $TOKEN" http://127.0.0.1:3000/me
//! ```
//!
//! Canva's JWKS URL is `https://api.canva.com/rest/v1/apps/<app id>/jwks`; set `JWKS_URL` to
//! use another one (plain `http` is accepted only for a loopback address, for local tests).
//! `PORT` picks the port (3000).
//!
//! Canva's advice (cache the set, refetch on an unknown `kid`, don't hammer the endpoint) is
//! what `RemoteKeySet` does: a 10-minute default max age (Canva allows up to an hour; set
//! `CachePolicy::DEFAULT.default_max_age(3600)` to follow it), a refetch at most every 30 s,
//! one fetch however many requests arrive at once, and the last good keys through an outage.

use axum::routing::get;
use axum::{Json, Router};
use tinyjwt::JwkOptions;
use tinyjwt::cache::SetFormat;
use tinyjwt::{Algorithm, DefaultBackend, Policy, Verifier};
use tinyjwt_axum::{Authenticator, Claims};
use tinyjwt_jwks::{FetchOptions, Options, RemoteKeySet};

/// The claims of a Canva app token that this backend uses.
#[derive(serde::Deserialize, serde::Serialize)]
#[serde(rename_all = "camelCase")]
struct CanvaUser {
    user_id: String,
    brand_id: String,
}

async fn me(Claims(user): Claims<CanvaUser>) -> Json<CanvaUser> {
    Json(user)
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let app_id = std::env::var("CANVA_APP_ID").map_err(|_| "set CANVA_APP_ID to your app id")?;
    let url = std::env::var("JWKS_URL")
        .unwrap_or_else(|_| format!("https://api.canva.com/rest/v1/apps/{app_id}/jwks"));
    // The policy borrows its audiences for 'static: leak the one string, once, at start-up.
    let audiences: &'static [&'static str] =
        Box::leak(Box::new([&*Box::leak(app_id.into_boxed_str())]));
    let verifier: Verifier<_, 16> = Verifier::new(
        DefaultBackend::default(),
        Policy::new().audiences(audiences).leeway(30),
    )?;
    let loopback = url::Url::parse(&url)
        .map(|u| tinyjwt_jwks::is_loopback(&u))
        .unwrap_or(false);
    let keys = RemoteKeySet::with_options(
        &url,
        verifier,
        SetFormat::Jwks(JwkOptions::new().alg(Algorithm::RS256)),
        Options::default().fetch(FetchOptions::default().allow_http(loopback)),
    )?;
    // Load the set now and keep it warm, so no request waits for a fetch.
    let _refresher = keys.spawn_refresher(std::time::Duration::from_secs(60));

    let app = Router::new()
        .route("/me", get(me))
        .with_state(Authenticator::remote(keys));
    let port = std::env::var("PORT").unwrap_or_else(|_| "3000".to_owned());
    let listener = tokio::net::TcpListener::bind(format!("127.0.0.1:{port}")).await?;
    println!("listening on http://{}", listener.local_addr()?);
    axum::serve(listener, app).await?;
    Ok(())
}
