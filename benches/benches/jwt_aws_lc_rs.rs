//! jsonwebtoken with its `aws_lc_rs` provider, on every verification fixture (see
//! `shared/jsonwebtoken.rs`). Criterion function id `jsonwebtoken aws_lc_rs`, in the same
//! `verify/<ALG>` groups as `verify.rs`.

use criterion::{Criterion, criterion_group, criterion_main};
use tinyjwt_benches::alloc_count::CountingAlloc;

#[path = "shared/cpu_time.rs"]
mod cpu_time;
#[path = "shared/jsonwebtoken.rs"]
mod shared;

#[global_allocator]
static ALLOC: CountingAlloc = CountingAlloc;

fn bench(c: &mut Criterion<cpu_time::ThreadCpuTime>) {
    shared::bench(
        c,
        &jsonwebtoken::crypto::aws_lc::DEFAULT_PROVIDER,
        "jsonwebtoken aws_lc_rs",
        "jwt_aws_lc_rs",
    );
}

criterion_group! {
    name = benches;
    config = Criterion::default().with_measurement(cpu_time::ThreadCpuTime);
    targets = bench
}
criterion_main!(benches);
