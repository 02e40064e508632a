//! base64url decoding of the three segments of a realistic HS256 token (header 36, payload 220,
//! signature 43 characters): tinyjwt's strict `decode`, its constant-time `decode_ct` (a wrapper
//! over `base64ct`), and the `base64` crate's `URL_SAFE_NO_PAD` engine. One iteration decodes
//! all three segments, so the times are per token.

use std::hint::black_box;

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use tinyjwt_benches::{HS256_TOKEN, segments};
use tinyjwt_core::base64url;

fn bench(c: &mut Criterion) {
    let segs = segments(HS256_TOKEN);
    let mut out = [0u8; 256];

    // All three agree on the fixture before anything is timed.
    for s in segs {
        let expected = URL_SAFE_NO_PAD
            .decode(s)
            .expect("fixture is valid base64url");
        assert_eq!(base64url::decode(s, &mut out), Ok(&expected[..]));
        assert_eq!(base64url::decode_ct(s, &mut out), Ok(&expected[..]));
    }

    let mut g = c.benchmark_group("base64url/hs256_token_segments");
    g.throughput(Throughput::Bytes(segs.iter().map(|s| s.len() as u64).sum()));
    g.bench_function("tinyjwt::decode", |b| {
        b.iter(|| {
            for s in segs {
                let _ = black_box(base64url::decode(black_box(s), &mut out));
            }
        })
    });
    g.bench_function("tinyjwt::decode_ct (base64ct)", |b| {
        b.iter(|| {
            for s in segs {
                let _ = black_box(base64url::decode_ct(black_box(s), &mut out));
            }
        })
    });
    g.bench_function("base64 URL_SAFE_NO_PAD", |b| {
        b.iter(|| {
            for s in segs {
                let _ = black_box(URL_SAFE_NO_PAD.decode_slice(black_box(s), &mut out));
            }
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
