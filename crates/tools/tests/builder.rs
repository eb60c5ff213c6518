//! The snapshot builder on small Parquet and CSV files written here, with known answers: a counter
//! reset, a model with no country, a row with no count, a model first seen after the data began, a
//! missing column and a column of the wrong type; then `oms build-series` end to end.

use oms_core::snapshot::{self, Json, Kind};
use oms_tools::builder::engine::Builder;
use oms_tools::builder::progress::Progress;
use oms_tools::builder::spill::Plan;
use oms_tools::builder::{self, compute, Columns, Config, ResetRule, Step};
use oms_tools::synth::{self, Order, Shape};
use parquet::basic::{Compression, LogicalType, Repetition, TimeUnit, Type as Physical, ZstdLevel};
use parquet::data_type::{
    ByteArray, ByteArrayType, DoubleType, FloatType, Int32Type, Int64Type, Int96, Int96Type,
};
use parquet::file::properties::WriterProperties;
use parquet::file::writer::{SerializedFileWriter, SerializedRowGroupWriter};
use parquet::schema::types::Type;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::Arc;

/// (model, author, country, date, cumulative downloads).
type Fixture = (
    &'static str,
    &'static str,
    Option<&'static str>,
    &'static str,
    Option<i64>,
);

/// (model, author, country, date, cumulative downloads). Expected, rule `hold`, first rows on the
/// first date as baselines:
/// - January: Qwen 100 + 200 = 300; Llama 200; no-country 50 (first seen later: in full);
///   Mistral (Germany) 50; the user's model 10 (new). All 610.
/// - February: Qwen 300; Llama 300, then a reset to 4000 (nothing), then 5600 (100 past 5500):
///   400; no-country 100; Mistral 50; user 20. All 870.
const ROWS: &[Fixture] = &[
    (
        "Qwen/Qwen2.5-7B",
        "Qwen",
        Some("China"),
        "2025-01-01",
        Some(1000),
    ),
    (
        "Qwen/Qwen2.5-7B",
        "Qwen",
        Some("China"),
        "2025-01-08",
        Some(1100),
    ),
    (
        "Qwen/Qwen2.5-7B",
        "Qwen",
        Some("China"),
        "2025-01-15",
        Some(1300),
    ),
    (
        "Qwen/Qwen2.5-7B",
        "Qwen",
        Some("China"),
        "2025-02-05",
        Some(1600),
    ),
    (
        "meta-llama/Llama-3.1-8B",
        "meta-llama",
        Some("USA"),
        "2025-01-01",
        Some(5000),
    ),
    (
        "meta-llama/Llama-3.1-8B",
        "meta-llama",
        Some("USA"),
        "2025-01-08",
        Some(5200),
    ),
    (
        "meta-llama/Llama-3.1-8B",
        "meta-llama",
        Some("USA"),
        "2025-02-05",
        Some(5500),
    ),
    (
        "meta-llama/Llama-3.1-8B",
        "meta-llama",
        Some("USA"),
        "2025-02-12",
        Some(4000),
    ),
    (
        "meta-llama/Llama-3.1-8B",
        "meta-llama",
        Some("USA"),
        "2025-02-19",
        Some(5600),
    ),
    ("someone/model", "someone", None, "2025-01-15", Some(50)),
    ("someone/model", "someone", None, "2025-02-05", Some(150)),
    (
        "mistralai/Mistral-7B",
        "mistralai",
        Some("Germany"),
        "2025-01-01",
        Some(300),
    ),
    (
        "mistralai/Mistral-7B",
        "mistralai",
        Some("Germany"),
        "2025-01-08",
        Some(350),
    ),
    (
        "mistralai/Mistral-7B",
        "mistralai",
        Some("Germany"),
        "2025-02-05",
        Some(400),
    ),
    ("user/tiny", "user", Some("User"), "2025-01-08", Some(10)),
    ("user/tiny", "user", Some("User"), "2025-02-05", Some(30)),
    ("broken/none", "broken", Some("USA"), "2025-01-08", None),
];

/// (group, January numerator, February numerator); denominators 610 and 870.
const EXPECTED: &[(&str, u64, u64)] = &[
    ("china", 300, 300),
    ("us", 200, 400),
    ("europe", 50, 50),
    ("unaffiliated", 10, 20),
    ("unknown", 50, 100),
    ("other-countries", 0, 0),
];

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("oms-builder-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

fn days_since_epoch(iso: &str) -> i64 {
    // Counting back from a known day is enough for the fixture's dates.
    let (y, m, d) = builder::parse_day(iso).expect("fixture date");
    let mut days = 20_089i64; // 2025-01-01
    let month_days = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    assert_eq!(y, 2025, "fixture dates are in 2025");
    for md in &month_days[..usize::from(m) - 1] {
        days += md;
    }
    days + i64::from(d) - 1
}

/// Writes the next column of `group` as optional strings.
fn write_text(group: &mut SerializedRowGroupWriter<'_, std::fs::File>, values: Vec<Option<&str>>) {
    write_strings(group, values, false);
}

/// Writes the next column of `group` as strings, optional or required (no definition levels).
fn write_strings(
    group: &mut SerializedRowGroupWriter<'_, std::fs::File>,
    values: Vec<Option<&str>>,
    required: bool,
) {
    let mut col = group.next_column().expect("column").expect("a column");
    let defs: Vec<i16> = values.iter().map(|v| i16::from(v.is_some())).collect();
    let data: Vec<ByteArray> = values.into_iter().flatten().map(ByteArray::from).collect();
    col.typed::<ByteArrayType>()
        .write_batch(&data, (!required).then_some(&defs[..]), None)
        .expect("write strings");
    col.close().expect("close column");
}

/// Writes the rows as the dataset does: strings, a nanosecond timestamp, an int64 count.
fn write_parquet(path: &Path, rows: &[Fixture], downloads_as_text: bool, codec: Compression) {
    let string = |name: &str| {
        Arc::new(
            Type::primitive_type_builder(name, Physical::BYTE_ARRAY)
                .with_logical_type(Some(LogicalType::String))
                .with_repetition(Repetition::OPTIONAL)
                .build()
                .expect("string column"),
        )
    };
    let time = Arc::new(
        Type::primitive_type_builder("time", Physical::INT64)
            .with_logical_type(Some(LogicalType::timestamp(false, TimeUnit::NANOS)))
            .with_repetition(Repetition::OPTIONAL)
            .build()
            .expect("time column"),
    );
    let downloads = if downloads_as_text {
        string("downloadsAllTime")
    } else {
        Arc::new(
            Type::primitive_type_builder("downloadsAllTime", Physical::INT64)
                .with_repetition(Repetition::OPTIONAL)
                .build()
                .expect("downloads column"),
        )
    };
    let schema = Arc::new(
        Type::group_type_builder("schema")
            .with_fields(vec![
                string("model"),
                string("author"),
                time,
                downloads,
                string("merged_country_groups_single"),
            ])
            .build()
            .expect("schema"),
    );
    let file = std::fs::File::create(path).expect("create parquet");
    let props = Arc::new(WriterProperties::builder().set_compression(codec).build());
    let mut writer = SerializedFileWriter::new(file, schema, props).expect("writer");
    let mut group = writer.next_row_group().expect("row group");
    write_text(&mut group, rows.iter().map(|r| Some(r.0)).collect());
    write_text(&mut group, rows.iter().map(|r| Some(r.1)).collect());
    {
        let mut col = group.next_column().expect("column").expect("time");
        let data: Vec<i64> = rows
            .iter()
            .map(|r| days_since_epoch(r.3) * 86_400_000_000_000)
            .collect();
        col.typed::<Int64Type>()
            .write_batch(&data, Some(&vec![1; rows.len()]), None)
            .expect("write times");
        col.close().expect("close column");
    }
    if downloads_as_text {
        let mut col = group.next_column().expect("column").expect("downloads");
        let data: Vec<ByteArray> = rows
            .iter()
            .map(|r| ByteArray::from(r.4.unwrap_or(0).to_string().as_str()))
            .collect();
        col.typed::<ByteArrayType>()
            .write_batch(&data, Some(&vec![1; rows.len()]), None)
            .expect("write");
        col.close().expect("close column");
    } else {
        let mut col = group.next_column().expect("column").expect("downloads");
        let defs: Vec<i16> = rows.iter().map(|r| i16::from(r.4.is_some())).collect();
        let data: Vec<i64> = rows.iter().filter_map(|r| r.4).collect();
        col.typed::<Int64Type>()
            .write_batch(&data, Some(&defs), None)
            .expect("write counts");
        col.close().expect("close column");
    }
    write_text(&mut group, rows.iter().map(|r| r.2).collect());
    group.close().expect("close row group");
    writer.close().expect("close file");
}

/// The same rows as a CSV export (pandas style: a float count column, times with a clock).
fn csv_text(rows: &[Fixture]) -> String {
    let mut out =
        String::from("model,author,time,downloadsAllTime,merged_country_groups_single,org_type\n");
    for r in rows {
        out.push_str(&format!(
            "{},\"{}\",{} 00:00:00,{},{},company\n",
            r.0,
            r.1,
            r.3,
            r.4.map_or(String::new(), |n| format!("{n}.0")),
            r.2.unwrap_or("")
        ));
    }
    out
}

fn check_known_answers(c: &builder::Computed) {
    assert_eq!(c.months, vec![(2025, 1), (2025, 2)]);
    assert_eq!(c.totals, vec![610, 870]);
    for (id, jan, feb) in EXPECTED {
        assert_eq!(c.group(id), Some(&[*jan, *feb][..]), "group {id}");
    }
    assert_eq!(c.report.rows, ROWS.len());
    assert_eq!(c.report.skipped, 1, "the row without a count");
    assert_eq!(c.report.models, 5);
    assert_eq!(
        c.report.baselines, 3,
        "Qwen, Llama and Mistral start on the first date"
    );
    assert_eq!(c.report.resets.len(), 1);
    assert_eq!(
        (
            c.report.resets[0].model.as_str(),
            c.report.resets[0].before,
            c.report.resets[0].after
        ),
        ("meta-llama/Llama-3.1-8B", 5500, 4000)
    );
    // Organisations by downloads over both months: meta-llama 600, Qwen 600 (ties by name), ...
    let orgs: Vec<(&str, u64)> = c
        .orgs
        .iter()
        .map(|(n, v)| (n.as_str(), v.iter().sum()))
        .collect();
    assert_eq!(
        orgs,
        vec![
            ("Qwen", 600),
            ("meta-llama", 600),
            ("someone", 150),
            ("mistralai", 100),
            ("user", 30)
        ]
    );
    assert_eq!(
        c.org_groups,
        ["china", "us", "unknown", "europe", "unaffiliated"].map(String::from)
    );
    // Every share, to one decimal, half up.
    let shares: Vec<(String, Vec<String>)> = c
        .groups
        .iter()
        .map(|(id, v)| {
            (
                id.clone(),
                c.shares(v, Step::Month)
                    .iter()
                    .map(|s| {
                        let mut t = String::new();
                        builder::share(s.part, s.whole, 1)
                            .expect("share")
                            .write(&mut t, '.', None);
                        t
                    })
                    .collect(),
            )
        })
        .collect();
    let expect = |id: &str, a: &str, b: &str| {
        assert!(
            shares.contains(&(id.to_owned(), vec![a.to_owned(), b.to_owned()])),
            "{id}: {shares:?}"
        );
    };
    expect("china", "49.2", "34.5");
    expect("us", "32.8", "46.0");
    expect("europe", "8.2", "5.7");
    expect("unaffiliated", "1.6", "2.3");
    expect("unknown", "8.2", "11.5");
    expect("other-countries", "0.0", "0.0");
}

/// The fixture written as Parquet (Snappy) in `dir`, and its rows as read.
fn fixture_rows(dir: &Path) -> (PathBuf, Vec<builder::Row>) {
    let pq = dir.join("fixture.parquet");
    write_parquet(&pq, ROWS, false, Compression::SNAPPY);
    let rows = builder::parquet::read(&pq, &Columns::default()).expect("reads parquet");
    (pq, rows)
}

#[test]
fn parquet_and_csv_give_the_known_answers() {
    let dir = scratch("known");
    let (pq, rows) = fixture_rows(&dir);
    check_known_answers(&compute(rows, &Config::default()).expect("computes"));

    // Zstandard, as polars writes by default.
    let zstd = dir.join("fixture-zstd.parquet");
    write_parquet(&zstd, ROWS, false, Compression::ZSTD(ZstdLevel::default()));
    let rows = builder::parquet::read(&zstd, &Columns::default()).expect("reads zstd parquet");
    check_known_answers(&compute(rows, &Config::default()).expect("computes"));

    let rows = builder::csv::read(&csv_text(ROWS), &Columns::default()).expect("reads CSV");
    check_known_answers(&compute(rows, &Config::default()).expect("computes"));

    let restart = Config {
        reset: ResetRule::Restart,
        ..Config::default()
    };
    let rows = builder::parquet::read(&pq, &Columns::default()).expect("reads parquet");
    let c = compute(rows, &restart).expect("computes");
    // The reset counts 4000 in full, then 1600 more: US February 300 + 4000 + 1600.
    assert_eq!(c.group("us"), Some(&[200, 5900][..]));
    assert_eq!(c.totals, vec![610, 870 - 400 + 5900]);
}

#[test]
fn a_missing_or_mistyped_column_is_named() {
    let dir = scratch("columns");
    let pq = dir.join("fixture.parquet");
    write_parquet(&pq, ROWS, false, Compression::SNAPPY);
    let columns = Columns {
        country: "org_country_single".into(),
        ..Columns::default()
    };
    let err = builder::parquet::read(&pq, &columns).expect_err("no such column");
    let text = err.to_string();
    assert!(text.contains("`org_country_single`"), "{text}");
    assert!(
        text.contains("merged_country_groups_single"),
        "lists the columns: {text}"
    );
    assert!(text.contains("--country-column"), "{text}");

    let err = builder::csv::read(
        &csv_text(ROWS).replace("downloadsAllTime", "downloads"),
        &Columns::default(),
    )
    .expect_err("no such column");
    assert!(err.to_string().contains("`downloadsAllTime`"), "{err}");

    let typed = dir.join("text-counts.parquet");
    write_parquet(&typed, ROWS, true, Compression::UNCOMPRESSED);
    let err = builder::parquet::read(&typed, &Columns::default()).expect_err("text counts");
    let text = err.to_string();
    assert!(
        text.contains("column `downloadsAllTime` holds BYTE_ARRAY")
            && text.contains("expected an integer count"),
        "{text}"
    );

    let err = builder::csv::read(
        "model,author,time,downloadsAllTime,merged_country_groups_single\nm,a,2025-01-01,12.5,China\n",
        &Columns::default(),
    )
    .expect_err("a fraction of a download");
    assert_eq!(
        err.to_string(),
        "row 2, column `downloadsAllTime`: `12.5` is not a whole number of downloads"
    );
}

/// Runs `oms build-series INPUT ARGS... --snapshot SNAPSHOT --out OUT`.
fn build_series(input: &Path, args: &[&str], snapshot: &Path, out: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_oms"))
        .arg("build-series")
        .arg(input)
        .args(args)
        .arg("--snapshot")
        .arg(snapshot)
        .arg("--out")
        .arg(out)
        .output()
        .expect("runs oms")
}

/// Runs `oms build-series INPUT --revision r1` on the bundled snapshot, writing `out`.
fn build_bundled(input: &Path, out: &Path) -> Output {
    build_series(
        input,
        &["--revision", "r1"],
        &root().join("public/data/snapshot.json"),
        out,
    )
}

fn root() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

#[test]
fn build_series_merges_a_valid_computed_metric() {
    let dir = scratch("cli");
    let pq = dir.join("all_downloads_with_annotations.parquet");
    write_parquet(&pq, ROWS, false, Compression::SNAPPY);
    let out = dir.join("snapshot.json");
    let run = build_series(
        &pq,
        &["--revision", "0123abc", "--generated", "2026-11-29"],
        &root().join("public/data/snapshot.json"),
        &out,
    );
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(
        run.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&run.stderr)
    );
    // Standard error is not a terminal here: no progress line, nothing at all.
    assert_eq!(String::from_utf8_lossy(&run.stderr), "");
    assert!(stdout.contains("counter resets (rule hold): 1"), "{stdout}");
    assert!(
        stdout.contains("meta-llama/Llama-3.1-8B on 2025-02-12: 5500 -> 4000"),
        "{stdout}"
    );
    // The check over the headline's window (Aug 2024 - Aug 2025), of which the data has 2 months.
    assert!(
        stdout.contains("china: computed 40.54 % (600 of 1480 downloads, 2024-08 to 2025-08; the data covers 2 of its 13 months), published 17.1 %: +23.44 points"),
        "{stdout}"
    );
    // And over the twelve months to August 2025.
    assert!(
        stdout.contains("china: computed 40.54 % (600 of 1480 downloads, 2024-09 to 2025-08; the data covers 2 of its 12 months), published 17.1 %: +23.44 points"),
        "{stdout}"
    );

    let text = std::fs::read_to_string(&out).expect("written");
    let doc: Json = serde_json::from_str(&text).expect("JSON");
    let s = snapshot::validate(&doc).expect("the merged snapshot validates");
    let m = s
        .metrics
        .iter()
        .find(|m| m.id == "computed-download-share-by-country-group")
        .expect("the computed metric");
    assert_eq!(m.values.len(), 12, "6 groups x 2 months");
    let p = m.provenance.as_ref().expect("provenance");
    let bytes = std::fs::read(&pq).expect("fixture");
    assert_eq!(p.input_sha256, oms_core::sha256::hex(&bytes));
    assert_eq!(p.input, "all_downloads_with_annotations.parquet");
    assert_eq!(p.dataset_revision, "0123abc");
    assert!(p.command.starts_with("oms build-series "), "{}", p.command);
    assert!(p.rule.contains("1 counter resets"), "{}", p.rule);
    let china = s.series.position(|x| x.id == "china").expect("china");
    let v = m
        .values
        .iter()
        .find(|v| v.series == china && v.when.bounds().0.iso() == "2025-02")
        .expect("China, February");
    assert_eq!((v.totals, v.kind), (Some((300, 870)), Kind::Computed));
    assert_eq!(v.value.units(), 345, "34.5 %");
    // The published metrics are untouched; the original is still the headline.
    assert_eq!(
        s.metrics[s.headline].id,
        "hf-download-share-by-developer-country"
    );
    let orgs = s
        .metrics
        .iter()
        .find(|m| m.id == "computed-download-share-by-organisation")
        .expect("organisations");
    assert_eq!(orgs.values.len(), 10, "5 organisations x 2 months");
    let qwen = s
        .series
        .iter()
        .find(|x| x.id == "org-qwen")
        .expect("Qwen's series");
    assert_eq!(qwen.group.map(|g| s.series[g].id.as_str()), Some("china"));

    // Running again replaces the computed metrics instead of adding more.
    let again = build_series(
        &pq,
        &["--revision", "0123abc", "--step", "quarter"],
        &out,
        &out,
    );
    assert!(
        again.status.success(),
        "{}",
        String::from_utf8_lossy(&again.stderr)
    );
    let text = std::fs::read_to_string(&out).expect("written");
    let doc: Json = serde_json::from_str(&text).expect("JSON");
    let s2 = snapshot::validate(&doc).expect("validates");
    assert_eq!(s2.metrics.len(), s.metrics.len());
    assert_eq!(s2.series.len(), s.series.len());
}

#[test]
fn build_series_refuses_bad_input_and_writes_nothing() {
    let dir = scratch("refuse");
    let csv = dir.join("data.csv");
    std::fs::write(
        &csv,
        csv_text(ROWS).replace("merged_country_groups_single", "country"),
    )
    .expect("write");
    let out = dir.join("out.json");
    let run = build_bundled(&csv, &out);
    assert_eq!(run.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(
        stderr.contains("the country column `merged_country_groups_single` is not in the file"),
        "{stderr}"
    );
    assert!(!out.exists(), "nothing written");

    let run = build_series(
        &csv,
        &["--revision", "r1", "--country-column", "country"],
        &root().join("public/data/snapshot.json"),
        &out,
    );
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(out.exists());
}

/// The computed snapshot the end-to-end tests load: 20 months of a synthetic dataset (test data,
/// never shipped), made by the builder. Set OMS_BLESS=1 to rewrite it after a deliberate change.
#[test]
fn the_end_to_end_fixture_is_the_builders_output() {
    let dir = scratch("e2e");
    let csv = dir.join("synthetic.csv");
    let mut text =
        String::from("model,author,time,downloadsAllTime,merged_country_groups_single\n");
    let models = [
        ("qwen/a", "Qwen", "China", 900u64, 40u64),
        ("deepseek/b", "deepseek-ai", "China", 500, 25),
        ("meta/c", "meta-llama", "USA", 1500, 30),
        ("google/d", "google", "USA", 800, 20),
        ("mistral/e", "mistralai", "France", 400, 6),
        ("user/f", "someone", "User", 300, 8),
        ("lab/g", "lab", "India", 200, 5),
        ("anon/h", "anon", "", 250, 3),
    ];
    for week in 0..87u64 {
        let day = builder::day_from_epoch(20_089 - 365 + 7 * week as i64).expect("day");
        for (i, (model, org, country, base, growth)) in models.iter().enumerate() {
            // Weekly downloads that drift: Chinese models grow faster, US ones slower.
            let weekly = base + growth * week * (i as u64 % 3 + 1) / 2;
            let cumulative = weekly * (week + 1) + 10_000;
            text.push_str(&format!(
                "{model},{org},{},{cumulative},{country}\n",
                builder::day_iso(day)
            ));
        }
    }
    std::fs::write(&csv, text).expect("write");
    let out = dir.join("computed.json");
    let run = build_series(
        &csv,
        &[
            "--revision",
            "synthetic-test-data",
            "--top",
            "4",
            "--generated",
            "2026-11-29",
        ],
        &root().join("public/data/snapshot.json"),
        &out,
    );
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let made = std::fs::read_to_string(&out).expect("written");
    // The command line names a temporary folder and this checkout: keep relative names.
    let made = made
        .replace(&format!("{}/", dir.display()), "")
        .replace(&format!("{}/", root().display()), "");
    let fixture = root().join("tests/fixtures/valid-computed.json");
    if std::env::var_os("OMS_BLESS").is_some() {
        std::fs::write(&fixture, &made).expect("bless");
    }
    let kept = std::fs::read_to_string(&fixture)
        .expect("tests/fixtures/valid-computed.json (OMS_BLESS=1 writes it)");
    assert!(kept == made, "tests/fixtures/valid-computed.json is not the builder's output; rerun with OMS_BLESS=1 after checking the change");
}

/// Reorders `rows`: every `step`-th row first, then the next offset (a fixed scramble).
fn scrambled<T: Clone>(rows: &[T], step: usize) -> Vec<T> {
    (0..step)
        .flat_map(|k| rows.iter().skip(k).step_by(step).cloned())
        .collect()
}

#[test]
fn rows_in_any_order_and_spilled_to_disk_give_the_known_answers() {
    let (_, rows) = fixture_rows(&scratch("orders"));
    let mut reversed = rows.clone();
    reversed.reverse();
    for (name, order) in [
        ("reversed", reversed),
        ("scrambled by 3", scrambled(&rows, 3)),
        ("scrambled by 5", scrambled(&rows, 5)),
    ] {
        assert_ne!(order, rows, "{name} is another order");
        let c = compute(order.clone(), &Config::default()).expect("computes");
        check_known_answers(&c);
        // Three partitions and a buffer of two records: most records go through the disk.
        let mut b = Builder::new(
            &Config::default(),
            Plan {
                partitions: 3,
                buffer: 2,
            },
        );
        for row in &order {
            b.push(&row.as_ref()).expect("push");
        }
        let spilled = b.finish(&mut Progress::quiet()).expect("computes");
        assert_eq!(spilled, c, "{name}: the same through the disk");
    }
}

#[test]
fn a_models_country_is_its_earliest_rows_whatever_the_order() {
    let row = |day: &str, country: Option<&str>, n: u64| builder::Row {
        model: "m".into(),
        org: Some("o".into()),
        country: country.map(String::from),
        day: builder::parse_day(day),
        cumulative: Some(n),
    };
    // The first row has no country; the next two disagree: the earliest with one wins.
    let rows = vec![
        row("2025-01-01", None, 10),
        row("2025-01-08", Some("USA"), 20),
        row("2025-01-15", Some("China"), 30),
    ];
    let mut reversed = rows.clone();
    reversed.reverse();
    for order in [rows, reversed] {
        let c = compute(order, &Config::default()).expect("computes");
        assert_eq!(c.group("us"), Some(&[20][..]));
        assert_eq!(
            c.report.country_values,
            vec![("USA".into(), "us".into(), 1)]
        );
    }
}

/// An independent computation of the default rules (baseline on the first date, hold on a
/// reset): per model, each row counts what its count passes the model's highest count so far.
fn reference(shape: Shape) -> std::collections::BTreeMap<(u16, u8), u64> {
    use std::collections::BTreeMap;
    let mut per_model: BTreeMap<u64, Vec<(i64, u64)>> = BTreeMap::new();
    for (m, w) in shape.cells(Order::Model) {
        let r = shape.row(m, w);
        if let Some(c) = r.cumulative {
            per_model.entry(m).or_default().push((r.day, c as u64));
        }
    }
    let first = per_model
        .values()
        .flatten()
        .map(|r| r.0)
        .min()
        .expect("rows");
    let mut months: BTreeMap<(u16, u8), u64> = BTreeMap::new();
    for rows in per_model.values() {
        let mut highest: Option<u64> = None;
        for &(day, count) in rows {
            let (y, mo, _) = builder::day_from_epoch(day).expect("day");
            let add = match highest {
                None if day == first => 0,
                None => count,
                Some(h) => count.saturating_sub(h),
            };
            highest = Some(highest.map_or(count, |h| h.max(count)));
            *months.entry((y, mo)).or_default() += add;
        }
    }
    months
}

#[test]
fn a_synthetic_dataset_in_three_row_orders_gives_one_answer_equal_to_an_independent_sum() {
    let dir = scratch("synth");
    let shape = Shape {
        seed: 7,
        // Frequent counter resets and empty counts.
        rare: 100,
        ..Shape::new(400, 60)
    };
    let mut answers = Vec::new();
    for order in [Order::Time, Order::Model, Order::Scrambled] {
        let path = dir.join(format!("{order:?}.parquet"));
        let written = synth::write(&path, shape, order).expect("writes");
        assert_eq!(written, shape.rows());
        let rows = builder::parquet::read(&path, &Columns::default()).expect("reads");
        assert_eq!(rows.len() as u64, written);
        answers.push(compute(rows, &Config::default()).expect("computes"));
    }
    assert!(answers[0].report.rows > 3_000, "{}", answers[0].report.rows);
    assert_eq!(answers[0], answers[1], "time order and model order");
    assert_eq!(answers[0], answers[2], "time order and neither");
    let sums = reference(shape);
    let months: Vec<(u16, u8)> = sums.keys().copied().collect();
    let c = &answers[0];
    // Every month from the first to the last has a row in this shape.
    assert_eq!(c.months, months);
    assert_eq!(c.totals, sums.values().copied().collect::<Vec<_>>());
    let by_groups: Vec<u64> = (0..c.months.len())
        .map(|k| c.groups.iter().map(|(_, v)| v[k]).sum())
        .collect();
    assert_eq!(by_groups, c.totals, "the groups add up to the whole");
    assert!(
        c.report.reset_count > 0 && c.report.skipped > 0,
        "{:?}",
        c.report
    );
}

#[test]
fn a_truncated_or_corrupt_parquet_file_says_so_and_writes_nothing() {
    let dir = scratch("corrupt");
    let pq = dir.join("fixture.parquet");
    write_parquet(&pq, ROWS, false, Compression::SNAPPY);
    let bytes = std::fs::read(&pq).expect("fixture");
    let cut = dir.join("cut.parquet");
    std::fs::write(&cut, &bytes[..bytes.len() / 2]).expect("write");
    let mut garbled = bytes.clone();
    // The column chunks start after the 4-byte magic: overwrite the first pages.
    for b in &mut garbled[4..bytes.len() / 3] {
        *b = 0x5a;
    }
    let bad = dir.join("garbled.parquet");
    std::fs::write(&bad, &garbled).expect("write");
    for (file, says) in [
        (&cut, "not a Parquet file, or one cut short or corrupt"),
        (
            &bad,
            "the Parquet file is corrupt or cut short (row group 1, column `model`)",
        ),
    ] {
        let out = dir.join("out.json");
        let run = build_bundled(file, &out);
        let stderr = String::from_utf8_lossy(&run.stderr);
        assert_eq!(run.status.code(), Some(1), "{stderr}");
        assert!(stderr.contains(says), "{stderr}");
        assert!(!out.exists(), "nothing written");
    }
}

#[test]
fn conflicting_rows_are_reported_with_both_counts_and_nothing_is_written() {
    let dir = scratch("conflict");
    let mut rows: Vec<Fixture> = ROWS.to_vec();
    rows.push((
        "mistralai/Mistral-7B",
        "mistralai",
        Some("Germany"),
        "2025-01-08",
        Some(340),
    ));
    for (name, order) in [
        ("as written", rows.clone()),
        ("reversed", {
            let mut r = rows.clone();
            r.reverse();
            r
        }),
    ] {
        let csv = dir.join("data.csv");
        std::fs::write(&csv, csv_text(&order)).expect("write");
        let out = dir.join("out.json");
        let run = build_bundled(&csv, &out);
        let stderr = String::from_utf8_lossy(&run.stderr);
        assert_eq!(run.status.code(), Some(1), "{name}: {stderr}");
        assert!(
            stderr.contains(
                "model `mistralai/Mistral-7B` has two different counts on 2025-01-08: 340 and 350"
            ),
            "{name}: {stderr}"
        );
        assert!(!out.exists(), "{name}: nothing written");
    }
}

/// The time column as the other types the reader accepts.
#[derive(Clone, Copy, Debug)]
enum TimeAs {
    Millis,
    Micros,
    Int96,
    Date,
    Text,
}

/// The count column as the other types the reader accepts.
#[derive(Clone, Copy, Debug)]
enum CountAs {
    Int32,
    UInt64,
    Double,
    Float,
}

/// Writes `rows` with the time and count columns in other types, optional or required.
fn write_typed(path: &Path, rows: &[Fixture], time: TimeAs, count: CountAs, required: bool) {
    let repetition = if required {
        Repetition::REQUIRED
    } else {
        Repetition::OPTIONAL
    };
    let column = |name: &str, physical: Physical, logical: Option<LogicalType>| {
        Arc::new(
            Type::primitive_type_builder(name, physical)
                .with_logical_type(logical)
                .with_repetition(repetition)
                .build()
                .expect("column"),
        )
    };
    let time_type = match time {
        TimeAs::Millis => column(
            "time",
            Physical::INT64,
            Some(LogicalType::timestamp(true, TimeUnit::MILLIS)),
        ),
        TimeAs::Micros => column(
            "time",
            Physical::INT64,
            Some(LogicalType::timestamp(false, TimeUnit::MICROS)),
        ),
        TimeAs::Int96 => column("time", Physical::INT96, None),
        TimeAs::Date => column("time", Physical::INT32, Some(LogicalType::Date)),
        TimeAs::Text => column("time", Physical::BYTE_ARRAY, Some(LogicalType::String)),
    };
    let count_type = match count {
        CountAs::Int32 => column("downloadsAllTime", Physical::INT32, None),
        CountAs::UInt64 => column(
            "downloadsAllTime",
            Physical::INT64,
            Some(LogicalType::integer(64, false)),
        ),
        CountAs::Double => column("downloadsAllTime", Physical::DOUBLE, None),
        CountAs::Float => column("downloadsAllTime", Physical::FLOAT, None),
    };
    let string = |name: &str| column(name, Physical::BYTE_ARRAY, Some(LogicalType::String));
    let schema = Arc::new(
        Type::group_type_builder("schema")
            .with_fields(vec![
                string("merged_country_groups_single"),
                count_type,
                time_type,
                string("author"),
                string("model"),
            ])
            .build()
            .expect("schema"),
    );
    let file = std::fs::File::create(path).expect("create parquet");
    let mut writer = SerializedFileWriter::new(file, schema, Arc::new(WriterProperties::default()))
        .expect("writer");
    let mut group = writer.next_row_group().expect("row group");
    let defs = |present: Vec<bool>| -> Option<Vec<i16>> {
        (!required).then(|| present.into_iter().map(i16::from).collect())
    };
    write_strings(&mut group, rows.iter().map(|r| r.2).collect(), required);
    {
        let mut col = group.next_column().expect("column").expect("downloads");
        let d = defs(rows.iter().map(|r| r.4.is_some()).collect());
        let present = rows.iter().filter_map(|r| r.4);
        match count {
            CountAs::Int32 => col.typed::<Int32Type>().write_batch(
                &present.map(|v| v as i32).collect::<Vec<_>>(),
                d.as_deref(),
                None,
            ),
            CountAs::UInt64 => col.typed::<Int64Type>().write_batch(
                &present.collect::<Vec<_>>(),
                d.as_deref(),
                None,
            ),
            CountAs::Double => col.typed::<DoubleType>().write_batch(
                &present.map(|v| v as f64).collect::<Vec<_>>(),
                d.as_deref(),
                None,
            ),
            CountAs::Float => col.typed::<FloatType>().write_batch(
                &present.map(|v| v as f32).collect::<Vec<_>>(),
                d.as_deref(),
                None,
            ),
        }
        .expect("write counts");
        col.close().expect("close column");
    }
    {
        let mut col = group.next_column().expect("column").expect("time");
        let d = defs(vec![true; rows.len()]);
        let days: Vec<i64> = rows.iter().map(|r| days_since_epoch(r.3)).collect();
        match time {
            TimeAs::Millis | TimeAs::Micros => {
                let per = if matches!(time, TimeAs::Millis) {
                    86_400_000
                } else {
                    86_400_000_000
                };
                // Half a day in: the day is the timestamp's date.
                let data: Vec<i64> = days.iter().map(|d| d * per + per / 2).collect();
                col.typed::<Int64Type>()
                    .write_batch(&data, d.as_deref(), None)
            }
            TimeAs::Int96 => {
                let data: Vec<Int96> = days
                    .iter()
                    .map(|d| {
                        let mut v = Int96::new();
                        let nanos: u64 = 3_600_000_000_000;
                        v.set_data(nanos as u32, (nanos >> 32) as u32, (d + 2_440_588) as u32);
                        v
                    })
                    .collect();
                col.typed::<Int96Type>()
                    .write_batch(&data, d.as_deref(), None)
            }
            TimeAs::Date => {
                let data: Vec<i32> = days.iter().map(|d| *d as i32).collect();
                col.typed::<Int32Type>()
                    .write_batch(&data, d.as_deref(), None)
            }
            TimeAs::Text => {
                let data: Vec<ByteArray> = rows
                    .iter()
                    .map(|r| ByteArray::from(format!("{}T00:00:00Z", r.3).as_str()))
                    .collect();
                col.typed::<ByteArrayType>()
                    .write_batch(&data, d.as_deref(), None)
            }
        }
        .expect("write times");
        col.close().expect("close column");
    }
    write_strings(
        &mut group,
        rows.iter().map(|r| Some(r.1)).collect(),
        required,
    );
    write_strings(
        &mut group,
        rows.iter().map(|r| Some(r.0)).collect(),
        required,
    );
    group.close().expect("close row group");
    writer.close().expect("close file");
}

#[test]
fn every_time_and_count_type_and_required_columns_give_the_known_answers() {
    let dir = scratch("types");
    // Required columns hold no empty cell: the rows that have every value.
    let complete: Vec<Fixture> = ROWS
        .iter()
        .filter(|r| r.2.is_some() && r.4.is_some())
        .copied()
        .collect();
    let from_csv = |rows: &[Fixture]| {
        compute(
            builder::csv::read(&csv_text(rows), &Columns::default()).expect("reads CSV"),
            &Config::default(),
        )
        .expect("computes")
    };
    let (all, required) = (from_csv(ROWS), from_csv(&complete));
    check_known_answers(&all);
    let cases = [
        (TimeAs::Millis, CountAs::Int32),
        (TimeAs::Micros, CountAs::UInt64),
        (TimeAs::Int96, CountAs::Double),
        (TimeAs::Date, CountAs::Float),
        (TimeAs::Text, CountAs::Int32),
    ];
    for (time, count) in cases {
        for req in [false, true] {
            let path = dir.join(format!("{time:?}-{count:?}-{req}.parquet"));
            let rows = if req { &complete[..] } else { ROWS };
            write_typed(&path, rows, time, count, req);
            let read = builder::parquet::read(&path, &Columns::default())
                .unwrap_or_else(|e| panic!("{time:?} {count:?} required {req}: {e}"));
            let c = compute(read, &Config::default()).expect("computes");
            assert_eq!(
                c,
                if req { required.clone() } else { all.clone() },
                "{time:?} {count:?} required {req}"
            );
        }
    }
}

#[test]
fn row_groups_and_batches_of_a_larger_file_read_every_row_once() {
    let dir = scratch("groups");
    let shape = Shape {
        rare: 500,
        ..Shape::new(2_600, 270)
    };
    let path = dir.join("groups.parquet");
    // Row groups of 66,000 rows: the first crosses the reader's batch of 65,536.
    let written = synth::write_in_groups(&path, shape, Order::Time, 66_000).expect("writes");
    assert!(written > 100_000, "{written} rows");
    let read = builder::parquet::read(&path, &Columns::default()).expect("reads");
    let direct: Vec<builder::Row> = shape
        .cells(Order::Time)
        .map(|(m, w)| {
            let r = shape.row(m, w);
            builder::Row {
                model: r.model,
                org: Some(r.author),
                country: r.country.map(String::from),
                day: builder::day_from_epoch(r.day),
                cumulative: r.cumulative.map(|c| c as u64),
            }
        })
        .collect();
    assert_eq!(read.len(), direct.len());
    assert!(read == direct, "every row as written, in order");
}
