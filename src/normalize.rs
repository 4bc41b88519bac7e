//! Folding text into the one form that cue phrases are matched against.
//!
//! Buyers type "donde esta mi pedido", "DÓNDE ESTÁ", "dónde está??" and
//! "ｄｏｎｄｅ" and mean the same thing, so both the message and every cue in
//! `data/lexicon/` go through [`fold`]: lowercase, Latin diacritics removed,
//! full-width forms made ASCII, anything that is not a letter, digit or mark
//! turned into a single space. Only Latin letters lose their marks: a Thai
//! vowel sign, a Japanese dakuten or a Hangul syllable carries meaning and is
//! kept as written.

use unicode_normalization::char::{decompose_compatible, is_combining_mark};

/// Folds `text` for matching. The result contains no leading, trailing or
/// doubled spaces, so a word boundary is exactly a space or an end.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for c in text.chars() {
        let mut push = |c: char| {
            if is_word_char(c) {
                if pending_space && !out.is_empty() {
                    out.push(' ');
                }
                pending_space = false;
                out.extend(c.to_lowercase());
            } else {
                pending_space = true;
            }
        };
        match special_fold(c) {
            Some(s) => s.chars().for_each(&mut push),
            None if is_foldable(c) => {
                // Compatibility decomposition turns "é" into "e" + U+0301 and
                // "Ａ" into "A"; the combining marks of Latin letters are dropped.
                decompose_compatible(c, |d| {
                    if !is_combining_mark(d) {
                        push(d)
                    }
                });
            }
            None => push(c),
        }
    }
    out
}

/// Letters, digits and combining marks (Thai vowels, Devanagari-style signs)
/// are part of words; everything else separates them.
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_combining_mark(c)
}

/// Latin letters with diacritics and full-width/half-width forms.
fn is_foldable(c: char) -> bool {
    matches!(c as u32, 0x00C0..=0x024F | 0x1E00..=0x1EFF | 0xFF01..=0xFF5E)
}

/// Letters that do not decompose but that buyers routinely type without
/// their stroke or as a digraph.
fn special_fold(c: char) -> Option<&'static str> {
    Some(match c {
        'ß' => "ss",
        'đ' | 'Đ' => "d",
        'ł' | 'Ł' => "l",
        'ı' => "i",
        'ø' | 'Ø' => "o",
        'æ' | 'Æ' => "ae",
        'œ' | 'Œ' => "oe",
        // Typographic apostrophes inside words ("don’t") fold like ASCII ones.
        '\u{2019}' | '\u{2018}' | '\'' => " ",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::fold;

    #[test]
    fn folds_case_accents_and_punctuation() {
        assert_eq!(fold("¿DÓNDE está mi pedido??"), "donde esta mi pedido");
        assert_eq!(fold("  Straße,  Łódź! "), "strasse lodz");
        assert_eq!(fold("ｗｈｅｒｅ　ｉｓ　it"), "where is it");
        assert_eq!(fold("don’t"), "don t");
    }

    #[test]
    fn keeps_meaningful_marks_of_other_scripts() {
        assert_eq!(fold("สินค้าเสียหาย"), "สินค้าเสียหาย");
        assert_eq!(fold("が届かない"), "が届かない");
        assert_eq!(fold("배송이 안 왔어요"), "배송이 안 왔어요");
        assert_eq!(fold("我的订单，在哪里？"), "我的订单 在哪里");
        assert_eq!(fold("Đơn hàng của tôi"), "don hang cua toi");
    }

    #[test]
    fn emoji_and_symbols_separate_words() {
        assert_eq!(fold("broken😡😡refund"), "broken refund");
        assert_eq!(fold(""), "");
        assert_eq!(fold("!!!"), "");
    }
}
