//! Downloads: CSV and JSON of exactly the rows shown, hostile strings escaped.

use crate::support::*;
use oms_core::figures;
use oms_core::text::Lang;
use serde_json::{json, Value};

#[test]
fn downloads_hold_exactly_the_rows_shown() {
    use oms_core::export;
    let s = parse(BUNDLED).unwrap();
    let rows = figures::rows(&s, s.headline, &[]);
    let csv = export::csv(&s, s.headline, &rows, Lang::It);
    assert!(csv.starts_with('\u{feff}'), "UTF-8 BOM");
    let lines: Vec<&str> = csv.trim_start_matches('\u{feff}').split("\r\n").collect();
    assert_eq!(lines[0], "metric_id,metric,series_id,series,value,unit,period_start,period_end,kind,source_id,source,source_publisher,source_url,locator,numerator,denominator");
    assert_eq!(
        lines.len(),
        5,
        "header, China, US, remainder, final empty line"
    );
    assert!(lines[1].starts_with("hf-download-share-by-developer-country,\"Quota dei download di modelli aperti su Hugging Face, per paese dello sviluppatore\",china,Cina,17.1,percent,2024-08,2025-08,relayed,hai-digichina-2025-12,Beyond DeepSeek,"), "{}", lines[1]);
    assert!(
        lines[2].contains(",us,Stati Uniti,15.8,percent,"),
        "locale-independent numbers"
    );
    assert!(lines[2].contains(",https://www.ft.com/content/8f187958-4461-42a3-90a8-3fecdb27155e,"));
    assert!(lines[2].ends_with(r#""Frase: ""the 15.8 per cent share of downloads from American developers such as Google, Meta and OpenAI""",,"#), "{}", lines[2]);
    assert!(lines[3].starts_with("hf-download-share-by-developer-country,\"Quota dei download di modelli aperti su Hugging Face, per paese dello sviluppatore\",remainder,Tutti gli altri,67.1,percent,2024-08,2025-08,computed,,,,,"));
    assert_eq!(lines[4], "");

    let json = export::json(&s, s.headline, &rows, Lang::En);
    let v: Value = serde_json::from_str(&json).expect("valid JSON");
    assert_eq!(v["rows"].as_array().unwrap().len(), 3);
    assert_eq!(v["rows"][0]["value"], json!(17.1));
    assert_eq!(v["rows"][1]["value"], json!(15.8));
    assert_eq!(v["rows"][2]["value"], json!(67.1));
    assert_eq!(v["rows"][2]["source_url"], Value::Null);
    assert_eq!(
        v["rows"][1]["source"],
        json!("China leapfrogs US in global market for 'open' AI models")
    );
    assert_eq!(v["data_as_of"], json!("2026-11-29"));

    // Hidden series are not in the view, so not in the download.
    let china = s.series.position(|x| x.id == "china").unwrap();
    let shown = figures::rows(&s, s.headline, &[china]);
    assert_eq!(
        shown
            .iter()
            .map(|r| r.series_id.as_str())
            .collect::<Vec<_>>(),
        ["us", "remainder"]
    );
    assert_eq!(
        export::file_name(&s, s.headline, "csv"),
        "open-model-share-hf-download-share-by-developer-country.csv"
    );
}

#[test]
fn csv_and_json_escape_hostile_strings() {
    use oms_core::export;
    let mut doc: Value = serde_json::from_str(BUNDLED).unwrap();
    doc["series"][0]["label"]["en"] = json!("=HYPERLINK(\"x\")\n\"quoted\", \u{2028}");
    let s = parse(&doc.to_string()).unwrap();
    let rows = figures::rows(&s, s.headline, &[]);
    let csv = export::csv(&s, s.headline, &rows, Lang::En);
    assert!(
        csv.contains("\"'=HYPERLINK(\"\"x\"\")\n\"\"quoted\"\", \u{2028}\""),
        "{csv}"
    );
    let json = export::json(&s, s.headline, &rows, Lang::En);
    let v: Value = serde_json::from_str(&json).expect("still valid JSON");
    assert_eq!(
        v["rows"][0]["series"],
        json!("=HYPERLINK(\"x\")\n\"quoted\", \u{2028}")
    );
}
