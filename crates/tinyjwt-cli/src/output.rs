//! What the CLI prints: the human-readable report and the one-line JSON of a verdict, and
//! the date lines both commands show. Commands (`verify`, `decode`) call in; nothing here
//! calls back into them.

use std::io::Write;

use serde_json::{Map, Value, json};
use tinyjwt::error::Claim;
use tinyjwt::{Error, NumericDate, Verified};

use crate::{Failure, Rejection, dates};

/// Parses JSON text the library has already validated (strict RFC 8259, no duplicates, depth
/// capped) for printing. serde_json accepts everything the library does; should it ever
/// refuse, the text is shown as a JSON string rather than lost.
pub fn to_value(json: &[u8]) -> Value {
    serde_json::from_slice(json)
        .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(json).into_owned()))
}

pub fn pretty(v: &Value) -> String {
    serde_json::to_string_pretty(v).unwrap_or_else(|_| v.to_string())
}

/// Prints a line to stdout. A closed stdout (`tinyjwt ... | head -0`) is not worth a panic;
/// the exit status still tells the verdict.
pub fn out(text: &str) {
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
pub fn explain(e: Error, now: u64, required: &[String]) -> Rejection {
    let mut r = Rejection::from(e);
    // The error carries the instant it is about: no second decoding of the token.
    let instant = match e {
        Error::Expired { exp } => Some(("exp", exp)),
        Error::NotYetValid { nbf } => Some(("nbf", nbf)),
        Error::IssuedInFuture { iat } | Error::TooOld { iat } => Some(("iat", iat)),
        _ => None,
    };
    if let Some((name, date)) = instant {
        r.details = vec![
            time_line(name, date, now),
            format!("now  {}", dates::utc(i128::from(now))),
        ];
    }
    // A missing `--require` name is identified by its index in the list (the library's
    // error holds no strings); the CLI, which wrote the list, names it.
    if let Error::MissingClaim(Claim::Required(i)) = e {
        if let Some(name) = required.get(usize::from(i)) {
            r.message = format!("the required claim {name:?} (--require) is missing");
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
pub fn time_lines(claims: &Value, now: u64) -> Vec<String> {
    ["iat", "nbf", "exp"]
        .into_iter()
        .filter_map(|name| {
            Some(time_line(
                name,
                claims.get(name).and_then(numeric_date)?,
                now,
            ))
        })
        .collect()
}

/// One `exp`/`nbf`/`iat` line: the UTC date and its distance from `now`.
fn time_line(name: &str, d: NumericDate, now: u64) -> String {
    let now = i128::from(now);
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
    format!("{name}  {date}  ({rel})")
}

/// A JSON number as the library's NumericDate (every number is one; anything else is not).
fn numeric_date(v: &Value) -> Option<NumericDate> {
    NumericDate::parse(&v.as_number()?.to_string()).ok()
}
