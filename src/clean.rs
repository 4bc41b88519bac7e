//! What is not the buyer's words is cut before classifying.
//!
//! Replies by email arrive with the seller's earlier message quoted below
//! ("On Mon, … wrote:", "> …"), a device signature ("Sent from my iPhone",
//! "iPhoneから送信") or a signature block after "-- ". Those words are the
//! seller's or the phone's, and they pull the intent towards whatever the
//! seller wrote last. Entities are still taken from the whole text, with
//! offsets into it: an order number in the quote is still the order.

/// Starts of lines that open a quoted earlier message: everything from
/// them on goes.
const QUOTE_OPENERS: &[&str] = &[
    "-----original message-----",
    "----- original message -----",
    "---- mensaje original ----",
    "-----mensaje original-----",
    "-----ursprüngliche nachricht-----",
    "-----message d'origine-----",
    "-----messaggio originale-----",
    "-----oorspronkelijk bericht-----",
    "------------------ 原始邮件 ------------------",
    "发件人:",
    "发件人：",
];

/// Endings of reply headers in several languages ("On … wrote:").
const WROTE: &[&str] = &[
    "wrote:",
    "escribió:",
    "escreveu:",
    "schrieb:",
    "a écrit :",
    "a écrit:",
    "ha scritto:",
    "schreef:",
    "skrev:",
    "napisał:",
    "yazdı:",
    "menulis:",
    "写道：",
    "写道:",
    "のメッセージ:",
];

/// Device signatures, matched as a whole line (case-insensitive).
const DEVICE_SIGNATURES: &[&str] = &[
    "sent from my iphone",
    "sent from my ipad",
    "sent from my android",
    "sent from my samsung",
    "sent from my galaxy",
    "sent from my huawei",
    "sent from outlook",
    "sent from yahoo mail",
    "get outlook for ios",
    "get outlook for android",
    "enviado desde mi iphone",
    "enviado desde mi android",
    "enviado desde mi samsung",
    "enviado do meu iphone",
    "enviado do meu android",
    "von meinem iphone gesendet",
    "von meinem ipad gesendet",
    "envoyé de mon iphone",
    "envoyé depuis mon iphone",
    "inviato da iphone",
    "inviato dal mio iphone",
    "verzonden vanaf mijn iphone",
    "skickat från min iphone",
    "wysłane z iphone",
    "iphone'umdan gönderildi",
    "dikirim dari iphone saya",
    "从我的iphone发送",
    "发自我的iphone",
    "iphoneから送信",
];

/// The buyer's own words in `text`: the text before any quoted message,
/// without device signatures or a `-- ` signature block. Falls back to the
/// whole text if cutting would leave nothing.
pub fn buyer_words(text: &str) -> String {
    let mut kept: Vec<&str> = Vec::new();
    for line in text.lines() {
        let trimmed = line.trim();
        let lower = trimmed.to_lowercase();
        if line.trim_end() == "--"
            || line == "-- "
            || trimmed.starts_with('>')
            || QUOTE_OPENERS.iter().any(|o| lower.starts_with(o))
        {
            break;
        }
        if is_reply_header(&lower) {
            break;
        }
        if DEVICE_SIGNATURES
            .iter()
            .any(|s| lower.trim_end_matches(['.', '!']) == *s)
        {
            continue;
        }
        kept.push(line);
    }
    let words = kept.join("\n");
    if words.trim().is_empty() {
        text.to_string()
    } else {
        words.trim_end().to_string()
    }
}

/// "On Tue, 3 Sep 2024 at 10:02, Lucky Shop <…> wrote:" and its translations.
fn is_reply_header(lower: &str) -> bool {
    WROTE.iter().any(|w| lower.ends_with(w)) && lower.chars().any(|c| c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::buyer_words;

    #[test]
    fn quoted_replies_and_signatures_are_cut() {
        let email = "Still nothing arrived, where is it?\n\nSent from my iPhone\n\nOn Mon, 2 Sep 2024 at 10:02, Lucky Shop <shop@example.com> wrote:\n> Thanks for your order! Leave us 5 stars";
        assert_eq!(buyer_words(email), "Still nothing arrived, where is it?");
        assert_eq!(
            buyer_words("Hola, ¿y mi pedido?\nEnviado desde mi iPhone"),
            "Hola, ¿y mi pedido?"
        );
        assert_eq!(
            buyer_words("届いていません\niPhoneから送信"),
            "届いていません"
        );
        assert_eq!(
            buyer_words("Refund please\n-- \nMaria Rossi\nVia Roma 1"),
            "Refund please"
        );
        assert_eq!(buyer_words("还没收到\n发件人: 店铺\n感谢购买"), "还没收到");
    }

    #[test]
    fn plain_messages_are_untouched_and_nothing_becomes_empty() {
        let plain = "Kak, barangnya rusak. Mau retur.\nMakasih";
        assert_eq!(buyer_words(plain), plain);
        assert_eq!(buyer_words("Sent from my iPhone"), "Sent from my iPhone");
        assert_eq!(buyer_words("> only a quote"), "> only a quote");
        // "wrote:" without a date is the buyer's own sentence.
        assert_eq!(
            buyer_words("This is what you wrote:\nfree shipping"),
            "This is what you wrote:\nfree shipping"
        );
    }
}
