//! What an HTTP response says about caching a key set, read from its header values:
//! `Cache-Control` (RFC 9111 §5.2), `Expires` and `Date` (RFC 9110 §5.6.7), `ETag`. Format
//! code only: [`KeyCache`](super::KeyCache) decides what the numbers mean.

/// The largest delta-seconds value a cache must handle (RFC 9111 §1.2.2: "a cache MUST
/// consider it to be 2147483648 (2^31)" when it cannot represent a larger one). A larger
/// `max-age` is read as this; the policy's clamp lowers it further.
pub const MAX_DELTA_SECONDS: u64 = 2_147_483_648;

/// What the caller knows about a successful (`200`) or `304` response, besides the body.
///
/// Build it from the response headers with [`with_cache_control`](Self::with_cache_control),
/// [`with_expires`](Self::with_expires) and [`with_etag`](Self::with_etag), or fill the
/// fields yourself.
///
/// ```
/// use tinyjwt_core::FetchMeta;
/// let meta = FetchMeta::new()
///     .with_cache_control("public, max-age=3600, must-revalidate")
///     .with_expires("Wed, 02 Dec 2026 09:00:00 GMT", Some("Wed, 02 Dec 2026 08:00:00 GMT"), 0)
///     .with_etag("\"v42\"");
/// assert_eq!((meta.max_age, meta.expires_in, meta.etag), (Some(3600), Some(3600), Some("\"v42\"")));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct FetchMeta<'a> {
    /// `Cache-Control: max-age` in seconds (0 for `no-cache` / `no-store`); see
    /// [`parse_cache_control`].
    pub max_age: Option<u64>,
    /// `Expires` minus `Date` in seconds (0 when already expired or invalid); see
    /// [`with_expires`](Self::with_expires).
    pub expires_in: Option<u64>,
    /// The `ETag` as received (quotes and `W/` included), to be sent back in
    /// `If-None-Match`.
    pub etag: Option<&'a str>,
}

impl<'a> FetchMeta<'a> {
    /// Nothing known: the policy's default max age applies.
    pub const fn new() -> Self {
        Self {
            max_age: None,
            expires_in: None,
            etag: None,
        }
    }

    /// Reads a `Cache-Control` header value with [`parse_cache_control`]. Called again (for a
    /// second `Cache-Control` field line), the smaller max age wins.
    pub fn with_cache_control(mut self, value: &str) -> Self {
        if let Some(a) = parse_cache_control(value) {
            self.max_age = Some(self.max_age.map_or(a, |b| b.min(a)));
        }
        self
    }

    /// Reads `Expires` (and the response's `Date`, if it has one; else `now` is used) into
    /// [`expires_in`](Self::expires_in): `Expires - Date`, 0 when already past. Dates are
    /// read in all three HTTP-date forms ([`parse_http_date_at`], two-digit years resolved
    /// against `now`). An `Expires` that is not an HTTP-date, such as `0`, means "already
    /// expired" (RFC 9111 §5.3), so 0; an invalid `Date` is ignored (`now` is used).
    pub fn with_expires(mut self, expires: &str, date: Option<&str>, now: u64) -> Self {
        let base = date.and_then(|d| parse_http_date_at(d, now)).unwrap_or(now);
        let expires = parse_http_date_at(expires, now);
        self.expires_in = Some(expires.map_or(0, |e| e.saturating_sub(base)));
        self
    }

    /// Sets the `ETag`.
    pub const fn with_etag(mut self, etag: &'a str) -> Self {
        self.etag = Some(etag);
        self
    }
}

/// The freshness lifetime a `Cache-Control` header value gives, in seconds, if any.
///
/// - `max-age=N` (or `max-age="N"`): `N`, read as at most [`MAX_DELTA_SECONDS`]; an invalid
///   `N` (not digits) is 0 (RFC 9111 §4.2.1: invalid freshness information means stale);
/// - `no-cache` or `no-store` (unqualified): 0, which the policy's clamp raises to its
///   minimum: the set is re-fetched as often as the policy allows, never per request;
/// - several of them: the smallest; names are case-insensitive; `s-maxage` (for shared
///   caches) and every other directive are ignored; quoted arguments may hold commas.
///
/// ```
/// use tinyjwt_core::cache::parse_cache_control;
/// assert_eq!(parse_cache_control("public, max-age=86400"), Some(86400));
/// assert_eq!(parse_cache_control("Max-Age=\"60\", private=\"a, b\""), Some(60));
/// assert_eq!(parse_cache_control("no-cache"), Some(0));
/// assert_eq!(parse_cache_control("max-age=x"), Some(0));
/// assert_eq!(parse_cache_control("public"), None);
/// ```
pub fn parse_cache_control(value: &str) -> Option<u64> {
    let mut result: Option<u64> = None;
    let mut take = |v: u64| result = Some(result.map_or(v, |r| r.min(v)));
    for directive in Directives(value.as_bytes()) {
        let (name, arg) = match directive.iter().position(|&b| b == b'=') {
            Some(i) => match directive.split_at_checked(i) {
                // `rest` starts with the `=`.
                Some((name, rest)) => (trim(name), Some(trim(rest.get(1..).unwrap_or(&[])))),
                None => (trim(directive), None),
            },
            None => (trim(directive), None),
        };
        if name.eq_ignore_ascii_case(b"max-age") {
            let arg = arg.unwrap_or(b"");
            let arg = match arg {
                [b'"', inner @ .., b'"'] => inner,
                _ => arg,
            };
            take(delta_seconds(arg).unwrap_or(0));
        } else if arg.is_none()
            && (name.eq_ignore_ascii_case(b"no-cache") || name.eq_ignore_ascii_case(b"no-store"))
        {
            take(0);
        }
    }
    result
}

/// Splits a `Cache-Control` value at the commas outside quoted strings.
struct Directives<'a>(&'a [u8]);

impl<'a> Iterator for Directives<'a> {
    type Item = &'a [u8];
    fn next(&mut self) -> Option<&'a [u8]> {
        if self.0.is_empty() {
            return None;
        }
        let (mut quoted, mut escaped) = (false, false);
        let mut end = self.0.len();
        for (i, &b) in self.0.iter().enumerate() {
            if escaped {
                escaped = false;
            } else if quoted && b == b'\\' {
                escaped = true;
            } else if b == b'"' {
                quoted = !quoted;
            } else if b == b',' && !quoted {
                end = i;
                break;
            }
        }
        let (item, rest) = self.0.split_at_checked(end)?;
        self.0 = rest.get(1..).unwrap_or(&[]);
        Some(item)
    }
}

fn trim(mut s: &[u8]) -> &[u8] {
    while let [b' ' | b'\t', rest @ ..] = s {
        s = rest;
    }
    while let [rest @ .., b' ' | b'\t'] = s {
        s = rest;
    }
    s
}

/// RFC 9111 §1.2.2 delta-seconds: one or more digits, saturating at [`MAX_DELTA_SECONDS`].
fn delta_seconds(digits: &[u8]) -> Option<u64> {
    if digits.is_empty() {
        return None;
    }
    let mut n: u64 = 0;
    for &d in digits {
        if !d.is_ascii_digit() {
            return None;
        }
        n = n.saturating_mul(10).saturating_add(u64::from(d - b'0'));
    }
    Some(n.min(MAX_DELTA_SECONDS))
}

/// An HTTP-date (RFC 9110 §5.6.7) as Unix seconds: the preferred IMF-fixdate (`Sun, 06 Nov
/// 1994 08:49:37 GMT`) or the obsolete asctime form (`Sun Nov  6 08:49:37 1994`). The obsolete
/// RFC 850 form has a two-digit year, which only a reference time can resolve: see
/// [`parse_http_date_at`]. Anything else, a date before 1970, an impossible date or a wrong
/// weekday is `None`.
///
/// ```
/// use tinyjwt_core::cache::parse_http_date;
/// assert_eq!(parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT"), Some(784111777));
/// assert_eq!(parse_http_date("Sun Nov  6 08:49:37 1994"), Some(784111777));
/// assert_eq!(parse_http_date("0"), None);
/// ```
pub fn parse_http_date(value: &str) -> Option<u64> {
    let b = value.trim_matches([' ', '\t']).as_bytes();
    imf_fixdate(b).or_else(|| asctime(b))
}

/// [`parse_http_date`], also reading the RFC 850 form (`Sunday, 06-Nov-94 08:49:37 GMT`),
/// whose two-digit year is taken in the century of `now` unless that puts it more than 50
/// years after `now`'s year, then in the century before (RFC 9110 §5.6.7). What
/// [`FetchMeta::with_expires`] uses.
///
/// ```
/// use tinyjwt_core::cache::parse_http_date_at;
/// let now = 1_764_633_600; // 2025-12-02
/// assert_eq!(parse_http_date_at("Sunday, 06-Nov-94 08:49:37 GMT", now), Some(784111777));
/// // "70" is not more than 50 years after 2025: 2070.
/// assert_eq!(parse_http_date_at("Wednesday, 01-Jan-70 00:00:00 GMT", now), Some(3155760000));
/// ```
pub fn parse_http_date_at(value: &str, now: u64) -> Option<u64> {
    let b = value.trim_matches([' ', '\t']).as_bytes();
    imf_fixdate(b)
        .or_else(|| asctime(b))
        .or_else(|| rfc850(b, now))
}

const DAYS: [&[u8]; 7] = [b"Mon", b"Tue", b"Wed", b"Thu", b"Fri", b"Sat", b"Sun"];
const DAYS_LONG: [&[u8]; 7] = [
    b"Monday",
    b"Tuesday",
    b"Wednesday",
    b"Thursday",
    b"Friday",
    b"Saturday",
    b"Sunday",
];
const MONTHS: [&[u8]; 12] = [
    b"Jan", b"Feb", b"Mar", b"Apr", b"May", b"Jun", b"Jul", b"Aug", b"Sep", b"Oct", b"Nov", b"Dec",
];

/// Decimal digits only (at most 4 of them are ever passed).
fn digits(s: &[u8]) -> Option<u64> {
    if s.is_empty() {
        return None;
    }
    s.iter().try_fold(0u64, |n, &d| {
        d.is_ascii_digit().then(|| n * 10 + u64::from(d - b'0'))
    })
}

fn month(s: &[u8]) -> Option<u64> {
    MONTHS.iter().position(|m| *m == s).map(|i| i as u64 + 1)
}

/// `HH:MM:SS` (a leap second, 60, is allowed and counts into the next minute).
fn time_of_day(s: &[u8]) -> Option<u64> {
    // A fixed-width field: as an array, every index below is checked at compile time.
    let s: &[u8; 8] = s.try_into().ok()?;
    if s[2] != b':' || s[5] != b':' {
        return None;
    }
    let (h, m, sec) = (digits(&s[..2])?, digits(&s[3..5])?, digits(&s[6..])?);
    (h <= 23 && m <= 59 && sec <= 60).then_some(h * 3600 + m * 60 + sec)
}

/// The instant of a date and a time of day, if the date exists, is not before 1970 and falls
/// on `weekday` (0 = Monday).
fn instant(year: u64, month: u64, day: u64, secs: u64, weekday: usize) -> Option<u64> {
    if !(1970..=9999).contains(&year) || day == 0 || day > days_in_month(year, month) {
        return None;
    }
    let days = days_from_civil(year, month, day);
    // 1970-01-01 was a Thursday (index 3); a wrong weekday means a wrong date.
    ((days + 3) % 7 == weekday as u64).then_some(days * 86_400 + secs)
}

/// `Sun, 06 Nov 1994 08:49:37 GMT`.
fn imf_fixdate(b: &[u8]) -> Option<u64> {
    let b: &[u8; 29] = b.try_into().ok()?;
    if &b[3..5] != b", " || &b[25..] != b" GMT" {
        return None;
    }
    if b[7] != b' ' || b[11] != b' ' || b[16] != b' ' {
        return None;
    }
    let weekday = DAYS.iter().position(|d| *d == &b[..3])?;
    let (day, month, year) = (digits(&b[5..7])?, month(&b[8..11])?, digits(&b[12..16])?);
    instant(year, month, day, time_of_day(&b[17..25])?, weekday)
}

/// `Sun Nov  6 08:49:37 1994` (the day of the month space-padded).
fn asctime(b: &[u8]) -> Option<u64> {
    let b: &[u8; 24] = b.try_into().ok()?;
    if b[3] != b' ' || b[7] != b' ' || b[10] != b' ' || b[19] != b' ' {
        return None;
    }
    let weekday = DAYS.iter().position(|d| *d == &b[..3])?;
    let day = match &b[8..10] {
        [b' ', d] => digits(&[*d])?,
        two => digits(two)?,
    };
    let (month, year) = (month(&b[4..7])?, digits(&b[20..24])?);
    instant(year, month, day, time_of_day(&b[11..19])?, weekday)
}

/// `Sunday, 06-Nov-94 08:49:37 GMT`, the century taken from `now` (RFC 9110 §5.6.7).
fn rfc850(b: &[u8], now: u64) -> Option<u64> {
    let comma = b.iter().position(|&c| c == b',')?;
    let (name, rest) = b.split_at_checked(comma)?;
    let weekday = DAYS_LONG.iter().position(|d| *d == name)?;
    let rest: &[u8; 24] = rest.try_into().ok()?;
    if &rest[..2] != b", " || rest[4] != b'-' || rest[8] != b'-' {
        return None;
    }
    if rest[11] != b' ' || &rest[20..] != b" GMT" {
        return None;
    }
    let (day, month, yy) = (
        digits(&rest[2..4])?,
        month(&rest[5..8])?,
        digits(&rest[9..11])?,
    );
    let this_year = year_of(now);
    let mut year = this_year - this_year % 100 + yy;
    if year > this_year + 50 {
        year = year.checked_sub(100)?;
    }
    instant(year, month, day, time_of_day(&rest[12..20])?, weekday)
}

/// The proleptic Gregorian year of a Unix time (H. Hinnant's `civil_from_days`, unsigned).
const fn year_of(t: u64) -> u64 {
    let z = t / 86_400 + 719_468;
    let era = z / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let y = yoe + era * 400;
    if mp >= 10 { y + 1 } else { y }
}

const fn is_leap(y: u64) -> bool {
    (y.is_multiple_of(4) && !y.is_multiple_of(100)) || y.is_multiple_of(400)
}

const fn days_in_month(y: u64, m: u64) -> u64 {
    match m {
        2 if is_leap(y) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date, `y >= 1970` (H. Hinnant's algorithm,
/// unsigned form).
const fn days_from_civil(y: u64, m: u64, d: u64) -> u64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y / 400;
    let yoe = y - era * 400;
    let mp = if m > 2 { m - 3 } else { m + 9 };
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}
