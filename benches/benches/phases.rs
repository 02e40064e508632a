//! Where parse-only time goes: each phase of `Verifier::verify` before and after the signature,
//! timed alone on the Miro-like HS256 fixture (the token of the `verify/HS256` rows).
//!
//! Criterion group `phases/HS256`, functions:
//! - `split`: `Token::parse` (length check, the two dots, segment bounds);
//! - `base64url`: decoding header, payload and signature (`base64url::decode`, the table decoder
//!   `verify` uses);
//! - `header`: `Header::parse` on the decoded header JSON;
//! - `payload json`: `json::validate` on the decoded payload — the strict JSON pass alone
//!   (grammar, UTF-8, duplicate names, numbers), without claim extraction or policy;
//! - `parse-only`: the whole `Verifier::verify` over a backend that accepts every signature,
//!   as in `verify.rs`, for the sum.
//!
//! Not part of `BENCHMARKS.md`'s table: these rows explain its parse-only figure (see
//! `benches/REPORT-NOTES.md`). Run alone with `cargo bench -p tinyjwt-benches --bench phases`.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use tinyjwt::advanced::json::validate;
use tinyjwt::advanced::token::Token;
use tinyjwt::advanced::{Part, base64url};
use tinyjwt::limits::{DEFAULT_BUFFER_LEN, DEFAULT_MAX_TOKEN_LEN, MAX_PAYLOAD_DEPTH};
use tinyjwt::{Header, Policy, Verifier};
use tinyjwt_benches::{NOW, NoCrypto, all_fixtures};

fn bench(c: &mut Criterion) {
    let f = all_fixtures()
        .into_iter()
        .find(|f| f.name == "HS256")
        .expect("HS256 fixture");
    let token = f.token.as_str();
    let t = Token::parse(token, DEFAULT_MAX_TOKEN_LEN).expect("fixture splits");

    let mut hbuf = [0u8; 256];
    let mut pbuf = [0u8; 512];
    let mut sbuf = [0u8; 64];
    let header_json = base64url::decode(t.header().as_bytes(), &mut hbuf)
        .expect("header decodes")
        .to_vec();
    let payload_json = base64url::decode(t.payload().as_bytes(), &mut pbuf)
        .expect("payload decodes")
        .to_vec();
    Header::parse(&header_json, &[]).expect("header parses");
    validate::<MAX_PAYLOAD_DEPTH>(&payload_json, Part::Payload).expect("payload is JSON");

    let issuers = [f.issuer];
    let audiences = [f.audience];
    let policy = Policy::new().issuers(&issuers).audiences(&audiences);
    let mut verifier: Verifier<'_, NoCrypto> = Verifier::new(NoCrypto, policy).expect("policy");
    verifier
        .keys_mut()
        .add_key(&f.bound_key(), f.kid)
        .expect("key");
    let mut buf = [0u8; DEFAULT_BUFFER_LEN];
    verifier
        .verify(token, NOW, &mut buf)
        .expect("fixture verifies");

    let mut g = c.benchmark_group("phases/HS256");
    g.bench_function("split", |b| {
        b.iter(|| Token::parse(black_box(token), DEFAULT_MAX_TOKEN_LEN).is_ok())
    });
    g.bench_function("base64url", |b| {
        b.iter(|| {
            let t = black_box(&t);
            base64url::decode(t.header().as_bytes(), &mut hbuf).is_ok()
                && base64url::decode(t.payload().as_bytes(), &mut pbuf).is_ok()
                && base64url::decode(t.signature().as_bytes(), &mut sbuf).is_ok()
        })
    });
    g.bench_function("header", |b| {
        b.iter(|| Header::parse(black_box(&header_json), &[]).is_ok())
    });
    g.bench_function("payload json", |b| {
        b.iter(|| validate::<MAX_PAYLOAD_DEPTH>(black_box(&payload_json), Part::Payload).is_ok())
    });
    g.bench_function("parse-only", |b| {
        b.iter(|| verifier.verify(black_box(token), NOW, &mut buf).is_ok())
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
