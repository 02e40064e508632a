//! Extracts the workspace README's `tinyjwt-jwks` example (a ```` ```rust,ignore ```` block
//! that uses `tinyjwt_jwks`: the `tinyjwt` facade, which compiles the README's other blocks
//! as doctests, cannot build it) into `$OUT_DIR/readme_jwks.md` as ```` ```rust,no_run ````,
//! so that `src/lib.rs` compiles it as a doctest of this crate (under `cfg(doctest)`).
//! Outside the workspace (a published crate) there is no README to read: the file is empty.
use std::path::PathBuf;

fn main() {
    let readme =
        PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap()).join("../../README.md");
    println!("cargo::rerun-if-changed={}", readme.display());
    let text = std::fs::read_to_string(&readme).unwrap_or_default();
    let mut out = String::new();
    let mut block: Option<String> = None;
    for line in text.lines() {
        match &mut block {
            None if line.trim_end() == "```rust,ignore" => block = Some(String::new()),
            None => {}
            Some(b) if line.trim_end() == "```" => {
                if b.contains("tinyjwt_jwks") {
                    out.push_str("```rust,no_run\n");
                    out.push_str(b);
                    out.push_str("```\n\n");
                }
                block = None;
            }
            Some(b) => {
                b.push_str(line);
                b.push('\n');
            }
        }
    }
    let dest = PathBuf::from(std::env::var("OUT_DIR").unwrap()).join("readme_jwks.md");
    std::fs::write(dest, out).unwrap();
}
