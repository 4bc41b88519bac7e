//! `intentlens`: the analyzer on the command line.
//!
//! ```text
//! intentlens classify "TEXT"        one analysis, as pretty JSON
//! intentlens classify               JSON Lines in, JSON Lines out
//! intentlens classify --text        every stdin line is a raw message
//! intentlens classify --explain …    add the cue phrases that fired
//! intentlens eval FILE.jsonl          accuracy report on labelled messages
//! intentlens train                    retrain data/model/ from data/corpus/
//! ```
//!
//! In JSON Lines mode each input line is an object `{"id": …, "text": …}` or
//! a bare JSON string, and yields exactly one output line, in order, carrying
//! the input's `id`. A line that cannot be read yields `{"line": N, "error":
//! …}` instead and processing goes on; the exit status is then 1. Blank lines
//! are skipped.

use intentlens::corpus::{self, Labeled};
use intentlens::linear::TrainParams;
use intentlens::model::{self, Models};
use intentlens::{analyze, analyze_with, cues, evaluate, Analysis, CueMatch};
use serde::Serialize;
use serde_json::Value;
use std::io::{self, BufRead, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const USAGE: &str = "\
usage: intentlens classify [--text] [--explain] [TEXT]
       intentlens eval [--json] [--baseline] FILE.jsonl|DIR ...
       intentlens train [--corpus DIR] [--out DIR] [--seed N] [--epochs N]
                        [--learning-rate X] [--l2 X] [--prune N] [--min-count N]

  classify TEXT     print the analysis of one message as JSON
  classify          read JSON Lines from stdin: {\"id\": ..., \"text\": ...} or a
                    JSON string per line; write one JSON analysis per line
  classify --text   read stdin lines as raw message text
  --explain         add \"cues\": the phrases that drove the labels

  eval              score labelled JSON Lines (the corpus format): accuracy,
                    macro-F1, per intent and language, confusions, risks,
                    emotion; --json for machines; --baseline for the
                    keyword-only analyzer
  train             learn the intent, emotion and language models from
                    DIR/train/*.jsonl (default data/corpus), write them to
                    data/model/, and report on DIR/dev/ (deterministic per seed)
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut args = args.iter().map(String::as_str);
    match args.next() {
        Some("classify") => {}
        Some("eval") => return eval(args.collect()),
        Some("train") => return train(args.collect()),
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

/// Reads labelled messages from files or directories of `*.jsonl`.
fn read_labeled(paths: &[PathBuf]) -> Result<Vec<Labeled>, corpus::CorpusError> {
    let mut rows = Vec::new();
    for p in paths {
        rows.extend(if p.is_dir() {
            corpus::read_dir(p)?
        } else {
            corpus::read_file(p)?
        });
    }
    Ok(rows)
}

fn eval(args: Vec<&str>) -> ExitCode {
    let mut json = false;
    let mut baseline = false;
    let mut paths = Vec::new();
    for arg in args {
        match arg {
            "--json" => json = true,
            "--baseline" => baseline = true,
            flag if flag.starts_with("--") => {
                return usage_error(&format!("unknown option {flag}"))
            }
            path => paths.push(PathBuf::from(path)),
        }
    }
    if paths.is_empty() {
        return usage_error("eval needs a labelled .jsonl file or directory");
    }
    let rows = match read_labeled(&paths) {
        Ok(rows) => rows,
        Err(e) => {
            eprintln!("intentlens: {e}");
            return ExitCode::from(1);
        }
    };
    let models = if baseline {
        Models::none()
    } else {
        Models::builtin()
    };
    let report = evaluate::report(&rows, &predict(models, &rows));
    if json {
        println!(
            "{}",
            serde_json::to_string_pretty(&report).expect("report serialises")
        );
    } else {
        print!("{report}");
    }
    ExitCode::SUCCESS
}

fn predict(models: &Models, rows: &[Labeled]) -> Vec<Analysis> {
    rows.iter().map(|r| analyze_with(models, &r.text)).collect()
}

fn train(args: Vec<&str>) -> ExitCode {
    let mut corpus_dir = PathBuf::from("data/corpus");
    let mut out = PathBuf::from("data/model");
    let mut params = TrainParams::default();
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        let value = args.next().ok_or_else(|| format!("{arg} needs a value"));
        let result = value.and_then(|v| match arg {
            "--corpus" => {
                corpus_dir = v.into();
                Ok(())
            }
            "--out" => {
                out = v.into();
                Ok(())
            }
            "--seed" => number(arg, v).map(|n| params.seed = n),
            "--epochs" => number(arg, v).map(|n| params.epochs = n),
            "--learning-rate" => number(arg, v).map(|n| params.learning_rate = n),
            "--l2" => number(arg, v).map(|n| params.l2 = n),
            "--min-count" => number(arg, v).map(|n| params.min_count = n),
            "--prune" => number(arg, v).map(|n| params.prune = n),
            other => Err(format!("unknown option {other}")),
        });
        if let Err(e) = result {
            return usage_error(&e);
        }
    }
    let rows = match corpus::read_dir(&corpus_dir.join("train")) {
        Ok(rows) => rows,
        Err(e) => {
            eprintln!("intentlens: {e}");
            return ExitCode::from(1);
        }
    };
    eprintln!(
        "training on {} messages from {} (seed {})",
        rows.len(),
        corpus_dir.join("train").display(),
        params.seed
    );
    let models = model::train(&rows, params);
    if let Err(e) = write_models(&models, &out) {
        eprintln!("intentlens: cannot write {}: {e}", out.display());
        return ExitCode::from(1);
    }
    let dev_dir = corpus_dir.join("dev");
    if dev_dir.is_dir() {
        match corpus::read_dir(&dev_dir) {
            Ok(dev) => println!(
                "dev split ({}):\n{}",
                dev_dir.display(),
                evaluate::report(&dev, &predict(&models, &dev))
            ),
            Err(e) => eprintln!("intentlens: dev split not evaluated: {e}"),
        }
    }
    ExitCode::SUCCESS
}

/// Parses an option's numeric value, naming the option when it is not one.
fn number<T: std::str::FromStr>(option: &str, value: &str) -> Result<T, String> {
    value
        .parse()
        .map_err(|_| format!("{option} takes a number, got {value:?}"))
}

fn write_models(models: &Models, out: &Path) -> io::Result<()> {
    std::fs::create_dir_all(out)?;
    for (name, m) in [
        ("intent", &models.intent),
        ("emotion", &models.emotion),
        ("language", &models.language),
    ] {
        let bytes = m.as_ref().map(|m| m.to_bytes()).unwrap_or_default();
        let path = out.join(format!("{name}.bin"));
        std::fs::write(&path, &bytes)?;
        let rows = m.as_ref().map_or(0, |m| m.stored_rows());
        eprintln!(
            "wrote {} ({} bytes, {} weight rows)",
            path.display(),
            bytes.len(),
            rows
        );
    }
    Ok(())
}
