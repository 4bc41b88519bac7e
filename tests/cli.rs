//! The `intentlens classify` contract, run as a user runs it: the real
//! binary, real stdin and stdout, the exit status.

use serde_json::Value;
use std::io::Write;
use std::process::{Command, Output, Stdio};

fn intentlens(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_intentlens"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run intentlens");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn lines(out: &Output) -> Vec<Value> {
    String::from_utf8(out.stdout.clone())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{l}: {e}")))
        .collect()
}

#[test]
fn one_text_argument_prints_one_analysis() {
    let out = intentlens(
        &["classify", "I want to cancel my order 112-3456789-1234567"],
        "",
    );
    assert!(out.status.success());
    let a: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(a["intent"], "cancel_order");
    assert_eq!(a["language"], "en");
    assert_eq!(a["entities"][0]["kind"], "order_id");
    assert_eq!(a["entities"][0]["text"], "112-3456789-1234567");
    for key in ["confidence", "intents", "emotion", "risks", "needs_human"] {
        assert!(a.get(key).is_some(), "missing {key}");
    }
}

#[test]
fn json_lines_keep_order_and_ids_and_report_bad_lines() {
    let input = concat!(
        r#"{"id": 7, "text": "¿Dónde está mi pedido? Ya pasaron dos semanas"}"#,
        "\n",
        "this is not json\n",
        "\n",
        r#""我要退款""#,
        "\n",
        r#"{"id": "x-1", "body": "no text field"}"#,
        "\n",
        r#"{"id": "x-2", "text": "Kak, barangnya rusak"}"#,
        "\n",
    );
    let out = intentlens(&["classify"], input);
    assert_eq!(
        out.status.code(),
        Some(1),
        "a failed line makes the exit status 1"
    );
    let got = lines(&out);
    assert_eq!(got.len(), 5, "one output per non-blank input line: {got:?}");
    assert_eq!(got[0]["id"], 7);
    assert_eq!(got[0]["intent"], "order_status");
    assert_eq!(got[1]["line"], 2);
    assert!(got[1]["error"]
        .as_str()
        .unwrap()
        .starts_with("not valid JSON"));
    assert!(got[2].get("id").is_none());
    assert_eq!(got[2]["intent"], "refund_request");
    assert_eq!(got[3]["line"], 5);
    assert_eq!(got[3]["error"], "object has no \"text\" field");
    assert_eq!(got[4]["id"], "x-2");
    assert_eq!(got[4]["intent"], "damaged_defective");
}

#[test]
fn all_valid_lines_exit_zero() {
    let out = intentlens(
        &["classify"],
        "\"hello\"\r\n{\"id\":1,\"text\":\"thanks, got it\"}\n",
    );
    assert!(out.status.success());
    assert_eq!(lines(&out).len(), 2);
}

#[test]
fn text_mode_treats_lines_as_raw_messages() {
    let out = intentlens(
        &["classify", "--text"],
        "{\"not\": \"json\"}\nwhere is my refund?\n\n",
    );
    assert!(out.status.success());
    let got = lines(&out);
    assert_eq!(got.len(), 2);
    assert_eq!(got[1]["intent"], "refund_request");
}

#[test]
fn empty_input_gives_empty_output() {
    let out = intentlens(&["classify"], "");
    assert!(out.status.success());
    assert!(out.stdout.is_empty());
}

#[test]
fn usage_errors_exit_2_with_help() {
    let out = intentlens(&["frobnicate"], "");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("usage: intentlens classify"));
    let out = intentlens(&["classify", "--bogus"], "");
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn eval_reports_on_labelled_messages_and_names_bad_lines() {
    let dir = std::env::temp_dir().join(format!("intentlens-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let good = dir.join("good.jsonl");
    std::fs::write(
        &good,
        concat!(
            r#"{"text": "I want to cancel my order", "intent": "cancel_order", "language": "en"}"#,
            "\n",
            r#"{"text": "Where is my refund?", "intent": "refund_request", "language": "en"}"#,
            "\n",
        ),
    )
    .unwrap();
    let out = intentlens(&["eval", "--json", good.to_str().unwrap()], "");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["messages"], 2);
    assert_eq!(report["accuracy"], 1.0);
    assert_eq!(report["per_language"]["en"], 1.0);

    let bad = dir.join("bad.jsonl");
    std::fs::write(
        &bad,
        "{\"text\": \"hi\", \"intent\": \"other\"}\n{\"text\": \"x\", \"intent\": \"refund\"}\n",
    )
    .unwrap();
    let out = intentlens(&["eval", bad.to_str().unwrap()], "");
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("bad.jsonl line 2") && err.contains("refund"),
        "{err}"
    );
    std::fs::remove_dir_all(&dir).ok();
}
