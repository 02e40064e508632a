//! Property tests: the strict base64url decoders against the `base64` crate's strict engine.
//!
//! `base64::engine::general_purpose::URL_SAFE_NO_PAD` rejects padding (`RequireNone`) and, by
//! default, non-zero trailing bits (`decode_allow_trailing_bits(false)`): it is the reference for
//! RFC 7515 §2. Both `decode` and `decode_ct` must accept exactly what it accepts, return the same
//! bytes, and agree with each other on every input and buffer size.

#![allow(
    clippy::indexing_slicing,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::cast_possible_truncation
)]
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use proptest::prelude::*;
use tinyjwt_core::base64url::{DecodeError, decode, decode_ct, decoded_len};

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Bytes that are *almost* base64url: the other base64 alphabets' characters, padding,
/// whitespace, separators, and bytes that are not ASCII.
const NEAR: &[u8] = b"=+/ \t\r\n.,:\0\x7f\x80\xc3\xa9\xff";

/// The reference verdict.
fn reference(input: &[u8]) -> Option<Vec<u8>> {
    URL_SAFE_NO_PAD.decode(input).ok()
}

/// Checks `decode` and `decode_ct` against the reference and against each other.
fn check(input: &[u8]) -> Result<(), TestCaseError> {
    let mut buf = vec![0u8; input.len()];
    let mut buf_ct = vec![0u8; input.len()];
    let fast = decode(input, &mut buf);
    let ct = decode_ct(input, &mut buf_ct);
    prop_assert_eq!(&fast, &ct, "decode vs decode_ct on {:?}", input);
    match reference(input) {
        Some(expected) => prop_assert_eq!(fast, Ok(&expected[..]), "on {:?}", input),
        None => prop_assert_eq!(fast, Err(DecodeError::Invalid), "on {:?}", input),
    }
    Ok(())
}

/// An arbitrary input byte, biased towards the alphabet and the near-misses.
fn input_byte() -> impl Strategy<Value = u8> {
    prop_oneof![
        6 => prop::sample::select(&ALPHABET[..]),
        2 => prop::sample::select(NEAR),
        1 => any::<u8>(),
    ]
}

/// A small mutation of a valid encoding.
#[derive(Debug, Clone)]
enum Mutation {
    /// Replace the byte at (index mod len) with this one.
    Replace(usize, u8),
    /// Insert a byte at (index mod len+1).
    Insert(usize, u8),
    /// Remove the byte at (index mod len).
    Remove(usize),
    /// Replace the last character with another alphabet character (trailing bits).
    ChangeLast(u8),
    /// Append `n` padding characters, as a padded encoder would.
    Pad(usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), input_byte()).prop_map(|(i, b)| Mutation::Replace(i, b)),
        (any::<usize>(), input_byte()).prop_map(|(i, b)| Mutation::Insert(i, b)),
        any::<usize>().prop_map(Mutation::Remove),
        prop::sample::select(&ALPHABET[..]).prop_map(Mutation::ChangeLast),
        (1usize..=3).prop_map(Mutation::Pad),
    ]
}

fn apply(mut s: Vec<u8>, muts: &[Mutation]) -> Vec<u8> {
    for m in muts {
        match *m {
            Mutation::Replace(i, b) if !s.is_empty() => {
                let i = i % s.len();
                s[i] = b;
            }
            Mutation::Insert(i, b) => {
                let i = i % (s.len() + 1);
                s.insert(i, b);
            }
            Mutation::Remove(i) if !s.is_empty() => {
                let i = i % s.len();
                s.remove(i);
            }
            Mutation::ChangeLast(c) => {
                if let Some(last) = s.last_mut() {
                    *last = c;
                }
            }
            Mutation::Pad(n) => s.extend(std::iter::repeat_n(b'=', n)),
            _ => {}
        }
    }
    s
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// Every byte string round-trips through the reference encoder and both decoders.
    #[test]
    fn roundtrip(data in prop::collection::vec(any::<u8>(), 0..400)) {
        let encoded = URL_SAFE_NO_PAD.encode(&data);
        prop_assert_eq!(decoded_len(encoded.len()), Some(data.len()));
        let mut buf = vec![0u8; data.len()];
        prop_assert_eq!(decode(encoded.as_bytes(), &mut buf), Ok(&data[..]));
        let mut buf = vec![0u8; data.len()];
        prop_assert_eq!(decode_ct(encoded.as_bytes(), &mut buf), Ok(&data[..]));
    }

    /// Arbitrary byte strings (mostly alphabet, with near-misses): same verdict and bytes as the
    /// reference.
    #[test]
    fn arbitrary_inputs_match_reference(input in prop::collection::vec(input_byte(), 0..80)) {
        check(&input)?;
    }

    /// Fully arbitrary bytes, including every non-ASCII value.
    #[test]
    fn arbitrary_bytes_match_reference(input in prop::collection::vec(any::<u8>(), 0..24)) {
        check(&input)?;
    }

    /// Strings drawn from the alphabet only: the verdict turns on the length and the trailing
    /// bits alone.
    #[test]
    fn alphabet_only_inputs_match_reference(
        input in prop::collection::vec(prop::sample::select(&ALPHABET[..]), 0..80)
    ) {
        check(&input)?;
    }

    /// Valid encodings with one to three small mutations.
    #[test]
    fn near_valid_inputs_match_reference(
        data in prop::collection::vec(any::<u8>(), 0..120),
        muts in prop::collection::vec(mutation(), 1..=3),
    ) {
        let input = apply(URL_SAFE_NO_PAD.encode(&data).into_bytes(), &muts);
        check(&input)?;
    }

    /// Both decoders give the same result for every output buffer size, too small included.
    #[test]
    fn decoders_agree_on_every_buffer_size(
        data in prop::collection::vec(any::<u8>(), 0..60),
        muts in prop::collection::vec(mutation(), 0..=2),
        out_len in 0usize..50,
    ) {
        let input = apply(URL_SAFE_NO_PAD.encode(&data).into_bytes(), &muts);
        let mut buf = vec![0u8; out_len];
        let mut buf_ct = vec![0u8; out_len];
        let fast = decode(&input, &mut buf);
        prop_assert_eq!(&fast, &decode_ct(&input, &mut buf_ct));
        match decoded_len(input.len()) {
            None => prop_assert_eq!(fast, Err(DecodeError::Invalid)),
            Some(n) if n > out_len => prop_assert_eq!(fast, Err(DecodeError::OutputTooSmall)),
            Some(_) => prop_assert_eq!(fast.ok().map(<[u8]>::to_vec), reference(&input)),
        }
    }
}
