//! `intentlens`: the analyzer on the command line.
//!
//! ```text
//! intentlens classify "TEXT"        one analysis, as pretty JSON
//! intentlens classify               JSON Lines in, JSON Lines out
//! intentlens classify --text        every stdin line is a raw message
//! intentlens classify --explain …    add the cue phrases that fired
//! ```
//!
//! In JSON Lines mode each input line is an object `{"id": …, "text": …}` or
//! a bare JSON string, and yields exactly one output line, in order, carrying
//! the input's `id`. A line that cannot be read yields `{"line": N, "error":
//! …}` instead and processing goes on; the exit status is then 1. Blank lines
//! are skipped.

use intentlens::{analyze, cues, Analysis, CueMatch};
use serde::Serialize;
use serde_json::Value;
use std::io::{self, BufRead, BufWriter, Write};
use std::process::ExitCode;

const USAGE: &str = "\
usage: intentlens classify [--text] [--explain] [TEXT]

  classify TEXT     print the analysis of one message as JSON
  classify          read JSON Lines from stdin: {\"id\": ..., \"text\": ...} or a
                    JSON string per line; write one JSON analysis per line
  classify --text   read stdin lines as raw message text
  --explain         add \"cues\": the phrases that drove the labels
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut args = args.iter().map(String::as_str);
    match args.next() {
        Some("classify") => {}
        Some("-h" | "--help" | "help") => {
            print!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Some("-V" | "--version") => {
            println!("intentlens {}", env!("CARGO_PKG_VERSION"));
            return ExitCode::SUCCESS;
        }
        _ => return usage_error("expected a command"),
    }
    let mut raw_lines = false;
    let mut explain = false;
    let mut text = None;
    for arg in args {
        match arg {
            "--text" => raw_lines = true,
            "--explain" => explain = true,
            flag if flag.starts_with("--") => {
                return usage_error(&format!("unknown option {flag}"))
            }
            t if text.is_none() => text = Some(t),
            _ => return usage_error("give the message as one argument (quote it)"),
        }
    }
    if let Some(text) = text {
        let json = serde_json::to_string_pretty(&Output::new(None, text, explain))
            .expect("analysis serialises");
        println!("{json}");
        return ExitCode::SUCCESS;
    }
    let stdin = io::stdin().lock();
    let stdout = io::stdout().lock();
    match classify_lines(stdin, BufWriter::new(stdout), raw_lines, explain) {
        Ok(0) => ExitCode::SUCCESS,
        Ok(_) => ExitCode::from(1),
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("intentlens: {e}");
            ExitCode::from(2)
        }
    }
}

fn usage_error(message: &str) -> ExitCode {
    eprintln!("intentlens: {message}\n\n{USAGE}");
    ExitCode::from(2)
}

#[derive(Serialize)]
struct Output<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<&'a Value>,
    #[serde(flatten)]
    analysis: Analysis,
    #[serde(skip_serializing_if = "Option::is_none")]
    cues: Option<Vec<CueMatch>>,
}

impl<'a> Output<'a> {
    fn new(id: Option<&'a Value>, text: &str, explain: bool) -> Self {
        Output {
            id,
            analysis: analyze(text),
            cues: explain.then(|| cues(text)),
        }
    }
}

#[derive(Serialize)]
struct LineError {
    line: usize,
    error: String,
}

/// Classifies every line of `input`, returning how many lines failed.
fn classify_lines(
    input: impl BufRead,
    mut out: impl Write,
    raw_lines: bool,
    explain: bool,
) -> io::Result<usize> {
    let mut failed = 0;
    for (n, line) in input.split(b'\n').enumerate() {
        let line = line?;
        let line_no = n + 1;
        let result = match std::str::from_utf8(&line) {
            Err(_) => Err("not valid UTF-8".to_string()),
            Ok(line) => {
                let line = line.strip_suffix('\r').unwrap_or(line);
                if line.trim().is_empty() {
                    continue;
                }
                if raw_lines {
                    Ok((None, line.to_string()))
                } else {
                    parse_line(line)
                }
            }
        };
        match result {
            Ok((id, text)) => {
                serde_json::to_writer(&mut out, &Output::new(id.as_ref(), &text, explain))?;
            }
            Err(error) => {
                failed += 1;
                serde_json::to_writer(
                    &mut out,
                    &LineError {
                        line: line_no,
                        error,
                    },
                )?;
            }
        }
        out.write_all(b"\n")?;
    }
    out.flush()?;
    Ok(failed)
}

/// `{"id": …, "text": "…"}` or `"…"`.
fn parse_line(line: &str) -> Result<(Option<Value>, String), String> {
    match serde_json::from_str::<Value>(line) {
        Err(e) => Err(format!("not valid JSON: {e}")),
        Ok(Value::String(text)) => Ok((None, text)),
        Ok(Value::Object(mut object)) => match object.remove("text") {
            Some(Value::String(text)) => Ok((object.remove("id"), text)),
            Some(_) => Err("\"text\" must be a string".into()),
            None => Err("object has no \"text\" field".into()),
        },
        Ok(_) => Err("expected a JSON string or an object with a \"text\" field".into()),
    }
}
