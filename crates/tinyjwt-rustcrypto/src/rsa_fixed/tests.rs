use super::*;

#[test]
fn integers_round_trip_through_bytes() {
    let bytes: [u8; 5] = [0x01, 0x02, 0x03, 0x04, 0x05];
    let x = uint_from_be::<{ U2048::LIMBS }>(&bytes).unwrap();
    let mut out = [0xaa; 7];
    uint_to_be(&x, &mut out);
    assert_eq!(out, [0, 0, 1, 2, 3, 4, 5]);
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
    let mut em = [0; 1];
    assert!(!modexp::<{ U2048::LIMBS }>(&n, 3, &[0xf7], &mut em));
    assert!(!modexp::<{ U2048::LIMBS }>(&n, 3, &[0xf8], &mut em));
    // 2^3 mod 247 = 8; 200^3 mod 247 = 8000000 mod 247.
    assert!(modexp::<{ U2048::LIMBS }>(&n, 3, &[2], &mut em));
    assert_eq!(em, [8]);
    assert!(modexp::<{ U2048::LIMBS }>(&n, 3, &[200], &mut em));
    assert_eq!(u32::from(em[0]), 8_000_000 % 247);
    // 65537 exercises the multiply at the last bit only.
    let expect = (0..65537u64).fold(1u64, |acc, _| acc * 5 % 247);
    assert!(modexp::<{ U2048::LIMBS }>(&n, 65537, &[5], &mut em));
    assert_eq!(u64::from(em[0]), expect);
}

#[test]
fn pkcs1_encoding_is_compared_exactly() {
    let input = b"abc";
    let digest = Sha256::digest(input);
    let mut em = [0xffu8; 256];
    em[0] = 0;
    em[1] = 1;
    let t = 256 - 51;
    em[t - 1] = 0;
    em[t..t + 19].copy_from_slice(&SHA256_PREFIX);
    em[t + 19..].copy_from_slice(&digest);
    assert!(pkcs1_matches::<Sha256>(&SHA256_PREFIX, input, &em));
    for i in 0..em.len() {
        let mut bad = em;
        bad[i] ^= 1;
        assert!(
            !pkcs1_matches::<Sha256>(&SHA256_PREFIX, input, &bad),
            "byte {i}"
        );
    }
    // Too short for eight bytes of padding.
    assert!(!pkcs1_matches::<Sha256>(&SHA256_PREFIX, input, &em[..61]));
}
