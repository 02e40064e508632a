//! Duplicate-member detection: the member names of every open object, each object's names
//! kept as one sorted run.
//!
//! Only the innermost open object gains members, and objects close innermost first, so the
//! names of all open objects fit one stack: an object's run starts where the names were when
//! it opened, and closing it drops its run. A run is kept sorted by unescaped name (UTF-8
//! byte order, which is code point order), so a new name is checked with a binary search of
//! its own object's names only, comparing text, never hashes: no input can make the check
//! slower than its worst case, and nested values are never read again. See the cost in
//! [`crate::json`].

use core::cmp::Ordering;

use super::string::{JsonStr, decode_escape};
use super::{Fail, R};
use crate::limits::MAX_OBJECT_MEMBERS;

/// Entry flag: the name contains escapes (compare it character by character).
const ESCAPED: u32 = 1 << 31;

/// The largest input offset an entry can hold; [`super::Parser::new`] refuses longer input.
pub(super) const MAX_OFFSET: usize = (ESCAPED - 1) as usize;

// A run's start is stored in a `u16` beside `u16::MAX`, the parser's array marker.
const _: () = assert!(MAX_OBJECT_MEMBERS < u16::MAX as usize);

/// The names of the open objects: per name, the input offset of its first byte (just after
/// the opening quote), with [`ESCAPED`] set when it has escapes.
#[derive(Clone, Debug)]
pub(super) struct Names {
    entries: [u32; MAX_OBJECT_MEMBERS],
    /// Entries in use, `<= MAX_OBJECT_MEMBERS`.
    len: u16,
    /// Work done so far, in the steps the bound in [`crate::json`] counts.
    #[cfg(test)]
    pub(super) steps: u64,
}

impl Names {
    pub(super) const fn new() -> Self {
        Names {
            entries: [0; MAX_OBJECT_MEMBERS],
            len: 0,
            #[cfg(test)]
            steps: 0,
        }
    }

    /// Where the run of an object opened now begins.
    #[inline]
    pub(super) fn len(&self) -> u16 {
        self.len
    }

    /// Drops the run that begins at `base` (the object closed).
    #[inline]
    pub(super) fn truncate(&mut self, base: u16) {
        self.len = self.len.min(base);
    }

    /// Adds the name `key`, whose text starts at offset `start` of `text`, to the run that
    /// begins at `base` (the innermost object's).
    ///
    /// Errors: [`Fail::Duplicate`] if the run holds the same unescaped name;
    /// [`Fail::Members`] if the open objects already hold [`MAX_OBJECT_MEMBERS`] names.
    #[inline]
    pub(super) fn insert(
        &mut self,
        text: &str,
        base: u16,
        key: JsonStr<'_>,
        start: usize,
    ) -> R<()> {
        let (base, len) = (usize::from(base), usize::from(self.len));
        let run = self.entries.get(base..len).ok_or(Fail::Bad)?;
        if len >= MAX_OBJECT_MEMBERS {
            return Err(Fail::Members);
        }
        // Binary search: at most 8 probes (a run has at most 255 names here).
        let (mut lo, mut hi) = (0, run.len());
        #[cfg(test)]
        let mut steps = 0usize;
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            let earlier = *run.get(mid).ok_or(Fail::Bad)?;
            let (ord, _n) = compare(text, key, earlier);
            #[cfg(test)]
            {
                steps += 1 + _n;
            }
            match ord {
                Ordering::Less => hi = mid,
                Ordering::Greater => lo = mid + 1,
                Ordering::Equal => return Err(Fail::Duplicate),
            }
        }
        let offset = u32::try_from(start).map_err(|_| Fail::Bad)?;
        let entry = if key.has_escapes() {
            offset | ESCAPED
        } else {
            offset
        };
        // Shift the names after the slot up by one (len < MAX_OBJECT_MEMBERS: there is room).
        let slot = self.entries.get_mut(base + lo..=len).ok_or(Fail::Bad)?;
        let moved = slot.len() - 1;
        slot.copy_within(..moved, 1);
        if let Some(first) = slot.first_mut() {
            *first = entry;
        }
        self.len += 1; // len < MAX_OBJECT_MEMBERS < u16::MAX
        #[cfg(test)]
        {
            self.steps += (steps + moved) as u64;
        }
        Ok(())
    }
}

/// Orders the unescaped name `key` against the earlier name `earlier` (an entry) of `text`,
/// which is validated JSON; also returns the number of loop steps taken, at most one more
/// than `key`'s character count (so at most its raw length plus one).
#[inline]
fn compare(text: &str, key: JsonStr<'_>, earlier: u32) -> (Ordering, usize) {
    let at = (earlier & !ESCAPED) as usize;
    if earlier & ESCAPED == 0 && !key.has_escapes() {
        compare_plain(key.raw(), text.as_bytes(), at)
    } else {
        compare_chars(key, text, at)
    }
}

/// [`compare`] when neither name has escapes: raw bytes are the UTF-8 text, and the earlier
/// name ends at the first `"` (a plain name has none inside).
#[inline]
fn compare_plain(key: &[u8], b: &[u8], at: usize) -> (Ordering, usize) {
    let mut j = 0;
    loop {
        let e = b.get(at + j).copied().unwrap_or(b'"');
        let step = j + 1;
        match key.get(j) {
            None if e == b'"' => return (Ordering::Equal, step),
            None => return (Ordering::Less, step),
            Some(_) if e == b'"' => return (Ordering::Greater, step),
            Some(&k) if k != e => return (k.cmp(&e), step),
            Some(_) => j += 1,
        }
    }
}

/// [`compare`] character by character, unescaping both sides.
fn compare_chars(key: JsonStr<'_>, text: &str, mut at: usize) -> (Ordering, usize) {
    let mut ours = key.chars();
    let mut steps = 0;
    loop {
        steps += 1;
        match (ours.next(), next_char(text, &mut at)) {
            (None, None) => return (Ordering::Equal, steps),
            (None, Some(_)) => return (Ordering::Less, steps),
            (Some(_), None) => return (Ordering::Greater, steps),
            (Some(x), Some(y)) if x != y => return (x.cmp(&y), steps),
            _ => {}
        }
    }
}

/// The unescaped character of a validated name at `*at`, advancing past it; `None` at the
/// closing quote.
#[inline]
fn next_char(text: &str, at: &mut usize) -> Option<char> {
    let b = text.as_bytes();
    match *b.get(*at)? {
        b'"' => None,
        b'\\' => {
            let (c, used) = decode_escape(b.get(*at + 1..)?)?;
            *at += 1 + used;
            Some(c)
        }
        _ => {
            let c = text.get(*at..)?.chars().next()?;
            *at += c.len_utf8();
            Some(c)
        }
    }
}
