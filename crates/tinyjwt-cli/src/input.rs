//! Reading the token and key files, always with a bound: a `/dev/zero` key path or an endless
//! pipe on stdin ends in a size error, never in a hang or an out-of-memory kill.

use std::ffi::{OsStr, OsString};
use std::fs::File;
use std::io::{self, IsTerminal, Read, Write};
use std::path::Path;

use tinyjwt::Error;
use tinyjwt::error::{Limit, Malformed};

use crate::{Failure, Rejection};

/// The longest token the CLI accepts, in bytes: 1 MiB.
///
/// The library's default ([`tinyjwt::limits::DEFAULT_MAX_TOKEN_LEN`], 16 KiB) suits a server
/// that sees attacker traffic; the CLI is a debugging tool fed by its user, so it raises the
/// verifier's limit ([`tinyjwt::Verifier::max_token_len`]) to this. Header and signature keep
/// the library's fixed caps; the payload gets a buffer sized to the token.
pub const MAX_TOKEN_LEN: usize = 1 << 20;

/// Bytes read from stdin beyond [`MAX_TOKEN_LEN`]: room for a `Bearer ` prefix, surrounding
/// blanks and the trailing newline. Reading stops there.
const STDIN_SLACK: usize = 64;

/// The token text: from the argument, or from stdin when it is absent or `-`.
///
/// An argument that is not shaped like a token (three base64url segments) but names an
/// existing file is read as a token file. From stdin or a file exactly one trailing `\n` or `\r\n` is stripped, nothing else. A value starting
/// with `Bearer` (any case, after blanks) goes through the library's [`tinyjwt::bearer`]
/// rules. Invalid UTF-8 is a rejected token (`malformed`), as are empty and oversized input.
pub fn token(arg: Option<&OsString>) -> Result<String, Failure> {
    let mut from_arg = false;
    let bytes = match arg {
        Some(a) if a == "-" => read_stdin()?,
        None => read_stdin()?,
        Some(a) if !looks_like_jwt(a) && Path::new(a).is_file() => read_token_file(Path::new(a))?,
        Some(a) => {
            from_arg = true;
            a.clone().into_encoded_bytes()
        }
    };
    let text = String::from_utf8(bytes).map_err(|_| {
        Failure::Rejected(Rejection {
            code: Error::Malformed(Malformed::Empty).code(),
            message: "malformed token: the input is not UTF-8 text (a JWT is ASCII: \
                      base64url segments separated by '.')"
                .to_owned(),
            details: Vec::new(),
            skipped: Vec::new(),
        })
    })?;
    if looks_like_bearer(&text) {
        return Ok(tinyjwt::bearer(&text)?.to_owned());
    }
    if from_arg && text.bytes().filter(|&b| b == b'.').count() < 2 {
        // Probably a mistyped file name rather than a token: say both.
        return Err(Failure::Rejected(Rejection {
            code: Error::Malformed(Malformed::SegmentCount).code(),
            message: format!(
                "{} (and the argument is not an existing file either)",
                Error::Malformed(Malformed::SegmentCount)
            ),
            details: Vec::new(),
            skipped: Vec::new(),
        }));
    }
    Ok(text)
}

/// Whether an argument has the shape of a compact JWS (three non-empty base64url segments):
/// such an argument is always taken as the token itself, never as a file name.
fn looks_like_jwt(arg: &OsStr) -> bool {
    let Some(s) = arg.to_str() else { return false };
    let mut segments = 0;
    for seg in s.split('.') {
        if seg.is_empty()
            || !seg
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        {
            return false;
        }
        segments += 1;
    }
    segments == 3
}

/// A token file: read like stdin (bounded, exactly one trailing newline stripped).
fn read_token_file(path: &Path) -> Result<Vec<u8>, Failure> {
    let cap = MAX_TOKEN_LEN + STDIN_SLACK;
    let buf = read_capped(path, cap, "token file")?;
    finish_token_bytes(buf, cap)
}

/// Whether `value` starts with the `Bearer` scheme name. No JWT can: its header segment encodes
/// a JSON object, so its first character is `e` (`{`) or, with leading JSON whitespace, `I`,
/// `C` or `D`; never `b`/`B`.
fn looks_like_bearer(value: &str) -> bool {
    value
        .trim_start_matches([' ', '\t'])
        .get(..6)
        .is_some_and(|s| s.eq_ignore_ascii_case("bearer"))
}

fn read_stdin() -> Result<Vec<u8>, Failure> {
    let cap = MAX_TOKEN_LEN + STDIN_SLACK;
    let mut buf = Vec::new();
    let stdin = io::stdin();
    if stdin.is_terminal() {
        let _ = writeln!(
            io::stderr(),
            "tinyjwt: reading the token from stdin (end with Ctrl-D)"
        );
    }
    stdin
        .lock()
        .take(cap as u64 + 1)
        .read_to_end(&mut buf)
        .map_err(|e| Failure::Usage(format!("cannot read the token from stdin: {e}")))?;
    finish_token_bytes(buf, cap)
}

/// Refuses input over `cap` and strips exactly one trailing `\n` or `\r\n`.
fn finish_token_bytes(mut buf: Vec<u8>, cap: usize) -> Result<Vec<u8>, Failure> {
    if buf.len() > cap {
        return Err(Error::TooLarge(Limit::Token).into());
    }
    if buf.ends_with(b"\r\n") {
        buf.truncate(buf.len() - 2);
    } else if buf.ends_with(b"\n") {
        buf.truncate(buf.len() - 1);
    }
    Ok(buf)
}

/// Reads at most `limit + 1` bytes of the file at `path`. The caller hands the result to a
/// library parser whose own limit is `limit`, so an oversized file gets the library's
/// `too_large` error after a bounded read.
pub fn read_capped(path: &Path, limit: usize, what: &str) -> Result<Vec<u8>, Failure> {
    let fail = |e: io::Error| Failure::Usage(format!("{what} {}: {e}", path.display()));
    let file = File::open(path).map_err(fail)?;
    let mut buf = Vec::new();
    file.take(limit as u64 + 1)
        .read_to_end(&mut buf)
        .map_err(fail)?;
    Ok(buf)
}

#[cfg(test)]
mod tests {
    use super::{looks_like_bearer, looks_like_jwt};
    use std::ffi::OsStr;

    #[test]
    fn jwt_shape() {
        assert!(looks_like_jwt(OsStr::new("eyJhbGciOiJIUzI1NiJ9.e30.AA-_")));
        assert!(!looks_like_jwt(OsStr::new("examples/tokens/trello.jwt")));
        assert!(!looks_like_jwt(OsStr::new("trello.jwt")));
        assert!(!looks_like_jwt(OsStr::new("a..b")));
        assert!(!looks_like_jwt(OsStr::new("a.b.c.d.e")));
    }

    #[test]
    fn bearer_detection() {
        assert!(looks_like_bearer("Bearer a.b.c"));
        assert!(looks_like_bearer(" \tBEARER a.b.c"));
        assert!(looks_like_bearer("bearer\ta.b.c"));
        assert!(!looks_like_bearer("eyJhbGciOiJIUzI1NiJ9.e30.AA"));
        assert!(!looks_like_bearer("Beare"));
        assert!(!looks_like_bearer(""));
    }
}
