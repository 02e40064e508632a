//! Property tests: `NumericDate::parse` against an exact reference (issue 11).
//!
//! A value `±I.F` is drawn as an integer part `I` of up to 25 digits (past the ±2^66
//! saturation) and a fraction `F`, then respelled as a JSON number with the decimal point moved
//! anywhere in the digit string, leading and trailing zeros added and the exponent that makes
//! up for the move (`e`/`E`, optional `+`, zero-padded). The reference reads `I` and `F` as
//! they were drawn, with `u128` arithmetic and no exponent at all, so the parser's handling of
//! the point, the exponent and the leading zeros is checked against something that has none.

#![allow(
    clippy::indexing_slicing,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::cast_possible_truncation
)]
use proptest::prelude::*;
use tinyjwt_core::NumericDate;

const SAT: i128 = NumericDate::SATURATION;

/// The floor and fraction flag the parser must give for `±int.frac`.
fn reference(negative: bool, int: &[u8], frac: &[u8]) -> (i128, bool) {
    let i = int.iter().fold(0u128, |a, &d| a * 10 + u128::from(d));
    let f = frac.iter().any(|&d| d != 0);
    if negative {
        let floor = -(i as i128) - i128::from(f);
        if floor < -SAT {
            (-SAT, false)
        } else {
            (floor, f)
        }
    } else if i >= SAT as u128 {
        (SAT, false)
    } else {
        (i as i128, f)
    }
}

/// How one value is written.
#[derive(Debug, Clone)]
struct Spelling {
    lead: usize,
    trail: usize,
    /// Where the written point goes, as a fraction of the padded digit string's length.
    point: prop::sample::Index,
    upper: bool,
    plus: bool,
    exp_pad: usize,
    /// Omit `e0` when the exponent is zero.
    omit_zero_exp: bool,
}

fn spelling() -> impl Strategy<Value = Spelling> {
    (
        0usize..40,
        0usize..40,
        any::<prop::sample::Index>(),
        any::<bool>(),
        any::<bool>(),
        0usize..4,
        any::<bool>(),
    )
        .prop_map(
            |(lead, trail, point, upper, plus, exp_pad, omit_zero_exp)| Spelling {
                lead,
                trail,
                point,
                upper,
                plus,
                exp_pad,
                omit_zero_exp,
            },
        )
}

fn spell(negative: bool, int: &[u8], frac: &[u8], s: &Spelling) -> String {
    let mut digits: Vec<u8> = vec![0; s.lead];
    digits.extend_from_slice(int);
    digits.extend_from_slice(frac);
    digits.extend(std::iter::repeat_n(0, s.trail));
    // The true point is after `lead + int.len()` digits; the written one after `p` (at least
    // one digit before it, as JSON requires).
    let p = 1 + s.point.index(digits.len());
    let exponent = (s.lead + int.len()) as i64 - p as i64;
    let text = |ds: &[u8]| ds.iter().map(|d| char::from(b'0' + d)).collect::<String>();
    let mut out = String::new();
    if negative {
        out.push('-');
    }
    out.push_str(&text(&digits[..p]));
    if p < digits.len() {
        out.push('.');
        out.push_str(&text(&digits[p..]));
    }
    if exponent != 0 || !s.omit_zero_exp {
        out.push(if s.upper { 'E' } else { 'e' });
        if exponent < 0 {
            out.push('-');
        } else if s.plus {
            out.push('+');
        }
        out.push_str(&"0".repeat(s.exp_pad));
        out.push_str(&exponent.unsigned_abs().to_string());
    }
    out
}

fn digit_vec(min: usize, max: usize) -> impl Strategy<Value = Vec<u8>> {
    prop::collection::vec(0u8..10, min..=max)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4096))]

    #[test]
    fn any_spelling_reads_exactly(
        negative in any::<bool>(),
        int in digit_vec(1, 25),
        frac in digit_vec(0, 12),
        s in spelling(),
    ) {
        let text = spell(negative, &int, &frac, &s);
        let d = NumericDate::parse(&text).map_err(|e| TestCaseError::fail(format!("{text}: {e:?}")))?;
        prop_assert_eq!((d.floor_i128(), d.has_fraction()), reference(negative, &int, &frac), "{}", text);
        prop_assert_eq!(d.ceil_i128(), d.floor_i128() + i128::from(d.has_fraction()));
    }

    /// Integers written plainly, in and beyond `u64`, against Rust's own `i128` parser.
    #[test]
    fn plain_integers_match_std(v in any::<i128>().prop_map(|v| v >> (v as u8 % 64))) {
        let d = NumericDate::parse(&v.to_string()).unwrap();
        prop_assert_eq!(d.floor_i128(), v.clamp(-SAT, SAT));
        prop_assert!(!d.has_fraction());
        prop_assert_eq!(d.secs(), v.clamp(i64::MIN.into(), i64::MAX.into()) as i64);
    }

    /// The derived order agrees with the numeric order of what was spelled.
    #[test]
    fn order_is_numeric(a in any::<i64>(), b in any::<i64>(), fa in any::<bool>(), fb in any::<bool>()) {
        let spell = |v: i64, f: bool| if f { format!("{v}.5") } else { v.to_string() };
        let (da, db) = (
            NumericDate::parse(&spell(a, fa)).unwrap(),
            NumericDate::parse(&spell(b, fb)).unwrap(),
        );
        // Twice the value: `v.5` is v + 0.5 for v >= 0 and v - 0.5 for v < 0 (the sign
        // applies to the whole literal).
        let real = |v: i64, f: bool| 2 * i128::from(v) + if !f { 0 } else if v < 0 { -1 } else { 1 };
        prop_assert_eq!(da.cmp(&db), real(a, fa).cmp(&real(b, fb)));
    }
}
