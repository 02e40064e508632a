use super::*;
use std::vec::Vec;

/// SPKI prefix for id-ecPublicKey / prime256v1 with a 65-byte uncompressed point.
const P256_PREFIX: [u8; 26] = [
    0x30, 0x59, 0x30, 0x13, 0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01, 0x06, 0x08, 0x2a,
    0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07, 0x03, 0x42, 0x00,
];

fn p256_spki() -> Vec<u8> {
    let mut v = P256_PREFIX.to_vec();
    v.push(0x04);
    v.extend((0..64u8).map(|i| i.wrapping_mul(7).wrapping_add(1)));
    v
}

/// SPKI for Ed25519 (RFC 8410 §10.1 example key).
fn ed25519_spki() -> Vec<u8> {
    let mut v = std::vec![
        0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00
    ];
    v.extend([0x19; 32]);
    v
}

/// A PKCS#1 RSAPublicKey with a 2048-bit modulus of 0xff.. and e = 65537.
fn pkcs1_der() -> Vec<u8> {
    let mut v = std::vec![0x30, 0x82, 0x01, 0x0a, 0x02, 0x82, 0x01, 0x01, 0x00];
    v.extend([0xff; 256]);
    v.extend([0x02, 0x03, 0x01, 0x00, 0x01]);
    v
}

/// The SPKI around `pkcs1_der()`: rsaEncryption with NULL parameters.
fn rsa_spki() -> Vec<u8> {
    let inner = pkcs1_der();
    let mut v = std::vec![0x30, 0x82, 0x01, 0x22, 0x30, 0x0d, 0x06, 0x09];
    v.extend([
        0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00,
    ]);
    v.extend([0x03, 0x82, 0x01, 0x0f, 0x00]);
    v.extend(inner);
    v
}

#[test]
fn good_structures_parse() {
    let der = p256_spki();
    let KeyMaterial::Ec(k) = spki(&der).unwrap() else {
        panic!()
    };
    assert_eq!(k.curve(), Curve::P256);
    assert_eq!(k.x()[0], 1);
    assert_eq!(kind(&der), Ok(DerKind::Spki));

    let der = ed25519_spki();
    assert!(matches!(parse(&der), Ok(KeyMaterial::Ed25519(_))));

    let der = pkcs1_der();
    assert_eq!(kind(&der), Ok(DerKind::Pkcs1));
    let KeyMaterial::Rsa(k) = parse(&der).unwrap() else {
        panic!()
    };
    assert_eq!((k.bits(), k.e_u32()), (2048, 65537));

    let der = rsa_spki();
    let KeyMaterial::Rsa(k2) = parse(&der).unwrap() else {
        panic!()
    };
    assert_eq!(k, k2);
}

#[test]
fn trailing_bytes_are_refused() {
    for mut der in [p256_spki(), ed25519_spki(), pkcs1_der(), rsa_spki()] {
        der.push(0);
        assert_eq!(parse(&der), Err(DER));
        assert_eq!(spki(&der).err().map(|e| e.code()), Some("invalid_key"));
    }
}

#[test]
fn trailing_bytes_inside_a_sequence_are_refused() {
    // An extra NULL inside the AlgorithmIdentifier of an Ed25519 SPKI (lengths adjusted).
    let mut der = std::vec![
        0x30, 0x2c, 0x30, 0x07, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x05, 0x00
    ];
    der.extend([0x03, 0x21, 0x00]);
    der.extend([0x19; 32]);
    assert_eq!(spki(&der), Err(DER));
    // An extra INTEGER after the exponent of a PKCS#1 key.
    let mut der = pkcs1_der();
    der[3] += 3;
    der.extend([0x02, 0x01, 0x01]);
    assert_eq!(pkcs1(&der), Err(DER));
}

#[test]
fn non_minimal_lengths_are_refused() {
    // 0x59 written in long form.
    let mut der = std::vec![0x30, 0x81, 0x59];
    der.extend(&p256_spki()[2..]);
    assert_eq!(spki(&der), Err(DER));
    // Indefinite length (BER only).
    let mut der = std::vec![0x30, 0x80];
    der.extend(&p256_spki()[2..]);
    der.extend([0, 0]);
    assert_eq!(spki(&der), Err(DER));
    // A modulus with a superfluous leading zero (non-minimal INTEGER).
    let mut der = std::vec![0x30, 0x82, 0x01, 0x0a, 0x02, 0x82, 0x01, 0x01, 0x00];
    der.extend([0x7f; 256]);
    der.extend([0x02, 0x03, 0x01, 0x00, 0x01]);
    assert_eq!(pkcs1(&der), Err(DER));
    // A negative modulus (high bit set, no leading zero).
    let mut der = std::vec![0x30, 0x82, 0x01, 0x09, 0x02, 0x82, 0x01, 0x00];
    der.extend([0xff; 256]);
    der.extend([0x02, 0x03, 0x01, 0x00, 0x01]);
    assert_eq!(pkcs1(&der), Err(DER));
}

/// SPKI for id-ecPublicKey / secp521r1 (1.3.132.0.35) around a SEC1 point of `point_len`
/// bytes (133 for an uncompressed P-521 point); the BIT STRING needs a long-form length.
fn p521_spki(point_len: u8) -> Vec<u8> {
    // Minimal DER lengths: short form below 128, `81 xx` from 128 to 255.
    let len = |n: u8| {
        if n < 128 {
            std::vec![n]
        } else {
            std::vec![0x81, n]
        }
    };
    let bits = point_len + 1;
    let mut bit_string = std::vec![0x03];
    bit_string.extend(len(bits));
    bit_string.extend([0x00, 0x04]);
    bit_string.extend((1..point_len).map(|i| i.wrapping_mul(5)));
    let mut body = std::vec![0x30, 0x10, 0x06, 0x07];
    body.extend([0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01]);
    body.extend([0x06, 0x05, 0x2b, 0x81, 0x04, 0x00, 0x23]);
    body.extend(bit_string);
    let mut v = std::vec![0x30];
    v.extend(len(body.len() as u8));
    v.extend(body);
    v
}

#[test]
fn p521_spki_parses() {
    let der = p521_spki(133);
    assert_eq!(der.len(), 158); // what `openssl pkey -pubout -outform DER` writes
    let Ok(KeyMaterial::Ec(k)) = spki(&der) else {
        panic!("{:?}", spki(&der))
    };
    assert_eq!(k.curve(), Curve::P521);
    assert_eq!((k.x().len(), k.y().len()), (66, 66));
    assert_eq!(k.x()[0], 5);
    assert_eq!(parse(&der), spki(&der));
    // A P-384-sized point under the P-521 OID, and a point one byte short.
    for len in [97, 132] {
        assert_eq!(
            spki(&p521_spki(len)),
            Err(Error::InvalidKey(KeyProblem::Encoding)),
            "{len}"
        );
    }
}

#[test]
fn wrong_oids_and_parameters() {
    // id-ecPublicKey changed to 1.2.840.10045.2.2 (not a key algorithm we know).
    let mut der = p256_spki();
    der[12] = 0x02;
    assert_eq!(spki(&der), Err(UNSUPPORTED));
    // secp256k1 (1.3.132.0.10) instead of prime256v1: same length trick is not possible, so
    // build it: 06 05 2b 81 04 00 0a.
    let mut der = std::vec![0x30, 0x56, 0x30, 0x10, 0x06, 0x07];
    der.extend([0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01]);
    der.extend([
        0x06, 0x05, 0x2b, 0x81, 0x04, 0x00, 0x0a, 0x03, 0x42, 0x00, 0x04,
    ]);
    der.extend([1; 64]);
    assert_eq!(spki(&der), Err(UNSUPPORTED));
    // P-384 OID with a P-256-sized point: wrong length for the curve.
    let mut der = std::vec![0x30, 0x56, 0x30, 0x10, 0x06, 0x07];
    der.extend([0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01]);
    der.extend([
        0x06, 0x05, 0x2b, 0x81, 0x04, 0x00, 0x22, 0x03, 0x42, 0x00, 0x04,
    ]);
    der.extend([1; 64]);
    assert_eq!(spki(&der), Err(Error::InvalidKey(KeyProblem::Encoding)));
    // EC with NULL (implicitCA) parameters.
    let mut der = std::vec![0x30, 0x51, 0x30, 0x0b, 0x06, 0x07];
    der.extend([
        0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01, 0x05, 0x00, 0x03, 0x42, 0x00, 0x04,
    ]);
    der.extend([1; 64]);
    assert_eq!(spki(&der), Err(UNSUPPORTED));
    // EC without parameters.
    let mut der = std::vec![0x30, 0x4f, 0x30, 0x09, 0x06, 0x07];
    der.extend([
        0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01, 0x03, 0x42, 0x00, 0x04,
    ]);
    der.extend([1; 64]);
    assert_eq!(spki(&der), Err(DER));
    // Ed25519 with NULL parameters (RFC 8410: absent).
    let mut der = std::vec![
        0x30, 0x2c, 0x30, 0x07, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x05, 0x00
    ];
    der.extend([0x03, 0x21, 0x00]);
    der.extend([0x19; 32]);
    assert_eq!(spki(&der), Err(DER));
    // X25519 (1.3.101.110) is not a signature key.
    let mut der = ed25519_spki();
    der[8] = 0x6e;
    assert_eq!(spki(&der), Err(UNSUPPORTED));
    // rsaEncryption without the NULL parameters.
    let inner = pkcs1_der();
    let mut der = std::vec![0x30, 0x82, 0x01, 0x20, 0x30, 0x0b, 0x06, 0x09];
    der.extend([0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01]);
    der.extend([0x03, 0x82, 0x01, 0x0f, 0x00]);
    der.extend(inner);
    assert_eq!(spki(&der), Err(DER));
    // RSASSA-PSS (1.2.840.113549.1.1.10) keys are not supported.
    let mut der = rsa_spki();
    der[16] = 0x0a;
    assert_eq!(spki(&der), Err(UNSUPPORTED));
}

#[test]
fn bit_string_and_point_rules() {
    // Unused bits in the key BIT STRING.
    let mut der = p256_spki();
    der[25] = 0x01;
    assert!(spki(&der).is_err());
    // Compressed point (02 || x) and hybrid (06 || x || y).
    let mut der = std::vec![0x30, 0x39, 0x30, 0x13, 0x06, 0x07];
    der.extend(&P256_PREFIX[6..23]);
    der.extend([0x03, 0x22, 0x00, 0x02]);
    der.extend([1; 32]);
    assert_eq!(spki(&der), Err(Error::InvalidKey(KeyProblem::Encoding)));
    let mut der = p256_spki();
    der[26] = 0x06;
    assert_eq!(spki(&der), Err(Error::InvalidKey(KeyProblem::Encoding)));
    // Ed25519 key of 31 bytes.
    let mut der = std::vec![
        0x30, 0x29, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x20, 0x00
    ];
    der.extend([0x19; 31]);
    assert_eq!(spki(&der), Err(Error::InvalidKey(KeyProblem::Encoding)));
}

#[test]
fn wrong_types_and_garbage() {
    assert_eq!(parse(&[]), Err(DER));
    assert_eq!(parse(&[0x30]), Err(DER));
    assert_eq!(parse(&[0x02, 0x01, 0x01]), Err(DER));
    assert_eq!(parse(&[0x30, 0x03, 0x04, 0x01, 0x00]), Err(DER));
    // A certificate-shaped SEQUENCE that is not a certificate.
    assert_eq!(certificate(&p256_spki()), Err(DER));
    assert_eq!(certificate(&pkcs1_der()), Err(DER));
    assert_eq!(pkcs1(&p256_spki()), Err(DER));
    // RSA exponent 1.
    let mut der = pkcs1_der();
    let n = der.len();
    der[n - 3..].copy_from_slice(&[0x00, 0x00, 0x01]);
    assert!(pkcs1(&der).is_err());
    let big = std::vec![0u8; MAX_DER_LEN + 1];
    assert_eq!(parse(&big), Err(Error::TooLarge(Limit::KeyMaterial)));
}
