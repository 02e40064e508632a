//! The JOSE header (RFC 7515 §4).
//!
//! The header is the only JSON parsed before the signature is checked, because it names the
//! algorithm and the key. It is small (decoded length capped by
//! [`MAX_HEADER_LEN`](crate::limits::MAX_HEADER_LEN)) and parsed strictly:
//! `alg` must be a supported algorithm (`none` never is), `crit` must only name extensions
//! the caller declared understood, `b64: false` and nested JWTs are refused. `jku`, `x5u`,
//! `jwk` and `x5c` are never used to find a key: a token cannot choose its own key.

use crate::alg::Algorithm;
use crate::error::{Error, HeaderParam, Limit, Part};
use crate::json::flat::{self, FlatValue};
use crate::json::{JsonStr, Parser, Value};
use crate::limits::{MAX_CRIT, MAX_HEADER_DEPTH, MAX_KID_LEN};
use heapless::Vec;

/// Header parameter names registered by RFC 7515/7516/7797; `crit` may not list them.
const REGISTERED: [&str; 17] = [
    "alg", "jku", "jwk", "kid", "x5u", "x5c", "x5t", "x5t#S256", "typ", "cty", "crit", "enc",
    "zip", "epk", "apu", "apv", "iv",
];

/// A parsed, accepted JOSE header. Strings borrow the decoded header JSON.
#[derive(Debug, Clone)]
pub struct Header<'a> {
    alg: Algorithm,
    kid: Option<JsonStr<'a>>,
    typ: Option<JsonStr<'a>>,
    cty: Option<JsonStr<'a>>,
    json: &'a [u8],
}

impl<'a> Header<'a> {
    /// Parses a decoded header. `understood_crit` lists the extension parameters the caller
    /// processes itself; any other name in `crit` is [`Error::CritUnsupported`].
    ///
    /// ```
    /// use tinyjwt_core::{Algorithm, Error, header::Header};
    /// let h = Header::parse(br#"{"alg":"RS256","kid":"k1","typ":"JWT"}"#, &[])?;
    /// assert_eq!(h.alg(), Algorithm::RS256);
    /// assert!(h.kid().unwrap().eq_str("k1"));
    /// assert_eq!(Header::parse(br#"{"alg":"none"}"#, &[]).unwrap_err(), Error::UnsupportedAlg);
    /// # Ok::<(), Error>(())
    /// ```
    pub fn parse(json: &'a [u8], understood_crit: &[&str]) -> Result<Self, Error> {
        // The common headers (`alg`, `typ`, `kid`: one flat object of strings) take the flat
        // path; anything else, errors included, the general parser.
        if let Some((alg, kid, typ, cty)) = core::str::from_utf8(json).ok().and_then(flat_params) {
            return Self::accept(json, alg, kid, typ, cty);
        }
        Self::parse_general(json, understood_crit)
    }

    /// The general path: any JSON, `crit`, `b64` and every error.
    ///
    /// Not inlined: its parser (with the duplicate-name stack) must not add to the frame of
    /// the flat path, which is what nearly every token takes.
    #[inline(never)]
    pub(crate) fn parse_general(json: &'a [u8], understood_crit: &[&str]) -> Result<Self, Error> {
        let mut p = Parser::<MAX_HEADER_DEPTH>::new(json, Part::Header)?;
        p.begin_object()?;
        let mut alg = None;
        let (mut kid, mut typ, mut cty) = (None, None, None);
        let mut crit: Option<Vec<JsonStr<'a>, MAX_CRIT>> = None;
        let mut b64_false = false;
        while let Some(name) = p.next_key()? {
            match known(&name) {
                Some(HeaderParam::Alg) => match p.value()? {
                    Value::String(s) => alg = Some(s),
                    v => return Err(wrong(&mut p, v, HeaderParam::Alg)),
                },
                Some(param @ (HeaderParam::Kid | HeaderParam::Typ | HeaderParam::Cty)) => {
                    let s = match p.value()? {
                        Value::String(s) => s,
                        v => return Err(wrong(&mut p, v, param)),
                    };
                    match param {
                        HeaderParam::Kid => kid = Some(s),
                        HeaderParam::Typ => typ = Some(s),
                        _ => cty = Some(s),
                    }
                }
                Some(HeaderParam::B64) => match p.value()? {
                    Value::Bool(true) => {}
                    Value::Bool(false) => b64_false = true,
                    v => return Err(wrong(&mut p, v, HeaderParam::B64)),
                },
                Some(HeaderParam::Crit) => crit = Some(parse_crit(&mut p)?),
                _ => p.skip_value()?,
            }
        }
        p.finish()?;
        if b64_false {
            return Err(Error::B64Unsupported);
        }

        let header = Self::accept(json, alg, kid, typ, cty)?;
        if let Some(names) = crit {
            check_crit(json, &names, understood_crit)?;
        }
        Ok(header)
    }

    /// The rules on the parameters' values, shared by both paths (the general one checks
    /// `crit` after them).
    fn accept(
        json: &'a [u8],
        alg: Option<JsonStr<'a>>,
        kid: Option<JsonStr<'a>>,
        typ: Option<JsonStr<'a>>,
        cty: Option<JsonStr<'a>>,
    ) -> Result<Self, Error> {
        let alg = alg.ok_or(Error::InvalidHeader(HeaderParam::Alg))?;
        let alg = match alg.as_str() {
            Some(s) => Algorithm::from_name(s)?,
            // An escaped alg ("HS\u0032") is unusual but legal JSON; compare unescaped.
            None => Algorithm::ALL
                .into_iter()
                .find(|a| alg.eq_str(a.name()))
                .ok_or(Error::UnsupportedAlg)?,
        };
        if kid.is_some_and(|k| k.unescaped_len() > MAX_KID_LEN) {
            return Err(Error::TooLarge(Limit::Kid));
        }
        if cty.is_some_and(|c| media_type_eq(&c, "JWT")) {
            return Err(Error::NestedUnsupported);
        }
        Ok(Self {
            alg,
            kid,
            typ,
            cty,
            json,
        })
    }

    /// The signature algorithm.
    pub fn alg(&self) -> Algorithm {
        self.alg
    }

    /// The key id, if any (escaped text; compare with [`JsonStr::eq_str`]).
    pub fn kid(&self) -> Option<JsonStr<'a>> {
        self.kid
    }

    /// The media type of the whole token, if any.
    pub fn typ(&self) -> Option<JsonStr<'a>> {
        self.typ
    }

    /// The media type of the payload, if any.
    pub fn cty(&self) -> Option<JsonStr<'a>> {
        self.cty
    }

    /// The decoded header JSON, for parameters this type does not model.
    pub fn json(&self) -> &'a [u8] {
        self.json
    }

    /// Whether `typ` is the media type `expected` (RFC 7515 §4.1.9: case-insensitive, and the
    /// `application/` prefix may be left out on either side).
    pub fn typ_is(&self, expected: &str) -> bool {
        self.typ.is_some_and(|t| media_type_eq(&t, expected))
    }
}

/// `alg`, `kid`, `typ`, `cty` of a flat header without `crit` and without `b64: false`, all
/// four strings when present; `None` sends the header to the general parser.
type FlatParams<'a> = (
    Option<JsonStr<'a>>,
    Option<JsonStr<'a>>,
    Option<JsonStr<'a>>,
    Option<JsonStr<'a>>,
);

fn flat_params(text: &str) -> Option<FlatParams<'_>> {
    let (mut alg, mut kid, mut typ, mut cty) = (None, None, None, None);
    flat::for_each_member(text, |name, value| {
        let slot = match name {
            "alg" => &mut alg,
            "kid" => &mut kid,
            "typ" => &mut typ,
            "cty" => &mut cty,
            "b64" => return matches!(value, FlatValue::Bool(true)).then_some(()),
            "crit" => return None,
            _ => return Some(()),
        };
        match value {
            FlatValue::Str(s) => *slot = Some(s),
            _ => return None,
        }
        Some(())
    })?;
    Some((alg, kid, typ, cty))
}

fn known(name: &JsonStr<'_>) -> Option<HeaderParam> {
    let params = [
        HeaderParam::Alg,
        HeaderParam::Kid,
        HeaderParam::Typ,
        HeaderParam::Cty,
        HeaderParam::Crit,
        HeaderParam::B64,
    ];
    match name.as_str() {
        Some(s) => params.into_iter().find(|p| p.as_str() == s),
        None => params.into_iter().find(|p| name.eq_str(p.as_str())),
    }
}

/// A wrong-typed parameter; a container value is skipped first so JSON errors win.
fn wrong<const D: usize>(p: &mut Parser<'_, D>, v: Value<'_>, param: HeaderParam) -> Error {
    if matches!(v, Value::ArrayStart | Value::ObjectStart) {
        if let Err(e) = p.skip_rest() {
            return e;
        }
    }
    Error::InvalidHeader(param)
}

fn parse_crit<'a, const D: usize>(
    p: &mut Parser<'a, D>,
) -> Result<Vec<JsonStr<'a>, MAX_CRIT>, Error> {
    let mut names = Vec::new();
    match p.value()? {
        Value::ArrayStart => {}
        v => return Err(wrong(p, v, HeaderParam::Crit)),
    }
    while let Some(v) = p.next_element()? {
        match v {
            Value::String(s) => names.push(s).map_err(|_| Error::TooLarge(Limit::Crit))?,
            v => return Err(wrong(p, v, HeaderParam::Crit)),
        }
    }
    Ok(names)
}

/// RFC 7515 §4.1.11: the list must be non-empty, must not name registered parameters, and
/// every name must be understood and present in the header.
fn check_crit(json: &[u8], names: &[JsonStr<'_>], understood: &[&str]) -> Result<(), Error> {
    if names.is_empty() || names.iter().any(|n| REGISTERED.iter().any(|r| n.eq_str(r))) {
        return Err(Error::InvalidHeader(HeaderParam::Crit));
    }
    for name in names {
        if !understood.iter().any(|u| name.eq_str(u)) {
            return Err(Error::CritUnsupported);
        }
        if !has_member(json, name)? {
            return Err(Error::InvalidHeader(HeaderParam::Crit));
        }
    }
    Ok(())
}

/// Whether the (already validated) header object has a member named `name`.
// Not inlined: its parser's frame must not add to `Header::parse`'s.
#[inline(never)]
fn has_member(json: &[u8], name: &JsonStr<'_>) -> Result<bool, Error> {
    let mut p = Parser::<MAX_HEADER_DEPTH>::new(json, Part::Header)?;
    p.begin_object()?;
    while let Some(key) = p.next_key()? {
        if key.chars().eq(name.chars()) {
            return Ok(true);
        }
        p.skip_value()?;
    }
    Ok(false)
}

/// Media types compared case-insensitively, `application/` optional (RFC 7515 §4.1.9).
fn media_type_eq(value: &JsonStr<'_>, expected: &str) -> bool {
    const PREFIX: &str = "application/";
    let short = match (expected.get(..PREFIX.len()), expected.get(PREFIX.len()..)) {
        (Some(p), Some(rest)) if p.eq_ignore_ascii_case(PREFIX) => rest,
        _ => expected,
    };
    if short.contains('/') {
        return chars_eq_ignore_case(value.chars(), expected.chars());
    }
    chars_eq_ignore_case(value.chars(), short.chars())
        || chars_eq_ignore_case(value.chars(), PREFIX.chars().chain(short.chars()))
}

fn chars_eq_ignore_case(
    mut a: impl Iterator<Item = char>,
    mut b: impl Iterator<Item = char>,
) -> bool {
    loop {
        match (a.next(), b.next()) {
            (None, None) => return true,
            (Some(x), Some(y)) if x.eq_ignore_ascii_case(&y) => {}
            _ => return false,
        }
    }
}

#[cfg(test)]
mod tests;
