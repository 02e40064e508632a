//! `tinyjwt decode`: a token's header and claims printed WITHOUT verifying anything, with the
//! library's strictness for segments, base64url and JSON.

use serde_json::json;
use tinyjwt::advanced::json::validate;
use tinyjwt::advanced::{Token, base64url};
use tinyjwt::error::Part;
use tinyjwt::limits::{MAX_HEADER_DEPTH, MAX_PAYLOAD_DEPTH};
use tinyjwt::{Error, Header};

use crate::input::{self, MAX_TOKEN_LEN};
use crate::output::{out, pretty, time_lines, to_value};
use crate::{DecodeArgs, Failure, dates};

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
pub fn run(args: &DecodeArgs) -> Result<(), Failure> {
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
