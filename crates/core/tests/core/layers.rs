//! The core's modules import one way only, in the order the data flows: a module may use the
//! modules of the layers before its own, never one of its own layer or of a later one. An import
//! cycle breaks this order, so it fails here, with the imports that make it.

use std::collections::BTreeMap;
use std::path::Path;

/// The layers, first to last: snapshot -> figures -> text -> chart -> export/rendering, with the
/// foundations below everything and the URL parameters and load failures beside the text.
const LAYERS: &[&[&str]] = &[
    &["decimal", "period", "sort", "sha256", "markup"],
    &["snapshot"],
    &["figures"],
    &["text"],
    &["params", "failure"],
    &["chart"],
    &["interaction", "sonify"],
    &["export"],
    &["render"],
];

fn layer_of(module: &str) -> Option<usize> {
    LAYERS.iter().position(|l| l.contains(&module))
}

/// The top-level modules each file of the core uses through `crate::`, by the module the file
/// belongs to.
fn imports() -> Imports {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut out = Imports::new();
    let mut stack = vec![src.clone()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("src is readable") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let rel = path.strip_prefix(&src).expect("under src");
            let module = rel
                .components()
                .next()
                .and_then(|c| c.as_os_str().to_str())
                .map(|m| m.trim_end_matches(".rs").to_owned())
                .expect("a module");
            if module == "lib" {
                continue;
            }
            let text = std::fs::read_to_string(&path).expect("a source file");
            // Only the module's own code: its tests may use anything.
            let code = text.split("#[cfg(test)]").next().unwrap_or("");
            for line in code.lines() {
                let line = line.trim_start();
                if line.starts_with("//") {
                    continue;
                }
                for (i, _) in line.match_indices("crate::") {
                    let used: String = line[i + 7..]
                        .chars()
                        .take_while(|c| c.is_alphanumeric() || *c == '_')
                        .collect();
                    if used != module && !used.is_empty() {
                        out.entry(module.clone())
                            .or_default()
                            .entry(used)
                            .or_default()
                            .push(rel.display().to_string());
                    }
                }
            }
        }
    }
    out
}

type Imports = BTreeMap<String, BTreeMap<String, Vec<String>>>;

/// Every import in `found` against the flow, named for a reader.
fn violations(found: &Imports) -> Vec<String> {
    let mut wrong = Vec::new();
    for (module, used) in found {
        let Some(own) = layer_of(module) else {
            wrong.push(format!("{module} is in no layer: add it to LAYERS"));
            continue;
        };
        for (other, files) in used {
            match layer_of(other) {
                None => wrong.push(format!("{other} (used by {module}) is in no layer")),
                Some(l) if l >= own => {
                    let back = found.get(other).is_some_and(|u| u.contains_key(module));
                    let what = if back {
                        "an import cycle"
                    } else if l == own {
                        "a sideways import"
                    } else {
                        "an import against the flow"
                    };
                    wrong.push(format!(
                        "{what}: {module} uses {other} ({})",
                        files.join(", ")
                    ));
                }
                Some(_) => {}
            }
        }
    }
    wrong
}

#[test]
fn modules_import_along_the_flow_only() {
    let found = imports();
    let wrong = violations(&found);
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    // The check reads what it should: the render layer uses the chart and the text.
    assert!(found["render"].contains_key("chart") && found["render"].contains_key("text"));
}

#[test]
fn cycles_and_sideways_imports_are_reported() {
    let graph = |edges: &[(&str, &str)]| -> Imports {
        let mut g = Imports::new();
        for (a, b) in edges {
            g.entry((*a).to_owned())
                .or_default()
                .insert((*b).to_owned(), vec![format!("{a}.rs")]);
        }
        g
    };
    // The two cycles the core once had, and its two sideways imports.
    let wrong = violations(&graph(&[
        ("text", "chart"),
        ("chart", "text"),
        ("export", "text"),
    ]));
    assert_eq!(wrong, ["an import cycle: text uses chart (text.rs)"]);
    let wrong = violations(&graph(&[("params", "failure"), ("export", "render")]));
    assert_eq!(
        wrong,
        [
            "an import against the flow: export uses render (export.rs)",
            "a sideways import: params uses failure (params.rs)"
        ]
    );
    assert_eq!(violations(&graph(&[("nowhere", "text")])).len(), 1);
}
