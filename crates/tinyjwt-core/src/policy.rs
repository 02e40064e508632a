//! What a verified token's claims must satisfy.
//!
//! A [`Policy`] is plain data built once (in a `const`, even) and shared by every
//! verification. Its defaults are the safe ones: `exp` required, leeway zero, and a token
//! that names an audience is refused unless the policy names one too.

use crate::alg::Algorithm;
use crate::claims::{Claims, Found};
use crate::error::{Claim, Error};
use crate::header::Header;
use crate::limits::MAX_REQUIRED_CLAIMS;

/// Claim-validation rules.
///
/// ```
/// use tinyjwt_core::Policy;
/// const MIRO: Policy<'static> = Policy::new()
///     .leeway(30)
///     .issuers(&["miro"])
///     .require(&["team", "user"]);
/// # let _ = MIRO;
/// ```
#[derive(Debug, Clone, Copy)]
pub struct Policy<'a> {
    leeway: u64,
    require_exp: bool,
    reject_future_iat: bool,
    max_age: Option<u64>,
    issuers: Option<&'a [&'a str]>,
    audiences: Option<&'a [&'a str]>,
    allow_unexpected_aud: bool,
    subject: Option<&'a str>,
    required: &'a [&'a str],
    typ: Option<&'a str>,
    understood_crit: &'a [&'a str],
    algorithms: Option<&'a [Algorithm]>,
}

impl Default for Policy<'_> {
    fn default() -> Self {
        Self::new()
    }
}

impl<'a> Policy<'a> {
    /// The defaults: `exp` required, no leeway, no issuer/audience/subject expectations, and a
    /// token carrying `aud` refused (configure [`Policy::audiences`]).
    pub const fn new() -> Self {
        Self {
            leeway: 0,
            require_exp: true,
            reject_future_iat: false,
            max_age: None,
            issuers: None,
            audiences: None,
            allow_unexpected_aud: false,
            subject: None,
            required: &[],
            typ: None,
            understood_crit: &[],
            algorithms: None,
        }
    }

    /// Seconds of clock skew tolerated on `exp`, `nbf`, `iat` and the maximum age.
    pub const fn leeway(mut self, seconds: u64) -> Self {
        self.leeway = seconds;
        self
    }

    /// Accept tokens without `exp`. Such tokens never expire: only for issuers that cannot
    /// add one and are revoked by other means.
    pub const fn allow_missing_exp(mut self) -> Self {
        self.require_exp = false;
        self
    }

    /// Refuse tokens whose `iat` is in the future (beyond the leeway).
    pub const fn reject_future_iat(mut self) -> Self {
        self.reject_future_iat = true;
        self
    }

    /// Refuse tokens issued more than `seconds` ago (plus leeway). Makes `iat` required and
    /// also refuses `iat` in the future.
    pub const fn max_age(mut self, seconds: u64) -> Self {
        self.max_age = Some(seconds);
        self.reject_future_iat = true;
        self
    }

    /// Accept only these issuers; `iss` becomes required.
    pub const fn issuers(mut self, issuers: &'a [&'a str]) -> Self {
        self.issuers = Some(issuers);
        self
    }

    /// Accept only tokens whose `aud` (a string or any entry of an array) is one of these;
    /// `aud` becomes required.
    pub const fn audiences(mut self, audiences: &'a [&'a str]) -> Self {
        self.audiences = Some(audiences);
        self
    }

    /// Accept a token that carries `aud` although no audience is configured. RFC 7519 §4.1.3
    /// says such a token must be rejected: only use this if the audience is checked by
    /// other means.
    pub const fn ignore_unexpected_audience(mut self) -> Self {
        self.allow_unexpected_aud = true;
        self
    }

    /// Require `sub` to equal `subject`.
    pub const fn subject(mut self, subject: &'a str) -> Self {
        self.subject = Some(subject);
        self
    }

    /// Require these claims (any names) to be present, whatever their value. At most
    /// [`MAX_REQUIRED_CLAIMS`] names (checked when the verifier is built). A missing one is
    /// [`Error::MissingClaim`]`(`[`Claim::Required`]`(i))`, `i` its index in `claims`.
    pub const fn require(mut self, claims: &'a [&'a str]) -> Self {
        self.required = claims;
        self
    }

    /// Require the header's `typ` to be this media type (case-insensitive, `application/`
    /// optional, RFC 7515 §4.1.9). A token without `typ` is then refused.
    pub const fn typ(mut self, typ: &'a str) -> Self {
        self.typ = Some(typ);
        self
    }

    /// Header extension parameters your application processes itself, so a `crit` list
    /// naming them is accepted. Read them from [`Header::json`](crate::header::Header::json).
    pub const fn understood_crit(mut self, names: &'a [&'a str]) -> Self {
        self.understood_crit = names;
        self
    }

    /// Restrict the algorithms accepted, on top of each key's own binding.
    pub const fn algorithms(mut self, algorithms: &'a [Algorithm]) -> Self {
        self.algorithms = Some(algorithms);
        self
    }

    // A policy is configuration written once: its methods are the builder-style setters
    // above, one per rule, named after the rule; what the verifier reads back is crate-private
    // (one naming convention, no `get_` twins).
    pub(crate) const fn required(&self) -> &'a [&'a str] {
        self.required
    }

    pub(crate) fn understood(&self) -> &'a [&'a str] {
        self.understood_crit
    }

    pub(crate) fn check_config(&self) -> Result<(), Error> {
        if self.required.len() > MAX_REQUIRED_CLAIMS {
            return Err(Error::TooLarge(crate::error::Limit::RequiredClaims));
        }
        Ok(())
    }

    /// Checks the header-only rules (algorithm restriction, `typ`), before any crypto.
    pub(crate) fn check_header(&self, header: &Header<'_>) -> Result<(), Error> {
        if let Some(algs) = self.algorithms {
            if !algs.contains(&header.alg()) {
                return Err(Error::AlgNotAllowed);
            }
        }
        if let Some(typ) = self.typ {
            if !header.typ_is(typ) {
                return Err(Error::UnexpectedTyp);
            }
        }
        Ok(())
    }

    /// Checks the claims of a verified token at time `now` (Unix seconds).
    ///
    /// The date rules compare real numbers exactly: `now`, leeway and maximum age are
    /// widened to `i128` beside the dates' floors and ceilings, which are at most 2^66 in
    /// magnitude ([`NumericDate::SATURATION`](crate::NumericDate::SATURATION)), so no sum can
    /// overflow or saturate. With the integer clock, `now >= exp` is `now >= ceil(exp)`,
    /// `now < nbf` is `now < ceil(nbf)` and `now > iat + max_age` is `now > floor(iat) +
    /// max_age`: a fractional `exp` or `nbf` takes effect at the next whole second.
    pub(crate) fn check_claims(&self, c: &Claims<'_>, found: Found, now: u64) -> Result<(), Error> {
        let leeway = i128::from(self.leeway);
        let now = i128::from(now);
        match c.exp {
            // Valid while now < exp + leeway.
            Some(exp) if now >= exp.ceil_i128() + leeway => return Err(Error::Expired { exp }),
            None if self.require_exp => return Err(Error::MissingClaim(Claim::Exp)),
            _ => {}
        }
        if let Some(nbf) = c.nbf {
            if now + leeway < nbf.ceil_i128() {
                return Err(Error::NotYetValid { nbf });
            }
        }
        if let Some(max_age) = self.max_age {
            let iat = c.iat.ok_or(Error::MissingClaim(Claim::Iat))?;
            if now > iat.floor_i128() + i128::from(max_age) + leeway {
                return Err(Error::TooOld { iat });
            }
        }
        if self.reject_future_iat {
            if let Some(iat) = c.iat {
                if now + leeway < iat.ceil_i128() {
                    return Err(Error::IssuedInFuture { iat });
                }
            }
        }
        if let Some(issuers) = self.issuers {
            let iss = c.iss.ok_or(Error::MissingClaim(Claim::Iss))?;
            if !issuers.iter().any(|i| iss.eq_str(i)) {
                return Err(Error::WrongIssuer);
            }
        }
        match self.audiences {
            Some(auds) => {
                if !c.aud.is_present() {
                    return Err(Error::MissingClaim(Claim::Aud));
                }
                if !auds.iter().any(|a| c.aud.contains(a)) {
                    return Err(Error::WrongAudience);
                }
            }
            None if c.aud.is_present() && !self.allow_unexpected_aud => {
                return Err(Error::AudienceNotConfigured);
            }
            None => {}
        }
        if let Some(subject) = self.subject {
            let sub = c.sub.ok_or(Error::MissingClaim(Claim::Sub))?;
            if !sub.eq_str(subject) {
                return Err(Error::WrongSubject);
            }
        }
        for i in 0..self.required.len() {
            if found & (1 << i) == 0 {
                // i < MAX_REQUIRED_CLAIMS = 32 (check_config), so it fits a u8.
                let i = u8::try_from(i).unwrap_or(u8::MAX);
                return Err(Error::MissingClaim(Claim::Required(i)));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests;
