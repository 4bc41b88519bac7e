//! Which of the 19 contract languages a message is written in.
//!
//! Two signals, in order of strength. The writing system settles Chinese,
//! Japanese (any kana), Korean, Thai and Arabic outright, even when English
//! brand names are mixed in. Latin-script languages are told apart by their
//! most frequent short words and by letters only they use (ñ, ã, ß, ł, ğ, ơ…),
//! which survive even in two-word messages. Borrowed English words are so
//! common in buyer chat ("Kak, refund dong") that English loses ties.
//! When nothing matches — an order number, an emoji — the answer is `und`.

use crate::normalize::fold;
use crate::taxonomy::Language;
use std::collections::HashMap;
use std::sync::LazyLock;

/// Frequent or distinctive words per Latin-script language, folded (no
/// accents). A word may appear under several languages.
const WORDS: &[(Language, &str)] = &[
    (Language::En, "the is my i you it and to of not have was where what when this that with for please \
        item received thanks thank can will get would still your me we do did are has been hello hi \
        dear yet why how arrived want package"),
    (Language::Es, "el la los las de que y en mi por para con no es esta pero muy ya todavia cuando donde \
        como quiero pedido producto gracias hola llego porque una un del al su tengo me lo se buenas \
        paquete compra envio hace dias"),
    (Language::Pt, "o a os as de que e em meu minha para com nao esta mas muito ja ainda quando onde como \
        quero pedido produto obrigado obrigada ola chegou porque uma um do da voce tenho boa compra \
        entrega dias"),
    (Language::De, "der die das und ist ich nicht mein meine bestellung wo wann noch habe bitte danke mit \
        auf ein eine es sie zu den dem ware paket hallo leider schon"),
    (Language::Fr, "le la les de des et est je ne pas mon ma mes commande ou quand toujours merci bonjour \
        avec pour une un du vous colis recu j c n qu suis"),
    (Language::It, "il lo la gli le di che e non mio mia ordine dove quando ancora grazie ciao buongiorno \
        con per una un del della sono ho pacco ricevuto"),
    (Language::Nl, "de het een en is ik niet mijn bestelling waar wanneer nog heb alstublieft bedankt dank \
        met op van je u pakket ontvangen hallo graag"),
    (Language::Pl, "i w nie na jest moje moja moj zamowienie gdzie kiedy jeszcze dziekuje prosze z do sie \
        to paczka otrzymalem dzien dobry"),
    (Language::Sv, "och i att det ar jag inte min mitt bestallning var nar fortfarande tack hej med pa en \
        ett har paket fatt"),
    (Language::Tr, "ve bir bu icin ben degil siparis nerede ne zaman hala tesekkur tesekkurler merhaba ile \
        mi mu urun kargo aldim lutfen iade"),
    (Language::Id, "saya aku tidak gak nggak ga gk tdk sudah udah sdh belum blm pesanan barang brg kak \
        gan min yang yg dan di ini itu tolong terima kasih makasih dong kok bisa mau sampai sampe \
        kapan kenapa apa ya resi dikirim paket banget bgt"),
    (Language::Ms, "saya tak tidak nak sudah dah belum barang encik cik yang dan di ini itu tolong terima \
        kasih boleh mahu sampai bila kenapa apa ke lagi pun sahaja je awak dapat hantar pesanan"),
    (Language::Vi, "toi khong cua don hang da chua giao duoc ban cam on nhan la va co bao gio nay minh em \
        anh chi"),
    (Language::Tl, "po ang ng sa na ko yung hindi pa ba ako mo nyo salamat kailan saan dumating wala lang \
        naman ito sana paki"),
];

/// Letters that (almost) only one language uses, and how much they count.
fn letter_evidence(c: char) -> Option<(Language, u32)> {
    let l = match c {
        'ñ' | 'Ñ' | '¿' | '¡' => Language::Es,
        'ã' | 'õ' | 'Ã' | 'Õ' => Language::Pt,
        'ß' | 'ä' | 'Ä' => Language::De,
        'å' | 'Å' => Language::Sv,
        'ł' | 'Ł' | 'ą' | 'ę' | 'ś' | 'ź' | 'ż' | 'ć' | 'ń' | 'Ż' | 'Ś' => Language::Pl,
        'ğ' | 'ş' | 'ı' | 'İ' | 'Ğ' | 'Ş' => Language::Tr,
        'ơ' | 'ư' | 'đ' | 'Đ' | 'Ơ' | 'Ư' => Language::Vi,
        '\u{1EA0}'..='\u{1EF9}' => Language::Vi, // ạ ả ấ … ỹ: Vietnamese tone marks
        'è' | 'ê' | 'î' | 'û' | 'ë' | 'ï' | 'œ' => Language::Fr,
        'ì' | 'ò' => Language::It,
        _ => return None,
    };
    Some((l, 2))
}

/// What the writing system alone says about a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Script {
    /// A script of one contract language (Han, kana, Hangul, Thai, Arabic).
    Decided(Language),
    /// Latin letters: words must decide.
    Latin,
    /// No letters at all (numbers, emoji, punctuation).
    NoLetters,
}

/// Classifies `text` by writing system.
pub fn script(text: &str) -> Script {
    let mut han = 0usize;
    let mut kana = 0usize;
    let mut hangul = 0usize;
    let mut thai = 0usize;
    let mut arabic = 0usize;
    let mut latin = 0usize;
    for c in text.chars() {
        match c as u32 {
            0x3040..=0x30FF | 0x31F0..=0x31FF | 0xFF66..=0xFF9F => kana += 1,
            0x4E00..=0x9FFF | 0x3400..=0x4DBF | 0xF900..=0xFAFF => han += 1,
            0xAC00..=0xD7AF | 0x1100..=0x11FF | 0x3130..=0x318F => hangul += 1,
            0x0E00..=0x0E7F => thai += 1,
            0x0600..=0x06FF | 0x0750..=0x077F | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF => arabic += 1,
            _ if c.is_alphabetic() => latin += 1,
            _ => {}
        }
    }
    // Scripts of one language win over Latin words mixed into them: a single
    // kana makes Han text Japanese; otherwise the largest script decides.
    let scripts = [
        (Language::Ja, if kana > 0 { kana + han } else { 0 }),
        (Language::Zh, if kana == 0 { han } else { 0 }),
        (Language::Ko, hangul),
        (Language::Th, thai),
        (Language::Ar, arabic),
    ];
    let &(lang, n) = scripts
        .iter()
        .max_by_key(|(_, n)| *n)
        .expect("five scripts");
    // Two letters are enough when the Latin part is only a brand name or an
    // order number; one is enough when there is nothing else.
    if n >= 2 || (n == 1 && latin == 0) {
        Script::Decided(lang)
    } else if latin > 0 {
        Script::Latin
    } else {
        Script::NoLetters
    }
}

/// Scores of Latin-script languages from frequent words and telltale letters.
pub fn word_scores(text: &str) -> [u32; Language::ALL.len()] {
    let mut scores = [0u32; Language::ALL.len()];
    for c in text.chars() {
        if let Some((l, w)) = letter_evidence(c) {
            scores[l as usize] += w;
        }
    }
    for word in fold(text).split(' ') {
        if let Some(langs) = word_index().get(word) {
            for &lang in langs {
                scores[lang as usize] += 1;
            }
        }
    }
    scores
}

/// `WORDS` inverted: word → the languages that use it.
fn word_index() -> &'static HashMap<&'static str, Vec<Language>> {
    static INDEX: LazyLock<HashMap<&'static str, Vec<Language>>> = LazyLock::new(|| {
        let mut index: HashMap<&'static str, Vec<Language>> = HashMap::new();
        for &(lang, list) in WORDS {
            for word in list.split_ascii_whitespace() {
                let langs = index.entry(word).or_default();
                if !langs.contains(&lang) {
                    langs.push(lang);
                }
            }
        }
        index
    });
    &INDEX
}

/// Languages written in the Latin script, among which words decide.
pub fn is_latin(language: Language) -> bool {
    WORDS.iter().any(|(l, _)| *l == language)
}

/// Identifies the language of `text` by rules alone.
pub fn detect(text: &str) -> Language {
    match script(text) {
        Script::Decided(lang) => lang,
        Script::NoLetters => Language::Und,
        Script::Latin => {
            let scores = word_scores(text);
            // English loses ties: borrowed English words appear in every language.
            let mut best = Language::Und;
            let mut best_score = 0;
            for &lang in Language::ALL {
                let s = scores[lang as usize];
                if s > best_score || (s == best_score && s > 0 && best == Language::En) {
                    best = lang;
                    best_score = s;
                }
            }
            best
        }
    }
}

#[cfg(test)]
mod tests {
    use super::detect;
    use crate::taxonomy::Language::{self, *};

    fn check(cases: &[(&str, Language)]) {
        for (text, expected) in cases {
            assert_eq!(detect(text), *expected, "{text:?}");
        }
    }

    #[test]
    fn scripts_decide_outright() {
        check(&[
            ("我的订单什么时候发货？", Zh),
            ("請問我的包裹到哪裡了", Zh),
            ("注文した商品がまだ届きません", Ja),
            ("배송이 언제 되나요?", Ko),
            ("สินค้ายังไม่ได้รับค่ะ", Th),
            ("أين طلبي؟", Ar),
            ("iPhone 15 的手机壳有货吗", Zh),
        ]);
    }

    #[test]
    fn latin_languages_by_words_and_letters() {
        check(&[
            ("Where is my order? It still has not arrived", En),
            ("Hola, dónde está mi pedido? Todavía no llega", Es),
            ("Olá, meu pedido ainda não chegou", Pt),
            ("Kak, pesanan saya kok belum sampai ya?", Id),
            ("Barang saya tak sampai lagi, bila nak hantar?", Ms),
            ("Wo ist meine Bestellung? Ich habe noch nichts bekommen", De),
            ("Bonjour, je n'ai toujours pas reçu ma commande", Fr),
            ("Đơn hàng của tôi chưa được giao", Vi),
            ("Kailan po darating yung order ko?", Tl),
        ]);
    }

    #[test]
    fn code_mixing_keeps_the_buyers_language() {
        check(&[
            ("Kak, refund dong, barangnya rusak", Id),
            ("please refund 退款 谢谢", Zh),
        ]);
    }

    #[test]
    fn no_signal_is_und() {
        check(&[
            ("", Und),
            ("112-3456789-1234567", Und),
            ("😡😡😡", Und),
            ("SPXID041234567890", Und),
        ]);
    }
}
