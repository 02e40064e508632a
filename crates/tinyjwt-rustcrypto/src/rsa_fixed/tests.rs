// The encodings are tested through RS256 and PS256.
#![cfg(feature = "rs256")]

use super::*;

/// `bytes` as the `Em` view the checks read.
fn em_of(bytes: &[u8]) -> (Uint<{ U2048::LIMBS }>, usize) {
    (uint_from_be(bytes).unwrap(), bytes.len())
}

fn em(x: &(Uint<{ U2048::LIMBS }>, usize)) -> Em<'_> {
    Em {
        words: x.0.as_words(),
        len: x.1,
    }
}

/// Runs `modexp` and returns the encoded result.
fn pow(n: &[u8], e: u32, sig: &[u8]) -> Option<std::vec::Vec<u8>> {
    let mut out = None;
    let ok = modexp::<{ U2048::LIMBS }>(n, e, sig, &mut |m| {
        out = Some(m.bytes(0, m.len).collect());
        true
    });
    if ok { out } else { None }
}

#[test]
fn integers_round_trip_through_bytes() {
    let bytes: [u8; 5] = [0x01, 0x02, 0x03, 0x04, 0x05];
    let x = uint_from_be::<{ U2048::LIMBS }>(&bytes).unwrap();
    let view = Em {
        words: x.as_words(),
        len: 7,
    };
    assert_eq!(
        view.bytes(0, 7).collect::<std::vec::Vec<_>>(),
        [0, 0, 1, 2, 3, 4, 5]
    );
    // 257 bytes do not fit 2048 bits.
    assert!(uint_from_be::<{ U2048::LIMBS }>(&[1; 257]).is_none());
}

#[test]
fn modulus_bits_counts_from_the_top_bit() {
    assert_eq!(modulus_bits(&[0x80, 0]), 16);
    assert_eq!(modulus_bits(&[0x01, 0]), 9);
    assert_eq!(modulus_bits(&[]), 0);
}

#[test]
fn signature_not_below_the_modulus_is_refused() {
    // n = 0xf7 ... small odd modulus: s = n and s > n are refused before any arithmetic.
    let n = [0xf7];
    assert_eq!(pow(&n, 3, &[0xf7]), None);
    assert_eq!(pow(&n, 3, &[0xf8]), None);
    // 2^3 mod 247 = 8; 200^3 mod 247 = 8000000 mod 247.
    assert_eq!(pow(&n, 3, &[2]), Some(std::vec![8]));
    assert_eq!(pow(&n, 3, &[200]), Some(std::vec![(8_000_000 % 247) as u8]));
    // 65537 exercises the multiply at the last bit only.
    // 5^65537 = 5^(2^16) · 5, by sixteen squarings.
    let expect = (0..16).fold(5u64, |acc, _| acc * acc % 247) * 5 % 247;
    assert_eq!(pow(&n, 65537, &[5]), Some(std::vec![expect as u8]));
}

#[test]
#[cfg_attr(miri, ignore)] // 257 SHA-256 runs: minutes under miri; the native and wasm runs cover it
fn pkcs1_encoding_is_compared_exactly() {
    let input = b"abc";
    let digest = Sha256::digest(input);
    let mut bytes = [0xffu8; 256];
    let em_ = &mut bytes;
    em_[0] = 0;
    em_[1] = 1;
    let t = 256 - 51;
    em_[t - 1] = 0;
    em_[t..t + 19].copy_from_slice(&SHA256_PREFIX);
    em_[t + 19..].copy_from_slice(&digest);
    assert!(pkcs1_matches::<Sha256>(
        &SHA256_PREFIX,
        input,
        em(&em_of(&bytes))
    ));
    for i in 0..bytes.len() {
        let mut bad = bytes;
        bad[i] ^= 1;
        assert!(
            !pkcs1_matches::<Sha256>(&SHA256_PREFIX, input, em(&em_of(&bad))),
            "byte {i}"
        );
    }
    // Too short for eight bytes of padding.
    assert!(!pkcs1_matches::<Sha256>(
        &SHA256_PREFIX,
        input,
        em(&em_of(&bytes[..61]))
    ));
}
