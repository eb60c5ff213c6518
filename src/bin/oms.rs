//! The command-line tool for data editors, sharing the widget's core:
//!
//! ```text
//! oms validate FILE   every problem of the snapshot FILE with its field path; exit 1 if any
//! oms summary FILE    the headline, the summary of every measure, and the SHA-256 of FILE
//! ```

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    std::process::exit(cli::run(std::env::args().skip(1).collect()));
}

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
mod cli {
    use open_model_share::snapshot::{self, Json, Snapshot};
    use open_model_share::text::{self, Lang};
    use open_model_share::{figures, sha256};

    const USAGE: &str = "usage: oms validate FILE | oms summary FILE [--lang en|it|zh]";

    /// Reads and validates FILE: the snapshot and its bytes, or the problems as printable lines.
    fn load(path: &str) -> Result<(Snapshot, Vec<u8>), Vec<String>> {
        let bytes = std::fs::read(path).map_err(|e| vec![format!("{path}: {e}")])?;
        snapshot::check_size(bytes.len()).map_err(|p| vec![p.to_string()])?;
        let text =
            std::str::from_utf8(&bytes).map_err(|e| vec![format!("{path}: not UTF-8: {e}")])?;
        let doc: Json =
            serde_json::from_str(text).map_err(|e| vec![format!("{path}: not JSON: {e}")])?;
        let s = snapshot::validate(&doc)
            .map_err(|ps| ps.iter().map(|p| p.to_string()).collect::<Vec<_>>())?;
        Ok((s, bytes))
    }

    pub fn run(args: Vec<String>) -> i32 {
        let lang = match args.iter().position(|a| a == "--lang") {
            Some(i) => match args
                .get(i + 1)
                .and_then(|l| Lang::ALL.into_iter().find(|x| x.code() == l))
            {
                Some(l) => l,
                None => {
                    eprintln!("{USAGE}");
                    return 2;
                }
            },
            None => Lang::En,
        };
        match (args.first().map(String::as_str), args.get(1)) {
            (Some("validate"), Some(path)) => match load(path) {
                Ok(_) => {
                    println!("{path}: valid");
                    0
                }
                Err(problems) => {
                    for p in &problems {
                        println!("{p}");
                    }
                    eprintln!("{path}: {} problem(s)", problems.len());
                    1
                }
            },
            (Some("summary"), Some(path)) => match load(path) {
                Ok((s, bytes)) => {
                    if let Some(h) = figures::headline(&s) {
                        println!("{}", text::lead_sentence(lang, &s, &h));
                    }
                    for i in 0..s.metrics.len() {
                        println!("- {}", text::summary(lang, &s, i, &[]));
                    }
                    println!("sha256 {}", sha256::hex(&bytes));
                    0
                }
                Err(problems) => {
                    for p in &problems {
                        println!("{p}");
                    }
                    1
                }
            },
            _ => {
                eprintln!("{USAGE}");
                2
            }
        }
    }
}
