//! What the learned models see of a message: hashed sparse features.
//!
//! Buyers misspell, drop accents, glue particles to words (Korean, Thai,
//! Chinese have no spaces at all) and mix languages, so words alone are too
//! brittle. Every message becomes a set of feature ids from four families:
//!
//! - whole folded words and word bigrams ("where is", "is my");
//! - character 3- and 4-grams inside words, with boundary marks ("<ref",
//!   "und>"), which survive typos and inflection ("reembolso", "rembolso");
//! - character 1- to 3-grams in runs of unspaced scripts (Han, kana, Thai);
//! - the labels of lexicon cues that fired ("cue:refund_request"), so the
//!   reviewed phrase lists feed the model and the model learns how far to
//!   trust each of them.
//!
//! Feature strings are hashed (FNV-1a) into `2^BITS` buckets: no vocabulary
//! to ship, and an unseen word costs nothing. Only the first
//! [`MAX_CHARS`] characters are read, which bounds time and memory on
//! hostile input (a 1 MB "message").

use crate::lexicon::{Hit, Label};

/// log2 of the number of hash buckets.
pub const BITS: u32 = 18;
/// Characters of a message that are looked at.
pub const MAX_CHARS: usize = 4000;

const MASK: u64 = (1 << BITS) - 1;

/// The distinct feature ids of a message (raw and folded) and its cue hits,
/// sorted.
pub fn extract(raw: &str, folded: &str, hits: &[Hit]) -> Vec<u32> {
    let text: &str = match folded.char_indices().nth(MAX_CHARS) {
        Some((i, _)) => &folded[..i],
        None => folded,
    };
    let mut out = Vec::with_capacity(text.len() * 3);
    let mut previous: Option<&str> = None;
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        let chars: Vec<char> = word.chars().collect();
        if chars.iter().any(|&c| is_unspaced(c)) {
            for n in 1..=3 {
                for gram in chars.windows(n) {
                    out.push(hash(b'u', gram.iter().copied()));
                }
            }
            previous = None;
            continue;
        }
        out.push(hash(b'w', word.chars()));
        // Korean glues particles to words ("배송이", "배송은"): syllable
        // 1- and 2-grams find the stem whatever follows it.
        if chars.iter().any(|&c| is_hangul(c)) {
            for n in 1..=2 {
                for gram in chars.windows(n) {
                    out.push(hash(b'k', gram.iter().copied()));
                }
            }
        }
        if let Some(p) = previous {
            out.push(hash(
                b'b',
                p.chars().chain(std::iter::once(' ')).chain(word.chars()),
            ));
        }
        previous = Some(word);
        let marked: Vec<char> = std::iter::once('<')
            .chain(chars.iter().copied())
            .chain(std::iter::once('>'))
            .collect();
        for n in [3, 4] {
            if marked.len() > n {
                for gram in marked.windows(n) {
                    out.push(hash(b'c', gram.iter().copied()));
                }
            }
        }
    }
    for hit in hits {
        let (kind, name) = match hit.cue.label {
            Label::Intent(i) => (b'i', i.as_str()),
            Label::Emotion(e) => (b'e', e.as_str()),
            Label::Risk(r) => (b'r', r.as_str()),
        };
        out.push(hash(kind, name.chars()));
        // Strong cues get a second feature of their own.
        if hit.cue.weight >= 3 {
            out.push(hash(kind.to_ascii_uppercase(), name.chars()));
        }
    }
    signals(raw, &mut out);
    out.sort_unstable();
    out.dedup();
    out
}

/// What folding throws away but a reader notices: emoji and symbols,
/// shouting in capitals, runs of "!!!" and "???".
fn signals(raw: &str, out: &mut Vec<u32>) {
    let (mut letters, mut capitals) = (0usize, 0usize);
    for c in raw.chars().take(MAX_CHARS) {
        if c.is_alphabetic() {
            letters += 1;
            capitals += usize::from(c.is_uppercase());
        } else if (c as u32) >= 0x2190 && !c.is_alphanumeric() && !is_cjk_punctuation(c) {
            out.push(hash(b's', std::iter::once(c)));
        }
    }
    if letters >= 8 && capitals * 10 >= letters * 7 {
        out.push(hash(b'!', "caps".chars()));
    }
    for (mark, name) in [
        ("!!", "exclaim"),
        ("！！", "exclaim"),
        ("??", "question"),
        ("？？", "question"),
    ] {
        if raw.contains(mark) {
            out.push(hash(b'!', name.chars()));
        }
    }
}

fn is_cjk_punctuation(c: char) -> bool {
    matches!(c as u32, 0x3000..=0x303F | 0xFF00..=0xFFEF)
}

/// Scripts written without spaces between words.
fn is_unspaced(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF      // kana
        | 0x3400..=0x4DBF    // CJK extension A
        | 0x4E00..=0x9FFF    // CJK unified
        | 0xF900..=0xFAFF    // CJK compatibility
        | 0x0E00..=0x0E7F) // Thai
}

fn is_hangul(c: char) -> bool {
    matches!(c as u32, 0xAC00..=0xD7AF)
}

/// FNV-1a over a namespace byte and the UTF-8 of `chars`, folded to a bucket.
fn hash(namespace: u8, chars: impl Iterator<Item = char>) -> u32 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |b: u8| {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    };
    eat(namespace);
    let mut buf = [0u8; 4];
    for c in chars {
        c.encode_utf8(&mut buf).bytes().for_each(&mut eat);
    }
    // Fold the high bits in: FNV's low bits alone are poorly mixed.
    ((h ^ (h >> 29) ^ (h >> 47)) & MASK) as u32
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::fold;

    fn features(text: &str) -> Vec<u32> {
        extract(text, &fold(text), &[])
    }

    #[test]
    fn typos_share_most_character_features() {
        let a = features("reembolso");
        let b = features("rembolso");
        let shared = a.iter().filter(|f| b.contains(f)).count();
        assert!(shared * 2 >= a.len(), "{shared} of {}", a.len());
    }

    #[test]
    fn unspaced_text_yields_character_ngrams() {
        assert_eq!(features("退款").len(), 3, "退, 款, 退款");
        assert_eq!(
            features("退款！").len(),
            3,
            "full-width punctuation is not a signal"
        );
        assert_eq!(features("退款😡").len(), 4, "emoji is");
        assert!(features("").is_empty());
    }

    #[test]
    fn features_are_sorted_distinct_and_bounded() {
        let f = features("where is my order where is my order");
        assert!(f.windows(2).all(|w| w[0] < w[1]));
        assert!(f.iter().all(|&x| x < 1 << BITS));
        let huge = "a".repeat(1_000_000);
        assert!(features(&huge).len() < 20);
        assert!(features(&"😡".repeat(1_000_000)).len() == 1);
        let long_words = "abcdefghij ".repeat(100_000);
        assert!(features(&long_words).len() <= MAX_CHARS * 3);
    }
}
