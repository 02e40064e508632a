//! Duplicate-member detection: the member names of every open object, each object's names
//! one run of a fixed stack.
//!
//! Only the innermost open object gains members, and objects close innermost first, so the
//! names of all open objects fit one stack: an object's run starts where the stack was when
//! the object opened, and closing the object drops its run.
//!
//! Every run but the innermost object's is sorted by unescaped name (UTF-8 byte order, which
//! is code point order). The innermost object's run starts *unsorted* with a 128-bit filter
//! of its names' hashes: a name the filter has not seen is new and is just appended (the
//! common case: one hash, no comparison). The first [`LINEAR_CHECKS`] filter hits of an
//! object compare the name with the run's names one by one (a false hit is likely enough in
//! an ordinary claim set that sorting for it would cost more). On the next hit, or when an
//! object opens inside it, the run is sorted once (binary insertion) and from then on a new
//! name is a binary search of its object's run and an insertion, comparing text, never
//! hashes. So whatever the input does to the filter, each name is inserted into a sorted run
//! once at most and each object is scanned linearly [`LINEAR_CHECKS`] times at most, and
//! nested values are never read again. See the cost in [`crate::json`].

use core::cmp::Ordering;

use super::string::{JsonStr, decode_escape, short_name_hash};
use super::{Fail, R};
use crate::limits::MAX_OBJECT_MEMBERS;

/// Entry flag: the name contains escapes (compare it character by character).
const ESCAPED: u32 = 1 << 31;

/// The largest input offset an entry can hold; [`super::Parser::new`] refuses longer input.
pub(super) const MAX_OFFSET: usize = (ESCAPED - 1) as usize;

/// [`Names::fast`] when the innermost object's run is sorted (or no object is open). Zero,
/// like every field of a new [`Names`]: a parser then starts as one `memset`, built in place
/// (a field initialized otherwise made LLVM build the 1.2 KiB parser in a temporary and copy
/// it, measured on the Cortex-M3).
const SORTED: u16 = 0;

/// Filter hits per object answered by a linear scan of its (unsorted) names before the run
/// is sorted.
pub(super) const LINEAR_CHECKS: u8 = 4;

// Run starts (plus one in `fast`) are stored in `u16`s beside `u16::MAX` (the parser's array
// marker).
const _: () = assert!(MAX_OBJECT_MEMBERS < u16::MAX as usize);

/// The names of the open objects: per name, the input offset of its first byte (just after
/// the opening quote), with [`ESCAPED`] set when it has escapes.
#[derive(Clone, Debug)]
pub(super) struct Names {
    entries: [u32; MAX_OBJECT_MEMBERS],
    /// Entries in use, `<= MAX_OBJECT_MEMBERS`.
    len: u16,
    /// One more than where the innermost object's run begins when that run is unsorted and
    /// `filter` holds its names; [`SORTED`] otherwise.
    fast: u16,
    /// Bloom filter of the unsorted run's names: two 64-bit halves, one bit of each name in
    /// each.
    filter: [u64; 2],
    /// Filter hits of the unsorted run so far (at most [`LINEAR_CHECKS`]).
    hits: u8,
    /// Work done so far, in the steps the bound in [`crate::json`] counts.
    #[cfg(test)]
    pub(super) steps: u64,
}

impl Names {
    pub(super) const fn new() -> Self {
        Names {
            entries: [0; MAX_OBJECT_MEMBERS],
            len: 0,
            fast: SORTED,
            filter: [0; 2],
            hits: 0,
            #[cfg(test)]
            steps: 0,
        }
    }

    /// An object opens: returns where its run begins. The enclosing object's run, if still
    /// unsorted, is sorted first (its filter is the new object's now).
    #[inline]
    pub(super) fn open(&mut self, text: &str) -> R<u16> {
        if self.fast != SORTED {
            self.sort(text)?;
        }
        self.fast = self.len + 1; // len <= MAX_OBJECT_MEMBERS < u16::MAX
        self.filter = [0; 2];
        self.hits = 0;
        Ok(self.len)
    }

    /// The object whose run begins at `base` closed: drops its run. The run around it is
    /// sorted (it was sorted when this object opened).
    #[inline]
    pub(super) fn close(&mut self, base: u16) {
        self.len = self.len.min(base);
        self.fast = SORTED;
    }

    /// Adds the name `key`, whose text starts at offset `start` of `text`, to the run that
    /// begins at `base` (the innermost object's).
    ///
    /// Errors: [`Fail::Duplicate`] if the run holds the same unescaped name;
    /// [`Fail::Members`] if the open objects already hold [`MAX_OBJECT_MEMBERS`] names.
    #[inline(always)]
    pub(super) fn insert(
        &mut self,
        text: &str,
        base: u16,
        key: JsonStr<'_>,
        start: usize,
    ) -> R<()> {
        let len = usize::from(self.len);
        if len >= MAX_OBJECT_MEMBERS {
            return Err(Fail::Members);
        }
        // start <= MAX_OFFSET (Parser::new), so it fits the 31 offset bits.
        #[expect(
            clippy::cast_possible_truncation,
            reason = "start <= MAX_OFFSET < 2^31"
        )]
        let offset = start as u32;
        let entry = if key.has_escapes() {
            offset | ESCAPED
        } else {
            offset
        };
        if self.fast == base.wrapping_add(1) {
            #[cfg(test)]
            {
                self.steps += 1;
            }
            // Short plain names (most of them) hash from one 8-byte load of the input.
            let n = key.raw().len();
            let h = match text.as_bytes().get(start..start + 8) {
                Some(c) if n < 8 && !key.has_escapes() => match <[u8; 8]>::try_from(c) {
                    Ok(c) => short_name_hash(c, n),
                    Err(_) => key.name_hash(),
                },
                _ => key.name_hash(),
            };
            // One bit in each half, from the top 12 bits of the hash.
            let (b0, b1) = (1u64 << (h >> 58), 1u64 << ((h >> 52) & 63));
            let [w0, w1] = &mut self.filter;
            if (*w0 & b0 == 0) | (*w1 & b1 == 0) {
                // Not seen: a new name.
                *w0 |= b0;
                *w1 |= b1;
                *self.entries.get_mut(len).ok_or(Fail::Bad)? = entry;
                self.len += 1; // len < MAX_OBJECT_MEMBERS < u16::MAX
                return Ok(());
            }
        }
        self.insert_slow(text, base, entry)
    }

    /// [`insert`](Self::insert) after a filter hit, or into a sorted run.
    #[inline(never)]
    fn insert_slow(&mut self, text: &str, base: u16, entry: u32) -> R<()> {
        let len = usize::from(self.len); // < MAX_OBJECT_MEMBERS
        if self.fast == base.wrapping_add(1) {
            if self.hits < LINEAR_CHECKS {
                self.hits += 1;
                let run = self.entries.get(usize::from(base)..len).ok_or(Fail::Bad)?;
                let mut _steps = 0usize;
                for &earlier in run {
                    let (ord, n) = compare(text, entry, earlier);
                    _steps += 1 + n;
                    if ord == Ordering::Equal {
                        return Err(Fail::Duplicate);
                    }
                }
                #[cfg(test)]
                {
                    self.steps += _steps as u64;
                }
                *self.entries.get_mut(len).ok_or(Fail::Bad)? = entry;
                self.len += 1; // len < MAX_OBJECT_MEMBERS < u16::MAX
                return Ok(());
            }
            self.sort(text)?;
        }
        let run = self
            .entries
            .get_mut(usize::from(base)..=len)
            .ok_or(Fail::Bad)?;
        let _steps = insert_sorted(text, run, entry)?;
        #[cfg(test)]
        {
            self.steps += _steps as u64;
        }
        self.len += 1; // len < MAX_OBJECT_MEMBERS < u16::MAX
        Ok(())
    }

    /// Sorts the unsorted innermost run (binary insertion) and leaves fast mode.
    #[inline(never)]
    fn sort(&mut self, text: &str) -> R<()> {
        let base = usize::from(self.fast.saturating_sub(1));
        let len = usize::from(self.len);
        self.fast = SORTED;
        for end in base + 1..len {
            let run = self.entries.get_mut(base..=end).ok_or(Fail::Bad)?;
            let entry = *run.last().ok_or(Fail::Bad)?;
            let _steps = insert_sorted(text, run, entry)?;
            #[cfg(test)]
            {
                self.steps += _steps as u64;
            }
        }
        Ok(())
    }
}

/// `run` is a sorted run plus one free last slot: inserts `entry` in order (binary search,
/// then shifting the greater names up by one). Returns the steps taken.
#[inline]
fn insert_sorted(text: &str, run: &mut [u32], entry: u32) -> R<usize> {
    let sorted = run.len() - 1; // run.len() >= 1
    // Binary search: at most 8 probes (a run holds at most 255 names here).
    let (mut lo, mut hi) = (0, sorted);
    let mut steps = 0usize;
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        let earlier = *run.get(mid).ok_or(Fail::Bad)?;
        let (ord, n) = compare(text, entry, earlier);
        steps += 1 + n;
        match ord {
            Ordering::Less => hi = mid,
            Ordering::Greater => lo = mid + 1,
            Ordering::Equal => return Err(Fail::Duplicate),
        }
    }
    let tail = run.get_mut(lo..).ok_or(Fail::Bad)?;
    let moved = tail.len() - 1;
    tail.copy_within(..moved, 1);
    if let Some(first) = tail.first_mut() {
        *first = entry;
    }
    Ok(steps + moved)
}

/// Orders the unescaped name of entry `a` against that of entry `b` (names of `text`, which
/// is validated JSON, each ending at its closing quote); also returns the number of loop
/// steps taken, at most one more than the shorter name's character count (so at most its
/// raw length plus one).
#[inline]
fn compare(text: &str, a: u32, b: u32) -> (Ordering, usize) {
    let (ai, bi) = ((a & !ESCAPED) as usize, (b & !ESCAPED) as usize);
    if (a | b) & ESCAPED == 0 {
        compare_plain(text.as_bytes(), ai, bi)
    } else {
        compare_chars(text, ai, bi)
    }
}

/// [`compare`] when neither name has escapes: the raw bytes are the UTF-8 text, and a name
/// ends at the first `"` (a plain name has none inside).
#[inline]
fn compare_plain(b: &[u8], a: usize, e: usize) -> (Ordering, usize) {
    let mut j = 0;
    loop {
        let x = b.get(a + j).copied().unwrap_or(b'"');
        let y = b.get(e + j).copied().unwrap_or(b'"');
        let step = j + 1;
        match (x == b'"', y == b'"') {
            (true, true) => return (Ordering::Equal, step),
            (true, false) => return (Ordering::Less, step),
            (false, true) => return (Ordering::Greater, step),
            _ if x != y => return (x.cmp(&y), step),
            _ => j += 1,
        }
    }
}

/// [`compare`] character by character, unescaping both sides.
fn compare_chars(text: &str, mut a: usize, mut e: usize) -> (Ordering, usize) {
    let mut steps = 0;
    loop {
        steps += 1;
        match (next_char(text, &mut a), next_char(text, &mut e)) {
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
