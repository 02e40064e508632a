//! JSON numbers, kept as their literal text.

/// A JSON number as written in the input (grammar already validated by the parser).
///
/// The text is kept, not converted, so no precision is lost and no overflow can happen while
/// parsing; the `as_*` methods convert on demand and return `None` rather than wrapping,
/// saturating or rounding to infinity. Equality compares the literal text (`1.0 != 1`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Number<'a> {
    raw: &'a str,
}

impl<'a> Number<'a> {
    /// Wraps text that matches RFC 8259's `number` production.
    pub(crate) const fn new(raw: &'a str) -> Self {
        Number { raw }
    }

    /// The literal text, e.g. `-12.5e3`.
    pub fn raw(&self) -> &'a str {
        self.raw
    }

    /// Whether the literal has neither a fraction nor an exponent (`12`, `-0`; not `1.0` or
    /// `1e3`).
    pub fn is_integer_literal(&self) -> bool {
        !self.raw.bytes().any(|b| matches!(b, b'.' | b'e' | b'E'))
    }

    /// Whether the literal starts with `-` (this includes `-0`).
    pub fn is_negative(&self) -> bool {
        self.raw.starts_with('-')
    }

    /// The value of a plain non-negative integer literal (digits only: no sign, fraction or
    /// exponent) that fits a `u64`; `None` otherwise.
    pub fn as_u64(&self) -> Option<u64> {
        digits_u64(self.raw.as_bytes())
    }

    /// The value of an integer literal (optional `-`, digits; no fraction or exponent) that
    /// fits an `i64`, including `i64::MIN`; `None` otherwise. `-0` is `0`.
    pub fn as_i64(&self) -> Option<i64> {
        match self.raw.as_bytes().split_first() {
            Some((b'-', digits)) => {
                let m = digits_u64(digits)?;
                if m == 1u64 << 63 {
                    Some(i64::MIN)
                } else {
                    i64::try_from(m).ok().map(|v| -v)
                }
            }
            _ => i64::try_from(self.as_u64()?).ok(),
        }
    }

    /// The value as the nearest `f64` (correctly rounded by `core`), or `None` when it is out of
    /// the finite `f64` range (e.g. `1e400`). Note that integers above 2^53 lose precision; use
    /// [`as_u64`](Self::as_u64) or [`as_i64`](Self::as_i64) when exactness matters.
    pub fn as_f64(&self) -> Option<f64> {
        let v: f64 = self.raw.parse().ok()?;
        if v.is_finite() { Some(v) } else { None }
    }
}

impl core::fmt::Display for Number<'_> {
    /// Writes the literal text.
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(self.raw)
    }
}

/// `[0-9]+` to `u64` with overflow checks.
fn digits_u64(b: &[u8]) -> Option<u64> {
    if b.is_empty() {
        return None;
    }
    let mut v = 0u64;
    for &c in b {
        if !c.is_ascii_digit() {
            return None;
        }
        v = v.checked_mul(10)?.checked_add(u64::from(c - b'0'))?;
    }
    Some(v)
}
