//! RS*/PS* with no heap (feature `rs`): the RSA public operation on `crypto-bigint`'s
//! fixed-size integers, and the two signature encodings checked here against RFC 8017.
//!
//! Why not the `rsa` crate: its integers are `BoxedUint`s, so every key and every verification
//! allocates (11 KiB of live heap for RSA-2048, 22 KiB for 4096, measured with
//! `embedded-alloc`). `crypto-bigint`'s `Uint<LIMBS>` lives on the stack, and `rsa` 0.10 itself
//! does its arithmetic with `crypto-bigint`, so this is the same arithmetic without the boxes.
//!
//! Why the encodings are written here: what is left after `s^e mod n` is a byte comparison
//! (PKCS#1 v1.5: the one valid encoding is rebuilt and compared, RFC 8017 §8.2.2 step 3) and
//! MGF1 plus two hashes (PSS, §9.1.2); no heap-free crate offers them over `sha2` 0.10.
//!
//! Nothing here is secret: the modulus, the exponent, the signature and the message are all
//! public, so the exponentiation and the comparisons may take variable time.

// With only some RSA algorithms on, the other encoding's code and the hashes go unused.
#![cfg_attr(
    not(all(
        feature = "rs256",
        feature = "rs384",
        feature = "rs512",
        feature = "ps256",
        feature = "ps384",
        feature = "ps512"
    )),
    allow(dead_code, unused_imports, unused_variables)
)]

use crypto_bigint::modular::{FixedMontyForm, FixedMontyParams};
use crypto_bigint::{Limb, MontyForm, MontyMultiplier, Odd, U2048, U4096, U8192, Uint, Word};
#[cfg(any(feature = "rs256", feature = "ps256"))]
use sha2::Sha256;
#[cfg(any(feature = "rs384", feature = "ps384"))]
use sha2::Sha384;
#[cfg(any(feature = "rs512", feature = "ps512"))]
use sha2::Sha512;
use sha2::digest::{Digest, FixedOutputReset};
use tinyjwt_core::Error;
use tinyjwt_core::alg::Hash;
use tinyjwt_core::limits::MAX_RSA_BITS;

/// The longest modulus kept, in bytes: the core's [`MAX_RSA_BITS`].
pub(crate) const MAX_MODULUS_LEN: usize = MAX_RSA_BITS / 8;

/// The RSA signature scheme of a JWS algorithm family.
#[derive(Clone, Copy)]
pub(crate) enum Scheme {
    /// RSASSA-PKCS1-v1_5 (RS256/384/512).
    Pkcs1,
    /// RSASSA-PSS with MGF1 of the same hash and a salt as long as the hash (PS256/384/512,
    /// RFC 7518 §3.5).
    Pss,
}

/// A public key with its scheme and hash fixed, held inline: [`MAX_MODULUS_LEN`] bytes of
/// modulus whatever the key's size, so a key set's size does not depend on which keys it holds.
pub(crate) struct FixedRsaKey {
    n: [u8; MAX_MODULUS_LEN],
    n_len: usize,
    e: u32,
    scheme: Scheme,
    hash: Hash,
}

impl FixedRsaKey {
    /// Keeps `key` for `scheme` with `hash`: [`Error::UnsupportedAlg`] if that algorithm's
    /// feature is off. The core has checked what matters: `n` odd with no leading zero byte
    /// and at most [`MAX_RSA_BITS`] bits, `e` odd with 3 ≤ e < 2³², and the size against the
    /// algorithm; `InvalidKey(Encoding)` only if those promises were broken.
    pub(crate) fn new(
        scheme: Scheme,
        hash: Hash,
        key: &tinyjwt_core::RsaPublicKey<'_>,
    ) -> Result<Self, Error> {
        let on = match (scheme, hash) {
            (Scheme::Pkcs1, Hash::Sha256) => cfg!(feature = "rs256"),
            (Scheme::Pkcs1, Hash::Sha384) => cfg!(feature = "rs384"),
            (Scheme::Pkcs1, Hash::Sha512) => cfg!(feature = "rs512"),
            (Scheme::Pss, Hash::Sha256) => cfg!(feature = "ps256"),
            (Scheme::Pss, Hash::Sha384) => cfg!(feature = "ps384"),
            (Scheme::Pss, Hash::Sha512) => cfg!(feature = "ps512"),
        };
        if !on {
            return Err(Error::UnsupportedAlg);
        }
        let broken = Error::InvalidKey(tinyjwt_core::KeyProblem::Encoding);
        let mut n = [0; MAX_MODULUS_LEN];
        n.get_mut(..key.n().len())
            .ok_or(broken)?
            .copy_from_slice(key.n());
        let e = key
            .e()
            .iter()
            .try_fold(0u32, |acc, &b| {
                acc.checked_mul(256).map(|a| a | u32::from(b))
            })
            .ok_or(broken)?;
        Ok(Self {
            n,
            n_len: key.n().len(),
            e,
            scheme,
            hash,
        })
    }

    /// RFC 8017 §8.2.2 (PKCS#1 v1.5) or §8.1.2 (PSS): true only for a valid signature.
    pub(crate) fn verify(&self, input: &[u8], sig: &[u8]) -> bool {
        let Some(n) = self.n.get(..self.n_len) else {
            return false;
        };
        // Step 1: the signature is exactly as long as the modulus.
        if sig.len() != n.len() {
            return false;
        }
        let bits = modulus_bits(n);
        // The encoding is checked inside the exponentiation's call, on the result's words:
        // no k-byte copy of it on the stack. Through `dyn`, so the arithmetic is one instance
        // per size class, not one per class, scheme and hash.
        let mut check = |em: Em<'_>| match (self.scheme, self.hash) {
            #[cfg(feature = "rs256")]
            (Scheme::Pkcs1, Hash::Sha256) => pkcs1_matches::<Sha256>(&SHA256_PREFIX, input, em),
            #[cfg(feature = "rs384")]
            (Scheme::Pkcs1, Hash::Sha384) => pkcs1_matches::<Sha384>(&SHA384_PREFIX, input, em),
            #[cfg(feature = "rs512")]
            (Scheme::Pkcs1, Hash::Sha512) => pkcs1_matches::<Sha512>(&SHA512_PREFIX, input, em),
            #[cfg(feature = "ps256")]
            (Scheme::Pss, Hash::Sha256) => pss_matches::<Sha256>(input, em, bits),
            #[cfg(feature = "ps384")]
            (Scheme::Pss, Hash::Sha384) => pss_matches::<Sha384>(input, em, bits),
            #[cfg(feature = "ps512")]
            (Scheme::Pss, Hash::Sha512) => pss_matches::<Sha512>(input, em, bits),
            // Never prepared (`new` refuses an algorithm whose feature is off).
            #[allow(unreachable_patterns)]
            _ => false,
        };
        public_op(n, self.e, sig, &mut check)
    }
}

/// The encoded message `EM = I2OSP(m, k)` (RFC 8017 §4.1), read byte by byte from the
/// integer's little-endian words.
#[derive(Clone, Copy)]
struct Em<'a> {
    words: &'a [Word],
    len: usize,
}

impl Em<'_> {
    /// Byte `i` of the big-endian encoding (0 is the most significant); 0 past the end.
    fn at(&self, i: usize) -> u8 {
        let Some(from_end) = self.len.checked_sub(i + 1) else {
            return 0;
        };
        self.words.get(from_end / Limb::BYTES).map_or(0, |w| {
            w.to_le_bytes()
                .get(from_end % Limb::BYTES)
                .copied()
                .unwrap_or(0)
        })
    }

    /// Bytes `from..to`, in order.
    fn bytes(self, from: usize, to: usize) -> impl Iterator<Item = u8> {
        (from..to).map(move |i| self.at(i))
    }
}

/// The bit length of a big-endian modulus with no leading zero byte.
fn modulus_bits(n: &[u8]) -> usize {
    let lead = n.first().map_or(0, |b| b.leading_zeros() as usize);
    (n.len() * 8).saturating_sub(lead)
}

/// `check(I2OSP(sig^e mod n, n.len()))` (RFC 8017 §5.2.2, RSAVP1), false if `sig ≥ n`. The integers are sized to the smallest class that holds `n`, so a
/// 2048-bit key never pays the stack or time of 8192. Each class is one instance of the
/// arithmetic, 3–6 KiB of code on Cortex-M, so there are three: 2048 (and the legacy sizes
/// below it), 4096 (3072-bit keys run here, at (4096/3072)² ≈ 1.8× their own class's time),
/// and 8192.
fn public_op(n: &[u8], e: u32, sig: &[u8], check: &mut dyn FnMut(Em<'_>) -> bool) -> bool {
    match n.len() {
        0..=256 => modexp::<{ U2048::LIMBS }>(n, e, sig, check),
        257..=512 => modexp::<{ U4096::LIMBS }>(n, e, sig, check),
        _ => modexp::<{ U8192::LIMBS }>(n, e, sig, check),
    }
}

/// `sig^e mod n`: checks and conversions here, the arithmetic in two calls of their own, so
/// the frames of the parameter set-up (a wide division) and of the exponentiation do not add
/// up on the stack.
#[inline(never)]
fn modexp<const L: usize>(
    n: &[u8],
    e: u32,
    sig: &[u8],
    check: &mut dyn FnMut(Em<'_>) -> bool,
) -> bool {
    let len = n.len();
    let (Some(n), Some(s)) = (uint_from_be::<L>(n), uint_from_be::<L>(sig)) else {
        return false;
    };
    // RSAVP1 step 1: the signature representative is below the modulus.
    if s >= n {
        return false;
    }
    let Some(n) = Odd::new(n).into_option() else {
        return false;
    };
    let params = monty_params(n);
    let m = power(&s, e, &params);
    check(Em {
        words: m.as_words(),
        len,
    })
}

/// The Montgomery parameters of `n` (R mod n, R² mod n, −n⁻¹ mod 2⁶⁴), in variable time: `n`
/// is public.
#[inline(never)]
fn monty_params<const L: usize>(n: Odd<Uint<L>>) -> FixedMontyParams<L> {
    FixedMontyParams::new_vartime(n)
}

/// `s^e mod n` by left-to-right square-and-multiply over the public exponent (for e = 65537,
/// 16 squarings and one multiplication), in place through the parameters' multiplier: a
/// `FixedMontyForm` carries a copy of its parameters, and the by-value `square`/`mul` would
/// copy them at every step.
#[inline(never)]
fn power<const L: usize>(s: &Uint<L>, e: u32, params: &FixedMontyParams<L>) -> Uint<L> {
    let base = FixedMontyForm::new(s, params);
    let mut acc = base;
    let mut multiplier = <FixedMontyForm<L> as MontyForm>::Multiplier::from(params);
    // e ≥ 3, so its top bit is at 1..=31; the loop walks the bits below it.
    let top = u32::BITS - 1 - e.leading_zeros();
    for bit in (0..top).rev() {
        multiplier.square_assign(&mut acc);
        if (e >> bit) & 1 == 1 {
            multiplier.mul_assign(&mut acc, &base);
        }
    }
    acc.retrieve()
}

/// OS2IP into an `L`-limb integer; `None` if the bytes do not fit.
fn uint_from_be<const L: usize>(bytes: &[u8]) -> Option<Uint<L>> {
    let mut words: [Word; L] = [0; L];
    for (i, &b) in bytes.iter().rev().enumerate() {
        let w = words.get_mut(i / Limb::BYTES)?;
        *w |= Word::from(b) << (8 * (i % Limb::BYTES));
    }
    Some(Uint::from_words(words))
}

/// DER of `DigestInfo` up to the digest (RFC 8017 §9.2 note 1), with the NULL parameters: the
/// form every signer emits and the only one ring, aws-lc-rs and the `rsa` crate accept.
#[cfg(feature = "rs256")]
const SHA256_PREFIX: [u8; 19] = [
    0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05,
    0x00, 0x04, 0x20,
];
#[cfg(feature = "rs384")]
const SHA384_PREFIX: [u8; 19] = [
    0x30, 0x41, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x02, 0x05,
    0x00, 0x04, 0x30,
];
#[cfg(feature = "rs512")]
const SHA512_PREFIX: [u8; 19] = [
    0x30, 0x51, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x03, 0x05,
    0x00, 0x04, 0x40,
];

/// The smallest padding string EMSA-PKCS1-v1_5 allows (RFC 8017 §9.2 step 5).
const MIN_PKCS1_PADDING: usize = 8;

/// RFC 8017 §8.2.2 steps 3–4: `em` must be exactly `00 01 FF…FF 00 || DigestInfo || H(input)`
/// with at least [`MIN_PKCS1_PADDING`] bytes of `FF`. Comparing against the one valid
/// encoding, rather than parsing the DER, leaves no room for a lenient parser (Bleichenbacher's
/// 2006 forgery with garbage after the hash).
#[inline(never)]
fn pkcs1_matches<D: Digest>(prefix: &[u8], input: &[u8], em: Em<'_>) -> bool {
    let digest = D::digest(input);
    let t_len = prefix.len() + digest.len();
    let Some(ps_len) = em.len.checked_sub(t_len + 3) else {
        return false;
    };
    if ps_len < MIN_PKCS1_PADDING {
        return false;
    }
    let expected = [0x00, 0x01]
        .into_iter()
        .chain(core::iter::repeat_n(0xff, ps_len))
        .chain([0x00])
        .chain(prefix.iter().copied())
        .chain(digest.iter().copied());
    em.bytes(0, em.len).eq(expected)
}

/// The longest hash here (SHA-512), for the PSS buffers of a hash and a salt.
const MAX_HASH_LEN: usize = 64;

/// RFC 8017 §8.1.2 step 2c and §9.1.2 (EMSA-PSS-VERIFY) with MGF1 over `D` and a salt as long
/// as the hash (RFC 7518 §3.5). `em` is the whole `k`-byte I2OSP output; `mod_bits` the
/// modulus' bit length, so `emBits = mod_bits - 1`. `DB` is unmasked one MGF1 block at a time
/// and checked as it comes: no `DB`-sized buffer.
#[inline(never)]
fn pss_matches<D: Digest + FixedOutputReset>(input: &[u8], em: Em<'_>, mod_bits: usize) -> bool {
    let h_len = <D as Digest>::output_size();
    let s_len = h_len;
    let Some(em_bits) = mod_bits.checked_sub(1) else {
        return false;
    };
    let em_len = em_bits.div_ceil(8);
    // §8.1.2 step 2c: I2OSP(m, emLen) fails when m needs all k bytes; then EM is em's tail.
    let Some(skip) = em.len.checked_sub(em_len) else {
        return false;
    };
    if em.bytes(0, skip).any(|b| b != 0) {
        return false;
    }
    let at = |i: usize| em.at(skip + i);
    // Step 3.
    if em_len < h_len + s_len + 2 || h_len > MAX_HASH_LEN {
        return false;
    }
    // Step 4: the trailer.
    if at(em_len - 1) != 0xbc {
        return false;
    }
    // Step 5: maskedDB is EM[..db_len], H the h_len bytes after it.
    let db_len = em_len - h_len - 1;
    let mut h_buf = [0u8; MAX_HASH_LEN];
    let Some(h) = h_buf.get_mut(..h_len) else {
        return false;
    };
    for (i, b) in h.iter_mut().enumerate() {
        *b = at(db_len + i);
    }
    // Step 6: the bits above emBits are zero. 8·emLen − emBits is 0..=7.
    let top_mask = 0xffu8 >> (8 * em_len - em_bits);
    if at(0) & !top_mask != 0 {
        return false;
    }
    // Steps 7–10: DB = maskedDB ⊕ MGF1(H) (RFC 8017 B.2.1) with its top bits cleared, which
    // must be PS (zeros) || 01 || salt.
    let ps_len = em_len - h_len - s_len - 2;
    let mut salt_buf = [0u8; MAX_HASH_LEN];
    let mut mgf = D::new();
    let mut pos = 0usize;
    for counter in 0u32.. {
        if pos >= db_len {
            break;
        }
        Digest::update(&mut mgf, &*h);
        Digest::update(&mut mgf, counter.to_be_bytes());
        for &mask in mgf.finalize_reset().iter() {
            if pos >= db_len {
                break;
            }
            let mut b = at(pos) ^ mask;
            if pos == 0 {
                b &= top_mask;
            }
            let ok = match pos.checked_sub(ps_len) {
                None => b == 0,
                Some(0) => b == 0x01,
                Some(j) => salt_buf.get_mut(j - 1).map(|s| *s = b).is_some(),
            };
            if !ok {
                return false;
            }
            pos += 1;
        }
    }
    // Steps 12–14: H = Hash(00×8 || mHash || salt).
    let Some(salt) = salt_buf.get(..s_len) else {
        return false;
    };
    let m_hash = D::digest(input);
    let mut hasher = D::new();
    Digest::update(&mut hasher, [0u8; 8]);
    Digest::update(&mut hasher, &m_hash);
    Digest::update(&mut hasher, salt);
    *hasher.finalize() == *h
}

#[cfg(test)]
mod tests;
