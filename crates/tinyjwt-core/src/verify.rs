//! The verifier: keys and policy prepared once, then any number of allocation-free
//! verifications.
//!
//! The order of work is fixed, and is a security property:
//! 1. split the token (borrowed, length-capped);
//! 2. decode and parse the small header, apply header-only rules (`alg`, `typ`, `crit`);
//! 3. select candidate keys by `kid` and `alg` — a key is only ever used with its own
//!    algorithm, so an HS256 token can never be checked against an RSA key's bytes;
//! 4. decode the signature and verify it;
//! 5. only then decode and parse the payload and validate the claims.
//!
//! An attacker without a key therefore reaches nothing but the header parser and the
//! base64url decoder, both bounded by [`MAX_HEADER_LEN`] and the token length limit.

use crate::backend::SignatureBackend;
use crate::base64url;
use crate::claims::Claims;
use crate::error::{Error, Limit, Part};
use crate::header::Header;
use crate::keyset::{KeyLoader, KeySet};
use crate::limits::{DEFAULT_MAX_TOKEN_LEN, MAX_HEADER_LEN, MAX_SIGNATURE_LEN};
use crate::policy::Policy;
use crate::token::{Token, bearer};

pub use crate::keyset::DEFAULT_KEYS;

/// Verifies tokens against up to `K` keys and one [`Policy`].
///
/// Build it once at start-up (keys are prepared by the backend here, not per token), then
/// call [`Verifier::verify`] from any number of threads: it takes `&self` and allocates
/// nothing; the decoded header and payload go into a buffer the caller provides.
///
/// ```
/// use tinyjwt_core::{Algorithm, BoundKey, Error, HmacSecret, KeyMaterial, Policy, SignatureBackend, Strength, Verifier};
/// # struct AcceptAll;
/// # impl SignatureBackend for AcceptAll {
/// #     type Key = ();
/// #     fn prepare(&self, _: &BoundKey<'_>) -> Result<(), Error> { Ok(()) }
/// #     fn verify(&self, _: &(), _: &[u8], _: &[u8]) -> Result<(), tinyjwt_core::BadSignature> { Ok(()) }
/// # }
/// # let backend = AcceptAll; // a real program uses tinyjwt-ring or tinyjwt-rustcrypto
/// let secret = KeyMaterial::Hmac(HmacSecret::new(b"0123456789abcdef0123456789abcdef")?);
/// let mut verifier: Verifier<_> = Verifier::new(backend, Policy::new().leeway(30))?;
/// verifier.keys_mut().add_key(&BoundKey::new(Algorithm::HS256, secret, Strength::Enforce)?, None)?;
///
/// // {"alg":"HS256"}.{"sub":"u1","exp":2000000000}.<32-byte signature>
/// let token = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1MSIsImV4cCI6MjAwMDAwMDAwMH0.\
///              AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
/// let mut buf = [0u8; 1024];
/// let verified = verifier.verify(token, 1_700_000_000, &mut buf)?;
/// assert!(verified.claims().sub.unwrap().eq_str("u1"));
/// // Expired once `exp` plus the 30 s leeway has passed.
/// let exp = tinyjwt_core::NumericDate::from_secs(2_000_000_000);
/// assert_eq!(verifier.verify(token, 2_000_000_030, &mut buf).unwrap_err(), Error::Expired { exp });
/// # Ok::<(), Error>(())
/// ```
///
/// # Key selection
/// `kid` is a hint (RFC 7515 §4.1.4), and every key is bound to one algorithm. For a token
/// whose header says `alg` (and maybe `kid`), the candidates are, in this order:
///
/// | token | tried first | then | never |
/// |---|---|---|---|
/// | `kid: "a"` | keys of `alg` loaded with `kid` `"a"` | keys of `alg` loaded without a `kid` | keys with another `kid`; keys of another `alg` |
/// | no `kid` | every key of `alg`, with or without a `kid`, in the order added | | keys of another `alg` |
///
/// So one secret, PEM or JWK loaded without a `kid` verifies tokens that carry any `kid`
/// (Miro, Trello and many IdPs put one in the header while the app holds a single key),
/// while a set of keys loaded with `kid`s is never tried against a token naming a `kid` it
/// does not have. A token without `kid` is tried against every key of its algorithm, as
/// panva `jose` does with a JWK Set: that is how a verifier rides out rotation for issuers
/// that omit `kid`. Each candidate costs at most one signature check, so a token costs at
/// most `K` of them.
///
/// Errors before any signature is checked: no key of `alg` at all is
/// [`Error::AlgNotAllowed`]; a `kid` that no candidate answers to is [`Error::UnknownKid`],
/// or [`Error::KidAlgMismatch`] when a key with that `kid` exists but is bound to another
/// algorithm. Candidates that all fail are [`Error::BadSignature`].
pub struct Verifier<'p, B: SignatureBackend, const K: usize = DEFAULT_KEYS> {
    backend: B,
    policy: Policy<'p>,
    keys: KeySet<B, K>,
    max_token_len: usize,
}

impl<'p, B: SignatureBackend, const K: usize> Verifier<'p, B, K> {
    /// A verifier with no keys yet. Fails if the policy is over a limit (too many required
    /// claim names).
    pub fn new(backend: B, policy: Policy<'p>) -> Result<Self, Error> {
        policy.check_config()?;
        Ok(Self {
            backend,
            policy,
            keys: KeySet::new(),
            max_token_len: DEFAULT_MAX_TOKEN_LEN,
        })
    }

    /// Sets the maximum accepted token length (default [`DEFAULT_MAX_TOKEN_LEN`]).
    pub fn max_token_len(mut self, len: usize) -> Self {
        self.max_token_len = len;
        self
    }

    /// The policy.
    pub fn policy(&self) -> &Policy<'p> {
        &self.policy
    }

    /// The backend.
    pub fn backend(&self) -> &B {
        &self.backend
    }

    /// The keys, in the order they were added (the order
    /// [`Verified::key_index`] counts in): see [`KeySet::iter`].
    pub fn keys(&self) -> &KeySet<B, K> {
        &self.keys
    }

    /// A loader that adds keys to this verifier's set, prepared by its backend: the one way
    /// to add keys of every format (see [`KeyLoader`]). Each call is all-or-nothing.
    pub fn keys_mut(&mut self) -> KeyLoader<'_, B, K> {
        self.keys.loader(&self.backend)
    }

    /// Swaps in a whole new key set and returns the old one: how a verifier rotates keys
    /// without ever serving a half-loaded set. Build `set` beside the running verifier with
    /// [`KeySet::loader`] and the same backend, then swap it in (under your own lock when the
    /// verifier is shared: `verify` takes `&self`, this takes `&mut self`).
    pub fn replace_keys(&mut self, set: KeySet<B, K>) -> KeySet<B, K> {
        core::mem::replace(&mut self.keys, set)
    }

    /// Verifies `token` at time `now` (Unix seconds).
    ///
    /// `buf` receives the decoded header and payload; the returned [`Verified`] borrows it.
    /// It must hold both (plus, transiently, the signature); too small a buffer is
    /// [`Error::TooLarge`]`(`[`Limit::Payload`]`)`. See
    /// [`DEFAULT_BUFFER_LEN`](crate::limits::DEFAULT_BUFFER_LEN).
    pub fn verify<'b>(
        &self,
        token: &str,
        now: u64,
        buf: &'b mut [u8],
    ) -> Result<Verified<'b>, Error> {
        let token = Token::parse(token, self.max_token_len)?;
        let (header, rest) = self.header(&token, buf)?;

        let alg = header.alg();
        let kid = header.kid();
        self.keys.check_selectable(alg, kid.as_ref())?;

        let sig_len = segment_len(token.signature(), Part::Signature)?;
        if sig_len > MAX_SIGNATURE_LEN {
            return Err(Error::TooLarge(Limit::Signature));
        }
        let sig_buf = rest
            .get_mut(..sig_len)
            .ok_or(Error::TooLarge(Limit::Payload))?;
        let signature = decode(token.signature(), sig_buf, Part::Signature)?;
        let input = token.signing_input().as_bytes();
        let key_index = self
            .keys
            .candidates(alg, kid.as_ref())
            .find(|(_, k)| {
                crate::key::signature_admitted(k.alg, k.signature_len, signature)
                    && self.backend.verify(&k.key, input, signature).is_ok()
            })
            .map(|(i, _)| i)
            .ok_or(Error::BadSignature)?;

        // Only now is the payload trusted enough to be parsed.
        let payload_len = segment_len(token.payload(), Part::Payload)?;
        let payload_buf = rest
            .get_mut(..payload_len)
            .ok_or(Error::TooLarge(Limit::Payload))?;
        let payload = decode(token.payload(), payload_buf, Part::Payload)?;
        // Checked once here: the claims parser and every later read of the payload
        // (`Verified::claim*`, `deserialize`) borrow this text.
        let payload = core::str::from_utf8(payload).map_err(|_| Error::ClaimsNotJson)?;
        let (claims, found) = Claims::parse_text(payload, self.policy.required())?;
        self.policy.check_claims(&claims, found, now)?;
        Ok(Verified {
            header,
            claims,
            payload,
            key_index,
        })
    }

    /// [`verify`](Self::verify) for an HTTP `Authorization` header value (`Bearer <jwt>`).
    pub fn verify_bearer<'b>(
        &self,
        authorization: &str,
        now: u64,
        buf: &'b mut [u8],
    ) -> Result<Verified<'b>, Error> {
        self.verify(bearer(authorization)?, now, buf)
    }
}

impl<B: SignatureBackend, const K: usize> Verifier<'_, B, K> {
    /// Steps 1 and 2 (split, decode and parse the header, header-only policy rules) on their
    /// own, for [`KeyCache::decide`](crate::KeyCache::decide): what a token asks of the key
    /// set, learnt exactly as `verify` learns it. `buf` needs [`MAX_HEADER_LEN`] bytes.
    pub(crate) fn header_only<'b>(
        &self,
        token: &str,
        buf: &'b mut [u8],
    ) -> Result<Header<'b>, Error> {
        let token = Token::parse(token, self.max_token_len)?;
        self.header(&token, buf).map(|(h, _)| h)
    }

    /// Decodes and parses the header into the front of `buf`; returns it and the rest.
    fn header<'b>(
        &self,
        token: &Token<'_>,
        buf: &'b mut [u8],
    ) -> Result<(Header<'b>, &'b mut [u8]), Error> {
        let header_len = segment_len(token.header(), Part::Header)?;
        if header_len > MAX_HEADER_LEN {
            return Err(Error::TooLarge(Limit::Header));
        }
        if header_len > buf.len() {
            return Err(Error::TooLarge(Limit::Payload));
        }
        let (header_buf, rest) = buf.split_at_mut(header_len);
        let header_json: &'b [u8] = decode(token.header(), header_buf, Part::Header)?;
        let header = Header::parse(header_json, self.policy.understood())?;
        self.policy.check_header(&header)?;
        Ok((header, rest))
    }
}

fn segment_len(segment: &str, part: Part) -> Result<usize, Error> {
    base64url::decoded_len(segment.len()).ok_or(Error::BadBase64(part))
}

fn decode<'o>(segment: &str, out: &'o mut [u8], part: Part) -> Result<&'o [u8], Error> {
    base64url::decode(segment.as_bytes(), out).map_err(|_| Error::BadBase64(part))
}

/// A token whose signature and claims were verified.
#[derive(Debug, Clone)]
pub struct Verified<'b> {
    header: Header<'b>,
    claims: Claims<'b>,
    payload: &'b str,
    key_index: usize,
}

impl<'b> Verified<'b> {
    /// The header.
    pub fn header(&self) -> &Header<'b> {
        &self.header
    }

    /// The registered claims.
    pub fn claims(&self) -> &Claims<'b> {
        &self.claims
    }

    /// The payload: the verified claims set as JSON text (strict, duplicate-free UTF-8).
    pub fn payload(&self) -> &'b [u8] {
        self.payload.as_bytes()
    }

    /// [`payload`](Self::payload) as the text it was checked to be.
    pub(crate) fn payload_text(&self) -> &'b str {
        self.payload
    }

    /// The index (in the order keys were added) of the key that verified the signature.
    pub fn key_index(&self) -> usize {
        self.key_index
    }

    /// Deserializes the verified claims into your own type, without allocating and without
    /// parsing the payload again (see [`typed`](crate::typed)).
    ///
    /// String fields: a borrowed `&str` field cannot hold unescaped text, so a `&str` field
    /// whose JSON value contains an escape (`\/`, `\u00e9`, ...) makes this fail with
    /// [`Error::ClaimsMismatch`] rather than hand back still-escaped text. Use
    /// `heapless::String<N>` for fields that may contain escapes; they are unescaped into it.
    ///
    /// A string or member name longer than [`UNESCAPE_BUF_LEN`](crate::typed::UNESCAPE_BUF_LEN)
    /// that contains escapes is [`Error::TooLarge`]`(`[`Limit::Value`]`)` here and needs
    /// [`deserialize_with`](Self::deserialize_with).
    #[cfg(feature = "serde")]
    pub fn deserialize<T: serde::Deserialize<'b>>(&self) -> Result<T, Error> {
        crate::typed::deserialize(self.payload)
    }

    /// [`deserialize`](Self::deserialize) with a caller-sized unescape buffer.
    #[cfg(feature = "serde")]
    pub fn deserialize_with<T: serde::Deserialize<'b>>(
        &self,
        scratch: &mut [u8],
    ) -> Result<T, Error> {
        crate::typed::deserialize_with(self.payload, scratch)
    }
}
