//! Order numbers, tracking numbers, contact details and amounts in a message.
//!
//! Each marketplace and carrier formats its identifiers differently, and many
//! of them are bare digit runs, so recognition is two-staged: distinctive
//! shapes (Amazon `3-7-7`, UPS `1Z…`, UPU `LX123456789CN`, `SPXID…`) are
//! matched directly; bare digit runs are classified by the words just before
//! them ("tracking", "resi", "运单" make a tracking number; "order",
//! "pedido", "订单" an order id) and otherwise by length. When two readings of
//! the same span compete, the more specific pattern wins.

use crate::taxonomy::{Entity, EntityKind};
use regex::Regex;
use std::sync::LazyLock;

/// A pattern, what it finds, and how specific it is (lower wins overlaps).
struct Pattern {
    kind: Shape,
    priority: u8,
    regex: Regex,
}

#[derive(Clone, Copy)]
enum Shape {
    /// Always this kind.
    Fixed(EntityKind),
    /// A bare digit run: decided by context and length.
    Digits,
    /// A Shopee order SN: 6 digits then 8 capitals/digits with a letter.
    ShopeeSn,
    /// The group after an "order number:" phrase.
    LabelledOrder,
}

static PATTERNS: LazyLock<Vec<Pattern>> = LazyLock::new(|| {
    use EntityKind::*;
    // `\b` is an ASCII word boundary here: identifiers are ASCII, and one
    // glued to Chinese text ("电话13812345678") must still be found.
    let p = |kind, priority, re: &str| {
        let re = re.replace(r"\b", r"(?-u:\b)");
        Pattern {
            kind,
            priority,
            regex: Regex::new(&re).unwrap_or_else(|e| panic!("entity pattern {re}: {e}")),
        }
    };
    vec![
        p(
            Shape::Fixed(Url),
            0,
            r"(?i)\b(?:https?://|www\.)[^\s<>()\[\]{}]+",
        ),
        p(
            Shape::Fixed(Email),
            0,
            r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}",
        ),
        // Amazon 3-7-7 and eBay 2-5-5.
        p(
            Shape::Fixed(OrderId),
            1,
            r"\b\d{3}-\d{7}-\d{7}\b|\b\d{2}-\d{5}-\d{5}\b",
        ),
        // Carriers: UPS; UPU S10 (China Post, Correios, Japan Post, PostNL…);
        // YunExpress; Cainiao; 4PX; Shopee Express; J&T; Ninja Van; Flash;
        // Kerry; Lazada Express; DHL Express/eCommerce; USPS.
        p(
            Shape::Fixed(TrackingNumber),
            1,
            r"\b(?:1Z[0-9A-Z]{16}|[A-Z]{2}\d{9}[A-Z]{2}|YT\d{16}|LP\d{12,16}|4PX[0-9A-Z]{8,18}|SPX[A-Z]{2}\d{9,14}[A-Z]?|J[PXTDB]\d{10,12}|NV[A-Z]{2}[0-9A-Z]{8,14}|TH\d{10,13}[A-Z]?|KE[XY]?[A-Z]{1,3}\d{9,13}|(?:LEX|LXAD)[A-Z]{0,4}\d{8,14}|JD\d{16,18}|GM\d{16,20}|9[2-5]\d{18,20})\b",
        ),
        p(Shape::ShopeeSn, 2, r"\b\d{6}[0-9A-Z]{8}\b"),
        p(
            Shape::LabelledOrder,
            2,
            r"(?i)(?:order|pedido|pesanan|compra|commande|bestellung|ordine|encomenda|订单|訂單|注文)\s*(?:id|no\.?|number|n[º°o]\.?|número|nomor|号|號|番号)?\s*[:#：]?\s*#?([0-9][0-9A-Z-]{5,24})\b",
        ),
        // Shopify order names are "#1001".
        p(Shape::Fixed(OrderId), 3, r"#\d{4,8}\b"),
        p(
            Shape::Fixed(Amount),
            3,
            r"(?i)(?:US\$|R\$|MX\$|S\$|A\$|C\$|HK\$|NT\$|\$|€|£|¥|￥|₱|฿|₫|₩|₹|₺|\bRM|\bRp\.?|\b(?:USD|EUR|GBP|MXN|BRL|PHP|THB|VND|MYR|SGD|CNY|RMB|JPY|KRW|IDR|TRY|PLN|SEK|COP|CLP|ARS)\b)\s?\d[\d.,]*\d|\b\d[\d.,]*\s?(?:€|元|块|塊|円|zł|₫|(?:USD|EUR|VND|IDR|MXN|BRL|PHP|THB|MYR|dollars?|euros?|pesos?|reais|rupiah|ribu|rb|baht|ringgit|TL)\b)",
        ),
        p(
            Shape::Fixed(Phone),
            4,
            r"\+\d{1,3}[\s.-]?(?:\(\d{1,4}\)[\s.-]?)?\d{2,5}(?:[\s.-]?\d{2,5}){1,4}\b|\(\d{3}\)\s?\d{3}-\d{4}\b|\b0\d{2,4}(?:[\s.-]?\d{3,4}){2,3}\b|\b1[3-9]\d{9}\b",
        ),
        p(Shape::Digits, 5, r"\b\d{10,22}\b"),
    ]
});

/// Words just before an identifier that say what it is.
const TRACKING_CONTEXT: &[&str] = &[
    "track",
    "rastre",
    "seguimiento",
    "resi",
    "awb",
    "guia",
    "guía",
    "waybill",
    "sendungsnummer",
    "suivi",
    "运单",
    "快递单",
    "物流单",
    "單號",
    "追跡",
    "fedex",
    "dhl",
    "ups",
    "usps",
    "carrier",
];
const ORDER_CONTEXT: &[&str] = &[
    "order", "pedido", "pesanan", "compra", "commande", "bestell", "ordine", "订单", "訂單", "注文",
];

/// Finds every entity in `text`, in order, without overlaps. Offsets are in
/// Unicode scalar values.
pub fn extract(text: &str) -> Vec<Entity> {
    let mut found: Vec<(u8, usize, usize, EntityKind)> = Vec::new();
    for pattern in PATTERNS.iter() {
        for caps in pattern.regex.captures_iter(text) {
            let m = caps.get(1).unwrap_or_else(|| caps.get(0).expect("group 0"));
            let span = &text[m.start()..m.end()];
            let kind = match pattern.kind {
                Shape::Fixed(kind) => Some((kind, pattern.priority)),
                Shape::ShopeeSn => span[6..]
                    .bytes()
                    .any(|b| b.is_ascii_uppercase())
                    .then_some((EntityKind::OrderId, pattern.priority)),
                Shape::LabelledOrder => (span.bytes().filter(u8::is_ascii_digit).count() >= 5)
                    .then_some((EntityKind::OrderId, pattern.priority)),
                Shape::Digits => classify_digits(span, &text[..m.start()]),
            };
            if let Some((kind, priority)) = kind {
                let (start, end) = trim_trailing_punctuation(text, m.start(), m.end(), kind);
                found.push((priority, start, end, kind));
            }
        }
    }
    // Most specific first, then longest; keep what does not overlap a keeper.
    found.sort_by_key(|&(priority, start, end, _)| (priority, usize::MAX - (end - start), start));
    let mut kept: Vec<(usize, usize, EntityKind)> = Vec::new();
    for (_, start, end, kind) in found {
        if kept.iter().all(|&(s, e, _)| end <= s || start >= e) {
            kept.push((start, end, kind));
        }
    }
    kept.sort_by_key(|&(start, ..)| start);
    kept.into_iter()
        .map(|(start, end, kind)| Entity {
            kind,
            text: text[start..end].to_string(),
            start: text[..start].chars().count(),
            end: text[..end].chars().count(),
        })
        .collect()
}

/// A bare digit run is a tracking number or order id by the words before
/// it — and then outranks a phone-number reading; without such words, 15–19
/// digits is how Lazada, AliExpress, TikTok Shop and Mercado Libre number
/// orders, and USPS uses 20–22 digits.
fn classify_digits(digits: &str, before: &str) -> Option<(EntityKind, u8)> {
    const BY_CONTEXT: u8 = 1;
    const BY_LENGTH: u8 = 5;
    let window: String = before
        .chars()
        .rev()
        .take(32)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let window = window.to_lowercase();
    let last = |words: &[&str]| words.iter().filter_map(|w| window.rfind(w)).max();
    match (last(TRACKING_CONTEXT), last(ORDER_CONTEXT)) {
        (Some(t), Some(o)) if t > o => return Some((EntityKind::TrackingNumber, BY_CONTEXT)),
        (Some(_), None) => return Some((EntityKind::TrackingNumber, BY_CONTEXT)),
        (_, Some(_)) => return Some((EntityKind::OrderId, BY_CONTEXT)),
        (None, None) => {}
    }
    match digits.len() {
        15..=19 => Some((EntityKind::OrderId, BY_LENGTH)),
        20..=22 => Some((EntityKind::TrackingNumber, BY_LENGTH)),
        _ => None,
    }
}

/// URLs and amounts must not swallow the sentence's final "." or ",".
fn trim_trailing_punctuation(
    text: &str,
    start: usize,
    mut end: usize,
    kind: EntityKind,
) -> (usize, usize) {
    if matches!(
        kind,
        EntityKind::Url | EntityKind::Amount | EntityKind::Email
    ) {
        while end > start && text[..end].ends_with(['.', ',', ';', ':', '!', '?', '\'', '"']) {
            end -= 1;
        }
    }
    (start, end)
}

#[cfg(test)]
mod tests {
    use super::*;
    use EntityKind::*;

    fn kinds(text: &str) -> Vec<(EntityKind, String)> {
        extract(text)
            .into_iter()
            .map(|e| (e.kind, e.text))
            .collect()
    }

    fn one(text: &str, kind: EntityKind, span: &str) {
        let got = kinds(text);
        assert!(
            got.contains(&(kind, span.to_string())),
            "{text:?}: expected {kind} {span:?}, got {got:?}"
        );
    }

    #[test]
    fn marketplace_order_ids() {
        one(
            "Order 112-3456789-1234567 not here",
            OrderId,
            "112-3456789-1234567",
        );
        one("ebay order 12-34567-89012", OrderId, "12-34567-89012");
        one(
            "pesanan 2405127XKQJ3BD belum dikirim",
            OrderId,
            "2405127XKQJ3BD",
        );
        one("Lazada 123456789012345", OrderId, "123456789012345");
        one("AliExpress 8123456789012345", OrderId, "8123456789012345");
        one(
            "compra 2000004512345678 no llegó",
            OrderId,
            "2000004512345678",
        );
        one("TikTok 576123456789012345", OrderId, "576123456789012345");
        one("Shopify order #1042", OrderId, "#1042");
        one("订单号：3051234567890123", OrderId, "3051234567890123");
    }

    #[test]
    fn carrier_tracking_numbers() {
        for t in [
            "1Z999AA10123456784",
            "9400111899223344556677",
            "LX123456789CN",
            "NL123456789BR",
            "YT2412345678901234",
            "LP00123456789012",
            "SPXID041234567890",
            "JP1234567890",
            "NVIDSH1234567890",
        ] {
            one(&format!("tracking {t} please"), TrackingNumber, t);
            one(t, TrackingNumber, t);
        }
        one(
            "DHL tracking 1234567890 stuck",
            TrackingNumber,
            "1234567890",
        );
        one(
            "no resi 002345678901 kok gak update",
            TrackingNumber,
            "002345678901",
        );
    }

    #[test]
    fn contacts_and_amounts() {
        one("mail me at ana.b@example.com.", Email, "ana.b@example.com");
        one(
            "see https://shop.example/p?id=3.",
            Url,
            "https://shop.example/p?id=3",
        );
        one("WA +62 812-3456-7890", Phone, "+62 812-3456-7890");
        one("hubungi 0812345678", Phone, "0812345678");
        one("我的电话13812345678", Phone, "13812345678");
        one("I paid $25.99 twice", Amount, "$25.99");
        one("sudah bayar Rp150.000", Amount, "Rp150.000");
        one("退我199元", Amount, "199元");
        one("cost me €30, ok?", Amount, "€30");
        one("me cobraron 350 pesos", Amount, "350 pesos");
    }

    #[test]
    fn offsets_count_characters_not_bytes() {
        let text = "订单 112-3456789-1234567 没到";
        let e = &extract(text)[0];
        assert_eq!((e.start, e.end), (3, 22));
        let chars: Vec<char> = text.chars().collect();
        assert_eq!(chars[e.start..e.end].iter().collect::<String>(), e.text);
    }

    #[test]
    fn dates_and_small_numbers_are_not_entities() {
        assert!(kinds("ordered on 2024-05-12, size 42, 3 items").is_empty());
    }
}
