//! The floors of the house hold: no module imports one that the layer table forbids, so the
//! import graph between the crate's top-level modules stays free of circles.
//!
//! The table below and the one in `ARCHITECTURE.md` ("Layers") are the same table: a test
//! here reads ARCHITECTURE.md and fails when they disagree, so change both together. The
//! scan reads `src/**/*.rs` with std only: every `crate::module` path in code (in a `use`,
//! a `use crate::{a, b::c}` group or an expression) and every `super::` chain that climbs
//! out of its top-level module, in unit tests too. Comments and string literals are skipped.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// (layer, module, the modules it may import). A module may only import modules of lower
/// layers, and of those only the ones listed; items of the crate root (`crate::Config`,
/// `crate::panic_message`) are open to all.
const LAYERS: &[(u8, &str, &[&str])] = &[
    (0, "sync", &[]),
    (0, "vocab", &[]),
    (1, "time", &["sync"]),
    (1, "spreadsheet", &["sync"]),
    (2, "config", &["sync", "time", "vocab"]),
    (3, "pairing", &["config", "sync"]),
    (3, "heartbeat", &["sync", "time"]),
    (3, "program", &["config", "vocab"]),
    (4, "store", &["config", "program", "sync", "time", "vocab"]),
    (
        5,
        "digest",
        &["config", "spreadsheet", "store", "sync", "vocab"],
    ),
    (
        6,
        "outbound",
        &[
            "config",
            "digest",
            "heartbeat",
            "program",
            "store",
            "sync",
            "time",
            "vocab",
        ],
    ),
    (
        7,
        "inbound",
        &[
            "config",
            "heartbeat",
            "outbound",
            "pairing",
            "program",
            "store",
            "sync",
            "time",
            "vocab",
        ],
    ),
    (
        7,
        "schedule",
        &[
            "config", "digest", "outbound", "pairing", "program", "store", "sync", "time", "vocab",
        ],
    ),
    (
        8,
        "unsubscribe",
        &[
            "config", "inbound", "outbound", "program", "store", "sync", "time", "vocab",
        ],
    ),
    (
        9,
        "daemon",
        &[
            "config",
            "heartbeat",
            "inbound",
            "outbound",
            "pairing",
            "program",
            "schedule",
            "store",
            "sync",
            "time",
            "unsubscribe",
            "vocab",
        ],
    ),
    (
        9,
        "simulate",
        &[
            "config", "digest", "inbound", "outbound", "pairing", "program", "schedule", "store",
            "sync", "time", "vocab",
        ],
    ),
    (
        10,
        "cli",
        &[
            "config",
            "daemon",
            "digest",
            "heartbeat",
            "inbound",
            "outbound",
            "pairing",
            "program",
            "schedule",
            "simulate",
            "spreadsheet",
            "store",
            "sync",
            "time",
            "unsubscribe",
            "vocab",
        ],
    ),
];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// One import of a top-level module by another, where it is written.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Edge {
    line: usize,
    to: String,
}

/// `text` with comments, string and char literals blanked (newlines kept), so that only
/// code is scanned and line numbers stay right.
fn code_only(text: &str) -> String {
    let b: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let blank = |c: char| if c == '\n' { '\n' } else { ' ' };
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let next = b.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < b.len() && b[i] != '\n' {
                out.push(' ');
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            let mut depth = 0;
            while i < b.len() {
                if b[i] == '/' && b.get(i + 1) == Some(&'*') {
                    depth += 1;
                    out.push_str("  ");
                    i += 2;
                } else if b[i] == '*' && b.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    out.push_str("  ");
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    out.push(blank(b[i]));
                    i += 1;
                }
            }
        } else if (c == 'r' || (c == 'b' && next == Some('r')))
            && !prev_is_ident(&b, i)
            && raw_string_start(&b, if c == 'b' { i + 1 } else { i }).is_some()
        {
            let start = if c == 'b' { i + 1 } else { i };
            let hashes = raw_string_start(&b, start).unwrap_or(0);
            // skip `r`, the hashes and the opening quote
            let mut j = start + 1 + hashes + 1;
            for _ in i..j {
                out.push(' ');
            }
            loop {
                if j >= b.len() {
                    break;
                }
                if b[j] == '"' && (0..hashes).all(|h| b.get(j + 1 + h) == Some(&'#')) {
                    for _ in 0..=hashes {
                        out.push(' ');
                    }
                    j += 1 + hashes;
                    break;
                }
                out.push(blank(b[j]));
                j += 1;
            }
            i = j;
        } else if c == '"' {
            out.push(' ');
            i += 1;
            while i < b.len() && b[i] != '"' {
                if b[i] == '\\' {
                    out.push(' ');
                    i += 1;
                }
                if i < b.len() {
                    out.push(blank(b[i]));
                    i += 1;
                }
            }
            out.push(' ');
            i += 1;
        } else if c == '\'' {
            // a char literal ('x', '\n', '\u{1F600}') or a lifetime ('a)
            let len = if next == Some('\\') {
                (i + 2..b.len()).find(|&j| b[j] == '\'').map(|j| j + 1 - i)
            } else if b.get(i + 2) == Some(&'\'') {
                Some(3)
            } else {
                None
            };
            match len {
                Some(n) => {
                    for _ in 0..n {
                        out.push(' ');
                    }
                    i += n;
                }
                None => {
                    out.push(c);
                    i += 1;
                }
            }
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

fn prev_is_ident(b: &[char], i: usize) -> bool {
    i > 0 && (b[i - 1].is_alphanumeric() || b[i - 1] == '_')
}

/// The number of `#` of a raw string starting at `b[i] == 'r'`, if one starts there.
fn raw_string_start(b: &[char], i: usize) -> Option<usize> {
    if b.get(i) != Some(&'r') {
        return None;
    }
    let hashes = b[i + 1..].iter().take_while(|&&c| c == '#').count();
    (b.get(i + 1 + hashes) == Some(&'"')).then_some(hashes)
}

fn ident_at(s: &str) -> &str {
    let end = s
        .find(|c: char| !(c.is_alphanumeric() || c == '_'))
        .unwrap_or(s.len());
    &s[..end]
}

/// The top-level modules `code` (of a file `depth` modules below the crate root) names:
/// `crate::x`, the groups of `use crate::{…}` and `super::` chains that reach the root.
fn edges(code: &str, depth: usize) -> Vec<Edge> {
    let mut found = Vec::new();
    // Inline `mod name {` blocks add to the depth while their braces are open.
    let mut braces: usize = 0;
    let mut inline_mods: Vec<usize> = Vec::new();
    let bytes = code.as_bytes();
    let mut line = 1;
    let mut i = 0;
    while i < code.len() {
        let rest = &code[i..];
        let c = bytes[i];
        let word_start = i == 0 || !(bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'_');
        if c == b'\n' {
            line += 1;
        } else if c == b'{' {
            braces += 1;
        } else if c == b'}' {
            braces = braces.saturating_sub(1);
            if inline_mods.last() == Some(&braces) {
                inline_mods.pop();
            }
        } else if word_start && rest.starts_with("mod ") {
            let after = rest[4..].trim_start();
            let name = ident_at(after);
            if after[name.len()..].trim_start().starts_with('{') {
                inline_mods.push(braces);
            }
        } else if word_start && rest.starts_with("crate::") && !(i > 0 && bytes[i - 1] == b'$') {
            let after = &rest["crate::".len()..];
            if let Some(group) = after.strip_prefix('{') {
                for name in group_heads(group) {
                    found.push(Edge { line, to: name });
                }
            } else {
                found.push(Edge {
                    line,
                    to: ident_at(after).to_string(),
                });
            }
            i += "crate::".len();
            continue;
        } else if word_start && rest.starts_with("super::") {
            let mut k = 0;
            let mut after = rest;
            while let Some(r) = after.strip_prefix("super::") {
                k += 1;
                after = r;
            }
            if k >= depth + inline_mods.len() {
                found.push(Edge {
                    line,
                    to: ident_at(after).to_string(),
                });
            }
            i += rest.len() - after.len();
            continue;
        }
        i += 1;
    }
    found
}

/// The first name of each item of a `{a, b::c, d::{e, f}}` group (after its `{`).
fn group_heads(group: &str) -> Vec<String> {
    let mut heads = Vec::new();
    let mut depth = 0;
    let mut item_start = true;
    for (i, c) in group.char_indices() {
        match c {
            '{' => depth += 1,
            '}' if depth == 0 => break,
            '}' => depth -= 1,
            ',' if depth == 0 => item_start = true,
            c if item_start && !c.is_whitespace() => {
                heads.push(ident_at(&group[i..]).to_string());
                item_start = false;
            }
            _ => {}
        }
    }
    heads
}

/// The top-level modules the crate root declares (`mod x;` / `pub mod x;` in lib.rs).
fn declared_modules() -> BTreeSet<String> {
    let lib = std::fs::read_to_string(root().join("src/lib.rs")).expect("read src/lib.rs");
    code_only(&lib)
        .lines()
        .filter_map(|l| {
            let l = l.trim();
            let l = l.strip_prefix("pub ").unwrap_or(l);
            l.strip_prefix("mod ")?
                .strip_suffix(';')
                .map(str::to_string)
        })
        .collect()
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("read a source folder")
        .map(|e| e.expect("read a folder entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The top-level module a file belongs to and its depth below the crate root (`src/a.rs`
/// and `src/a/mod.rs` are 1, `src/a/b.rs` is 2); `None` for the crate roots.
fn module_of(rel: &Path) -> Option<(String, usize)> {
    let parts: Vec<&str> = rel.iter().filter_map(|p| p.to_str()).collect();
    let top = parts.first()?.trim_end_matches(".rs").to_string();
    if parts.len() == 1 && (top == "lib" || top == "main") {
        return None;
    }
    let last = *parts.last()?;
    let depth = if last == "mod.rs" {
        parts.len() - 1
    } else {
        parts.len()
    };
    Some((top, depth))
}

fn table() -> BTreeMap<&'static str, (u8, BTreeSet<&'static str>)> {
    LAYERS
        .iter()
        .map(|(layer, module, may)| (*module, (*layer, may.iter().copied().collect())))
        .collect()
}

#[test]
fn no_module_imports_one_the_layer_table_forbids() {
    let modules = declared_modules();
    let table = table();
    let mut files = Vec::new();
    rust_files(&root().join("src"), &mut files);
    assert!(files.len() > 50, "found only {} source files", files.len());
    let mut broken = Vec::new();
    for path in &files {
        let rel = path.strip_prefix(root().join("src")).expect("under src");
        let Some((from, depth)) = module_of(rel) else {
            continue;
        };
        let text = std::fs::read_to_string(path).expect("read a source file");
        for edge in edges(&code_only(&text), depth) {
            if edge.to == from || !modules.contains(&edge.to) {
                continue;
            }
            let allowed = table
                .get(from.as_str())
                .is_some_and(|(_, may)| may.contains(edge.to.as_str()));
            if !allowed {
                let may = table
                    .get(from.as_str())
                    .map(|(_, may)| may.iter().copied().collect::<Vec<_>>().join(", "))
                    .unwrap_or_default();
                broken.push(format!(
                    "src/{}:{}: `{from}` imports `{}`, which the layer table forbids ({from} may import: {})",
                    rel.display(),
                    edge.line,
                    edge.to,
                    if may.is_empty() { "nothing" } else { &may },
                ));
            }
        }
    }
    assert!(
        broken.is_empty(),
        "imports that break the layers (see ARCHITECTURE.md, \"Layers\"):\n{}",
        broken.join("\n")
    );
}

#[test]
fn every_module_has_a_row_and_imports_only_lower_layers() {
    let modules = declared_modules();
    let table = table();
    let rows: BTreeSet<String> = table.keys().map(|m| m.to_string()).collect();
    assert_eq!(
        rows, modules,
        "the layer table and src/lib.rs name different modules; give a new module its row here and in ARCHITECTURE.md"
    );
    for (module, (layer, may)) in &table {
        for to in may {
            let (to_layer, _) = table
                .get(to)
                .unwrap_or_else(|| panic!("`{module}` may import `{to}`, which has no row"));
            assert!(
                to_layer < layer,
                "`{module}` (layer {layer}) may import `{to}` (layer {to_layer}): only lower layers may be imported"
            );
        }
    }
}

#[test]
fn architecture_md_holds_the_same_layer_table() {
    let text =
        std::fs::read_to_string(root().join("ARCHITECTURE.md")).expect("read ARCHITECTURE.md");
    let mut documented: BTreeMap<String, (u8, BTreeSet<String>)> = BTreeMap::new();
    for line in text.lines() {
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        if cells.len() < 5 {
            continue;
        }
        let Ok(layer) = cells[1].parse::<u8>() else {
            continue;
        };
        let ticked = |cell: &str| -> Vec<String> {
            cell.split('`')
                .skip(1)
                .step_by(2)
                .map(str::to_string)
                .collect()
        };
        let Some(module) = ticked(cells[2]).into_iter().next() else {
            continue;
        };
        documented.insert(module, (layer, ticked(cells[3]).into_iter().collect()));
    }
    let table: BTreeMap<String, (u8, BTreeSet<String>)> = table()
        .into_iter()
        .map(|(m, (l, may))| {
            (
                m.to_string(),
                (l, may.into_iter().map(str::to_string).collect()),
            )
        })
        .collect();
    assert_eq!(
        documented, table,
        "ARCHITECTURE.md's layer table (left) and tests/layers.rs's LAYERS (right) disagree"
    );
}

#[test]
fn the_scan_finds_imports_in_code_only() {
    let code = code_only(
        r##"
use crate::config::Config; // crate::store in a comment
use crate::{outbound::Email, schedule, store::{Store, Tx}};
/* crate::cli in a block comment */
let s = "crate::daemon in a string";
let r = r#"crate::daemon in a raw string"#;
let c = '{'; let l: &'static str = "";
fn f() -> Option<crate::pairing::Pool> { None }
mod tests {
    use super::super::inbound::Thing;
    use super::Other;
}
"##,
    );
    let found: Vec<(usize, String)> = edges(&code, 1)
        .into_iter()
        .map(|e| (e.line, e.to))
        .collect();
    let want: Vec<(usize, String)> = [
        (2, "config"),
        (3, "outbound"),
        (3, "schedule"),
        (3, "store"),
        (8, "pairing"),
        (10, "inbound"),
    ]
    .into_iter()
    .map(|(l, m)| (l, m.to_string()))
    .collect();
    assert_eq!(found, want);
    // a file one floor down climbs out with two supers
    assert_eq!(edges("use super::super::store::X;", 2)[0].to, "store");
    assert!(edges("use super::sibling::X;", 2).is_empty());
}
