//! What the CLI prints: the human-readable report, the one-line JSON, and `decode`.

use std::io::Write;

use serde_json::{Map, Value, json};
use tinyjwt::advanced::json::validate;
use tinyjwt::advanced::{Token, base64url};
use tinyjwt::error::Part;
use tinyjwt::limits::{MAX_HEADER_DEPTH, MAX_PAYLOAD_DEPTH};
use tinyjwt::{Error, Header, NumericDate, Verified};

use crate::input::{self, MAX_TOKEN_LEN};
use crate::verify::is_time_error;
use crate::{DecodeArgs, Failure, Rejection, dates};

/// Parses JSON text the library has already validated (strict RFC 8259, no duplicates, depth
/// capped) for printing. serde_json accepts everything the library does; should it ever
/// refuse, the text is shown as a JSON string rather than lost.
fn to_value(json: &[u8]) -> Value {
    serde_json::from_slice(json)
        .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(json).into_owned()))
}

fn pretty(v: &Value) -> String {
    serde_json::to_string_pretty(v).unwrap_or_else(|_| v.to_string())
}

/// Prints a line to stdout. A closed stdout (`tinyjwt ... | head -0`) is not worth a panic;
/// the exit status still tells the verdict.
fn out(text: &str) {
    let mut stdout = std::io::stdout().lock();
    let _ = writeln!(stdout, "{text}");
}

/// Reports a verified token.
pub fn valid(
    verified: &Verified<'_>,
    key: &str,
    backend: &str,
    now: u64,
    json: bool,
    skipped: &[Value],
) -> Result<(), Failure> {
    let header = to_value(verified.header().json());
    let claims = to_value(verified.payload());
    if json {
        let mut v = json!({"valid": true, "header": header, "claims": claims});
        if !skipped.is_empty() {
            v["skipped"] = Value::Array(skipped.to_vec());
        }
        out(&v.to_string());
        return Ok(());
    }
    let mut text = format!(
        "VALID: {} signature verified with {key} (backend {backend}); claims accepted at {}\n",
        verified.header().alg().name(),
        dates::utc(i128::from(now)),
    );
    text.push_str(&format!("Header:\n{}\n", pretty(&header)));
    text.push_str(&format!("Claims:\n{}", pretty(&claims)));
    let times = time_lines(&claims, now);
    if !times.is_empty() {
        text.push_str("\nTimes:");
        for line in times {
            text.push_str("\n  ");
            text.push_str(&line);
        }
    }
    out(&text);
    Ok(())
}

/// Prints a rejection (exit status 1 follows).
pub fn rejection(r: &Rejection, json: bool, verify: bool) {
    if json {
        let key = if verify { "valid" } else { "verified" };
        let mut m = Map::new();
        m.insert(key.to_owned(), Value::Bool(false));
        m.insert("error".to_owned(), Value::String(r.code.to_owned()));
        m.insert("message".to_owned(), Value::String(r.message.clone()));
        if !r.skipped.is_empty() {
            m.insert("skipped".to_owned(), Value::Array(r.skipped.clone()));
        }
        out(&Value::Object(m).to_string());
        return;
    }
    let verdict = if verify { "INVALID" } else { "MALFORMED" };
    let mut text = format!("{verdict} [{}]: {}", r.code, r.message);
    for line in &r.details {
        text.push_str("\n  ");
        text.push_str(line);
    }
    out(&text);
}

/// Turns a verification error into a rejection. For a time-related error the signature has
/// already verified (claims are only checked after it), so the payload's dates are shown to
/// explain the verdict.
pub fn explain(e: Error, token: &str, now: u64) -> Rejection {
    let mut r = Rejection::from(e);
    if is_time_error(&e) {
        if let Ok((_, claims)) = decode_parts(token) {
            r.details = time_lines(&to_value(&claims), now);
            r.details
                .push(format!("now  {}", dates::utc(i128::from(now))));
        }
    }
    r
}

/// `exp`, `nbf` and `iat` as UTC dates with their distance from `now`.
///
/// The dates are read by the library's exact NumericDate parser from the numbers' literal
/// text (serde_json keeps it: `arbitrary_precision`), so any number shows, before 1970 or
/// beyond year 9999, as the verifier read it. "Expired" follows the verifier's rule with no
/// leeway: at and after the whole second where the date is reached (`exp` = 100.5 has
/// expired at 101).
fn time_lines(claims: &Value, now: u64) -> Vec<String> {
    let mut lines = Vec::new();
    let now = i128::from(now);
    for name in ["iat", "nbf", "exp"] {
        let Some(d) = claims.get(name).and_then(numeric_date) else {
            continue;
        };
        let date = dates::utc(d.floor_i128());
        // The whole second the date takes effect; distances are at most 2^67 seconds.
        let at = d.ceil_i128();
        let dist = dates::duration((at - now).unsigned_abs());
        let rel = match name {
            "exp" if at > now => format!("expires in {dist}"),
            "exp" => format!("expired {dist} ago"),
            "nbf" if at > now => format!("valid in {dist}"),
            "nbf" => format!("valid since {dist}"),
            _ if at > now => format!("issued {dist} in the future"),
            _ => format!("issued {dist} ago"),
        };
        lines.push(format!("{name}  {date}  ({rel})"));
    }
    lines
}

/// A JSON number as the library's NumericDate (every number is one; anything else is not).
fn numeric_date(v: &Value) -> Option<NumericDate> {
    NumericDate::parse(&v.as_number()?.to_string()).ok()
}

/// Splits and decodes a token with the library's strictness: segment rules
/// ([`Token::parse`]), strict base64url for all three segments, and strict JSON objects
/// ([`validate`]) for header and payload. Returns the decoded header and payload.
fn decode_parts(token: &str) -> Result<(Vec<u8>, Vec<u8>), Error> {
    let t = Token::parse(token, MAX_TOKEN_LEN)?;
    let header = decode_segment(t.header(), Part::Header)?;
    let payload = decode_segment(t.payload(), Part::Payload)?;
    decode_segment(t.signature(), Part::Signature)?;
    for (json, part) in [(&header, Part::Header), (&payload, Part::Payload)] {
        // The library's own depth caps, so decode accepts what verify would parse.
        match part {
            Part::Header => validate::<MAX_HEADER_DEPTH>(json, part)?,
            _ => validate::<MAX_PAYLOAD_DEPTH>(json, part)?,
        }
        // A JWT header and claims set are JSON objects (RFC 7519 §7.2).
        if json.trim_ascii_start().first() != Some(&b'{') {
            return Err(Error::BadJson(part));
        }
    }
    Ok((header, payload))
}

fn decode_segment(segment: &str, part: Part) -> Result<Vec<u8>, Error> {
    let len = base64url::decoded_len(segment.len()).ok_or(Error::BadBase64(part))?;
    let mut buf = vec![0u8; len];
    let n = base64url::decode(segment.as_bytes(), &mut buf)
        .map_err(|_| Error::BadBase64(part))?
        .len();
    buf.truncate(n);
    Ok(buf)
}

/// Runs `tinyjwt decode`.
pub fn decode(args: &DecodeArgs) -> Result<(), Failure> {
    let token = input::token(args.token.as_ref())?;
    let (header, payload) = decode_parts(&token)?;
    let header_value = to_value(&header);
    let claims = to_value(&payload);
    if args.json {
        out(&json!({"verified": false, "header": header_value, "claims": claims}).to_string());
        return Ok(());
    }
    let mut text = String::from(
        "UNVERIFIED: decoded only; the signature and claims were NOT checked (use `tinyjwt verify`)",
    );
    // Say whether `verify` would even get as far as the signature.
    if let Err(e) = Header::parse(&header, &[]) {
        text.push_str(&format!(
            "\nnote: verification would refuse this header: {e} [{}]",
            e.code()
        ));
    }
    text.push_str(&format!("\nHeader:\n{}", pretty(&header_value)));
    text.push_str(&format!("\nClaims:\n{}", pretty(&claims)));
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let times = time_lines(&claims, now);
    if !times.is_empty() {
        text.push_str("\nTimes (now ");
        text.push_str(&dates::utc(i128::from(now)));
        text.push_str("):");
        for line in times {
            text.push_str("\n  ");
            text.push_str(&line);
        }
    }
    out(&text);
    Ok(())
}
