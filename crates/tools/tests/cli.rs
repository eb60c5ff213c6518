//! The `oms` command-line tool on the bundled snapshot and the fixtures.

use std::process::Command;

fn oms(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_oms"))
        .args(args)
        .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
        .output()
        .expect("oms runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn validate_accepts_the_bundled_snapshot() {
    let (code, out, _) = oms(&["validate", "public/data/snapshot.json"]);
    assert_eq!(code, 0);
    assert_eq!(out, "public/data/snapshot.json: valid\n");
}

#[test]
fn validate_prints_every_problem_with_its_path_and_fails() {
    let (code, out, err) = oms(&["validate", "tests/fixtures/invalid-many.json"]);
    assert_eq!(code, 1);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 11, "{out}");
    assert!(lines.contains(&"sources[0].url: a link must start with https:// or http://"));
    assert!(lines.contains(&"metrics[0].values[0].value: a percentage must be between 0 and 100"));
    assert!(err.contains("11 problem(s)"));
    let (code, out, _) = oms(&["validate", "tests/fixtures/malformed.json"]);
    assert_eq!(code, 1);
    assert!(
        out.starts_with("tests/fixtures/malformed.json: not JSON:"),
        "{out}"
    );
    let (code, out, _) = oms(&["validate", "tests/fixtures/does-not-exist.json"]);
    assert_eq!(code, 1);
    assert!(out.contains("does-not-exist.json"));
}

#[test]
fn summary_prints_the_headline_every_measure_and_the_sha256() {
    let (code, out, _) = oms(&["summary", "public/data/snapshot.json", "--lang", "it"]);
    assert_eq!(code, 0);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "Cina in testa di 1,3 punti percentuali");
    assert_eq!(lines.iter().filter(|l| l.starts_with("- ")).count(), 8);
    // Each annotation under its measure, in the language asked for, with what it points at.
    let notes: Vec<&&str> = lines.iter().filter(|l| l.starts_with("  ")).collect();
    assert_eq!(notes.len(), 2, "{out}");
    assert!(
        notes[0].contains("Per il Financial Times") && notes[0].contains("(Cina, ago"),
        "{}",
        notes[0]
    );
    let under = lines.iter().position(|l| l == notes[0]).unwrap();
    assert!(lines[under - 1].starts_with("- "), "under its measure");
    let bytes = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../public/data/snapshot.json"
    ))
    .unwrap();
    let want = format!("sha256 {}", oms_core::sha256::hex(&bytes));
    assert_eq!(lines.last().copied(), Some(want.as_str()));
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(oms(&[]).0, 2);
    assert_eq!(oms(&["frobnicate", "x"]).0, 2);
    assert_eq!(
        oms(&["summary", "public/data/snapshot.json", "--lang", "fr"]).0,
        2
    );
}
