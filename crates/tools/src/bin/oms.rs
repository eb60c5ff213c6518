//! The command-line tool for data editors, sharing the widget's core:
//!
//! ```text
//! oms validate FILE   every problem of the snapshot FILE with its field path; exit 1 if any
//! oms summary FILE    the headline, the summary of every measure, and the SHA-256 of FILE
//! oms build-series INPUT --revision REV --snapshot FILE --out FILE [options]
//!                     computed shares over time from the study's dataset (Parquet or CSV), merged
//!                     into a snapshot (see the README's data section)
//! ```

fn main() {
    std::process::exit(cli::run(std::env::args().skip(1).collect()));
}

mod cli {
    use oms_core::snapshot::{self, Json, Snapshot};
    use oms_core::text::{self, Lang};
    use oms_core::{figures, sha256};

    const USAGE: &str = "usage: oms validate FILE | oms summary FILE [--lang en|it|zh] | oms build-series INPUT --revision REV --snapshot FILE --out FILE [options]";

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
        if args.first().map(String::as_str) == Some("build-series") {
            return super::build::run(&args[1..]);
        }
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
                    for i in s.metrics.indices() {
                        println!("- {}", text::summary(lang, &s, i, &[]));
                        for a in s.annotations.iter().filter(|a| a.metric == i) {
                            println!("  {}", text::annotation_item(lang, &s, a));
                        }
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

mod build {
    use oms_core::period::Period;
    use oms_core::snapshot::{self, Json};
    use oms_tools::builder::engine::Builder;
    use oms_tools::builder::merge::{self, Options};
    use oms_tools::builder::progress::Progress;
    use oms_tools::builder::spill::Plan;
    use oms_tools::builder::{self, csv, parquet, Columns, Config, FirstRule, ResetRule, Step};
    use std::path::Path;

    const HELP: &str = "usage: oms build-series INPUT --revision REV --snapshot FILE --out FILE
  INPUT                 the dataset file: .parquet, or .csv with the same columns
  --revision REV        the dataset revision (commit) INPUT came from (recorded)
  --snapshot FILE       the snapshot to merge into; --out FILE where to write (may be the same)
  --step month|quarter  the period of each share (month)
  --top N               organisations with a series of their own (5)
  --decimals N          decimal places of each share (1)
  --reset hold|restart  what a counter reset counts for (hold)
  --first baseline|count  what a model's first row counts for (baseline)
  --group ID=V1,V2      a country group and its dataset values; repeat; replaces the defaults
  --model-column, --org-column, --country-column, --time-column, --downloads-column NAME
  --generated YYYY-MM-DD  the snapshot's generated date (today)";

    fn today() -> Period {
        let secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        let (y, m, d) = builder::day_from_epoch((secs / 86_400) as i64).unwrap_or((2026, 1, 1));
        Period::Day(y, m, d)
    }

    /// Streams the input through the builder: memory holds a batch of rows and a partition of
    /// records, never the file.
    fn read_and_compute(
        path: &Path,
        columns: &Columns,
        config: &Config,
    ) -> Result<builder::Computed, builder::BuildError> {
        let is_csv = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("csv"));
        let mut rows = 0u64;
        if is_csv {
            let file =
                std::fs::File::open(path).map_err(|e| builder::BuildError::Read(e.to_string()))?;
            // About 60 bytes a row: enough to size the partitions.
            let size = file.metadata().map_or(0, |m| m.len());
            let mut builder = Builder::new(config, Plan::for_rows(size / 60));
            let mut progress = Progress::on_terminal(None);
            csv::read_from(
                std::io::BufReader::with_capacity(1 << 16, file),
                columns,
                &mut |row| {
                    rows += 1;
                    progress.rows(rows);
                    builder.push(&row)
                },
            )?;
            builder.finish(&mut progress)
        } else {
            let input = parquet::open(path, columns)?;
            let mut builder = Builder::new(config, Plan::for_rows(input.rows()));
            let mut progress = Progress::on_terminal(Some(input.rows()));
            input.read(&mut |row| {
                rows += 1;
                progress.rows(rows);
                builder.push(&row)
            })?;
            builder.finish(&mut progress)
        }
    }

    /// The SHA-256 of the file, read in pieces.
    fn sha256_of(path: &Path) -> std::io::Result<String> {
        use std::io::Read;
        let mut f = std::fs::File::open(path)?;
        let mut hasher = oms_core::sha256::Sha256::new();
        let mut buf = vec![0u8; 1 << 20];
        loop {
            let n = f.read(&mut buf)?;
            if n == 0 {
                return Ok(hasher.finish_hex());
            }
            hasher.update(&buf[..n]);
        }
    }

    fn fail(msg: &str) -> i32 {
        eprintln!("oms build-series: {msg}");
        1
    }

    pub fn run(args: &[String]) -> i32 {
        let mut input: Option<&str> = None;
        let mut flags: Vec<(&str, &str)> = Vec::new();
        let mut i = 0;
        while i < args.len() {
            let a = args[i].as_str();
            if a == "--help" || a == "-h" {
                println!("{HELP}");
                return 0;
            }
            if let Some(name) = a.strip_prefix("--") {
                let Some(v) = args.get(i + 1) else {
                    eprintln!("--{name} needs a value\n{HELP}");
                    return 2;
                };
                flags.push((name, v.as_str()));
                i += 2;
            } else if input.is_none() {
                input = Some(a);
                i += 1;
            } else {
                eprintln!("unexpected argument {a}\n{HELP}");
                return 2;
            }
        }
        let get = |k: &str| flags.iter().rev().find(|(n, _)| *n == k).map(|(_, v)| *v);
        let known = [
            "revision",
            "snapshot",
            "out",
            "step",
            "top",
            "decimals",
            "reset",
            "first",
            "group",
            "model-column",
            "org-column",
            "country-column",
            "time-column",
            "downloads-column",
            "generated",
        ];
        if let Some((bad, _)) = flags.iter().find(|(n, _)| !known.contains(n)) {
            eprintln!("unknown option --{bad}\n{HELP}");
            return 2;
        }
        let (Some(input), Some(revision), Some(snapshot_path), Some(out)) =
            (input, get("revision"), get("snapshot"), get("out"))
        else {
            eprintln!("{HELP}");
            return 2;
        };
        if revision.is_empty()
            || !revision
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
        {
            return fail("--revision must be a commit or tag: letters, digits, '.', '_', '-'");
        }

        let mut config = Config::default();
        let mut columns = Columns::default();
        let mut step = Step::Month;
        let mut decimals = 1u8;
        let mut generated = today();
        let mut groups = Vec::new();
        for (name, v) in &flags {
            let ok = match *name {
                "step" => Step::parse(v).map(|s| step = s).is_some(),
                "top" => v.parse().map(|n| config.top = n).is_ok(),
                "decimals" => v
                    .parse::<u8>()
                    .ok()
                    .filter(|d| *d <= 4)
                    .map(|d| decimals = d)
                    .is_some(),
                "reset" => ResetRule::parse(v).map(|r| config.reset = r).is_some(),
                "first" => FirstRule::parse(v).map(|r| config.first = r).is_some(),
                "group" => match builder::parse_group(v) {
                    Ok(g) => {
                        groups.push(g);
                        true
                    }
                    Err(e) => return fail(&e),
                },
                column @ ("model-column" | "org-column" | "country-column" | "time-column"
                | "downloads-column") => {
                    let slot = match column {
                        "model-column" => &mut columns.model,
                        "org-column" => &mut columns.org,
                        "country-column" => &mut columns.country,
                        "time-column" => &mut columns.time,
                        _ => &mut columns.downloads,
                    };
                    *slot = (*v).to_owned();
                    true
                }
                "generated" => match Period::parse(v) {
                    Some(p @ Period::Day(..)) => {
                        generated = p;
                        true
                    }
                    _ => false,
                },
                _ => true,
            };
            if !ok {
                return fail(&format!("--{name} {v}: not a valid value (see --help)"));
            }
        }
        if !groups.is_empty() {
            config.groups = groups;
        }

        let path = Path::new(input);
        let computed = match read_and_compute(path, &columns, &config) {
            Ok(c) => c,
            Err(e) => return fail(&format!("{input}: {e}")),
        };
        let sha = match sha256_of(path) {
            Ok(s) => s,
            Err(e) => return fail(&format!("{input}: {e}")),
        };

        let r = &computed.report;
        println!(
            "read {} rows: {} skipped (no date or count), {} duplicates merged; {} models; data from {} to {}",
            r.rows,
            r.skipped,
            r.duplicates,
            r.models,
            r.first_day.map_or(String::new(), builder::day_iso),
            r.last_day.map_or(String::new(), builder::day_iso)
        );
        println!(
            "first rows as baselines (rule {}): {} models",
            config.first.id(),
            r.baselines
        );
        println!("country values (models): ");
        for (value, group, n) in &r.country_values {
            println!("  {value} -> {group} ({n})");
        }
        println!(
            "counter resets (rule {}): {}",
            config.reset.id(),
            r.reset_count
        );
        for reset in &r.resets {
            println!(
                "  {} on {}: {} -> {}",
                reset.model,
                builder::day_iso(reset.day),
                reset.before,
                reset.after
            );
        }
        if r.reset_count > r.resets.len() {
            println!("  ... and {} more", r.reset_count - r.resets.len());
        }

        let text = match std::fs::read_to_string(snapshot_path) {
            Ok(t) => t,
            Err(e) => return fail(&format!("{snapshot_path}: {e}")),
        };
        let mut doc: serde_json::Value = match serde_json::from_str(&text) {
            Ok(d) => d,
            Err(e) => return fail(&format!("{snapshot_path}: not JSON: {e}")),
        };
        let before = match serde_json::from_value::<Json>(doc.clone())
            .map_err(|e| e.to_string())
            .and_then(|j| {
                snapshot::validate(&j).map_err(|ps| {
                    ps.iter()
                        .map(ToString::to_string)
                        .collect::<Vec<_>>()
                        .join("\n")
                })
            }) {
            Ok(s) => s,
            Err(e) => return fail(&format!("{snapshot_path} is not a valid snapshot:\n{e}")),
        };
        let checks = merge::check(&before, &computed);
        if checks.is_empty() {
            println!("check: the headline has no computed group to compare");
        } else {
            println!("check against the published headline (nothing is adjusted to match):");
            for c in &checks {
                println!("  {}", c.describe());
            }
        }

        let options = Options {
            step,
            decimals,
            input: path
                .file_name()
                .map_or(input.to_owned(), |n| n.to_string_lossy().into_owned()),
            input_sha256: sha,
            revision: revision.to_owned(),
            command: std::iter::once("oms build-series")
                .chain(args.iter().map(String::as_str))
                .collect::<Vec<_>>()
                .join(" "),
            generated,
        };
        if let Err(e) = merge::merge(&mut doc, &computed, &config, &options, &checks) {
            return fail(&e);
        }
        let problems = match serde_json::from_value::<Json>(doc.clone()) {
            Ok(j) => match snapshot::validate(&j) {
                Ok(_) => Vec::new(),
                Err(ps) => ps.iter().map(ToString::to_string).collect(),
            },
            Err(e) => vec![e.to_string()],
        };
        if !problems.is_empty() {
            for p in &problems {
                eprintln!("{p}");
            }
            return fail("the merged snapshot does not validate; nothing written");
        }
        let mut json = match serde_json::to_string_pretty(&doc) {
            Ok(j) => j,
            Err(e) => return fail(&e.to_string()),
        };
        json.push('\n');
        if let Err(e) = snapshot::check_size(json.len()) {
            return fail(&format!(
                "{e}; nothing written (try --step quarter or a smaller --top)"
            ));
        }
        if let Err(e) = std::fs::write(out, json) {
            return fail(&format!("{out}: {e}"));
        }
        println!(
            "wrote {out}: {} with {} periods of {} series{}",
            merge::GROUPS_METRIC,
            computed.periods(step).len(),
            computed.groups.len(),
            if computed.orgs.is_empty() {
                String::new()
            } else {
                format!(
                    ", and {} with {} organisations",
                    merge::ORGS_METRIC,
                    computed.orgs.len()
                )
            }
        );
        0
    }
}
