//! The layering ARCHITECTURE.md promises, checked on the source: no module
//! imports a module that imports it back (directly or round a longer
//! circle), the domain uses neither storage nor the pages, and storage
//! never uses the pages.
//!
//! A module is a file under `src/` (`src/domain/renewals/board.rs` is
//! `domain::renewals::board`). Its imports are the `use` paths outside its
//! test modules, resolved to the longest path that is a module file.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// `src/domain/book.rs` → `["domain", "book"]`; `src/lib.rs` → `[]`.
fn module_of(src: &Path, file: &Path) -> Vec<String> {
    let rel = file.strip_prefix(src).unwrap().with_extension("");
    let parts: Vec<String> = rel.iter().map(|p| p.to_string_lossy().into_owned()).collect();
    if parts == ["lib"] || parts == ["main"] { Vec::new() } else { parts }
}

/// Whether a file is a test module (its imports are the tests', not the
/// layer's).
fn is_test_file(module: &[String]) -> bool {
    module.last().is_some_and(|m| m == "tests" || m.ends_with("_tests"))
}

/// The source without `#[cfg(test)]` items: from the attribute to the end
/// of the item's braces (or its `;`).
fn without_tests(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find("#[cfg(test)]") {
        out.push_str(&rest[..at]);
        let after = &rest[at..];
        let (brace, semi) = (after.find('{'), after.find(';'));
        let end = match (brace, semi) {
            (_, Some(s)) if brace.is_none_or(|b| s < b) => s + 1,
            (Some(b), _) => {
                let mut depth = 0;
                let mut end = after.len();
                for (i, c) in after[b..].char_indices() {
                    match c {
                        '{' => depth += 1,
                        '}' => {
                            depth -= 1;
                            if depth == 0 {
                                end = b + i + 1;
                                break;
                            }
                        }
                        _ => {}
                    }
                }
                end
            }
            _ => after.len(),
        };
        rest = &after[end..];
    }
    out.push_str(rest);
    out
}

/// Every path a `use` declaration names (braces expanded one level deep,
/// which is all the project writes).
fn use_paths(text: &str) -> Vec<Vec<String>> {
    let mut paths = Vec::new();
    for stmt in text.split(';') {
        let stmt = stmt.trim();
        let Some(body) = stmt.strip_prefix("use ").or_else(|| stmt.strip_prefix("pub use ")).or_else(|| {
            stmt.lines()
                .last()
                .and_then(|l| l.trim().strip_prefix("use ").or_else(|| l.trim().strip_prefix("pub use ")))
        }) else {
            continue;
        };
        let body: String = body.split_whitespace().collect();
        let (prefix, group) = match body.find('{') {
            Some(i) => (&body[..i], Some(body[i + 1..].trim_end_matches('}'))),
            None => (body.as_str(), None),
        };
        let base: Vec<String> = prefix.split("::").filter(|s| !s.is_empty()).map(str::to_string).collect();
        match group {
            Some(g) => {
                for item in g.split(',').filter(|s| !s.is_empty()) {
                    let mut p = base.clone();
                    p.extend(item.split("::").map(|s| s.split(" as ").next().unwrap().to_string()));
                    paths.push(p);
                }
            }
            None => paths.push(base),
        }
    }
    paths
}

/// Paths written inline in code (`crate::ui::sync::start(...)`,
/// `super::settings::build_demo(...)`), outside comments.
fn inline_paths(text: &str) -> Vec<Vec<String>> {
    let mut paths = Vec::new();
    for line in text.lines() {
        let code = line.split("//").next().unwrap_or("");
        let bytes = code.as_bytes();
        for start in ["crate::", "super::", "agency_desk::"] {
            let mut from = 0;
            while let Some(at) = code[from..].find(start).map(|i| i + from) {
                from = at + start.len();
                // Only where a path begins: not inside `x::super::` or an identifier.
                if at > 0 && (bytes[at - 1] == b':' || bytes[at - 1].is_ascii_alphanumeric() || bytes[at - 1] == b'_') {
                    continue;
                }
                let end = code[at..]
                    .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == ':'))
                    .map(|i| i + at)
                    .unwrap_or(code.len());
                let path: Vec<String> =
                    code[at..end].split("::").filter(|s| !s.is_empty()).map(str::to_string).collect();
                paths.push(path);
            }
        }
    }
    paths
}

/// The module file a path from `module` reaches, if it is in this crate.
fn resolve(module: &[String], path: &[String], modules: &BTreeSet<Vec<String>>) -> Option<Vec<String>> {
    let mut full: Vec<String> = match path.first().map(String::as_str) {
        Some("crate") => path[1..].to_vec(),
        Some("agency_desk") => path[1..].to_vec(),
        Some("super") => {
            let mut base = module.to_vec();
            let mut rest = path;
            while rest.first().is_some_and(|s| s == "super") {
                base.pop();
                rest = &rest[1..];
            }
            base.extend(rest.iter().cloned());
            base
        }
        Some("self") => module.iter().cloned().chain(path[1..].iter().cloned()).collect(),
        _ => return None,
    };
    while !full.is_empty() {
        if modules.contains(&full) {
            return Some(full);
        }
        full.pop();
    }
    None
}

fn graph() -> BTreeMap<Vec<String>, BTreeSet<Vec<String>>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let modules: BTreeSet<Vec<String>> = files.iter().map(|f| module_of(&src, f)).collect();
    let mut graph = BTreeMap::new();
    for file in &files {
        let module = module_of(&src, file);
        if is_test_file(&module) || module.is_empty() {
            continue;
        }
        let text = without_tests(&std::fs::read_to_string(file).unwrap());
        let deps: BTreeSet<Vec<String>> = use_paths(&text)
            .iter()
            .chain(inline_paths(&text).iter())
            .filter_map(|p| resolve(&module, p, &modules))
            // A module's own children and itself are not imports back.
            .filter(|d| !d.starts_with(&module) && !module.starts_with(d))
            .collect();
        graph.insert(module, deps);
    }
    graph
}

/// Circles of modules: every strongly connected group of two or more.
fn circles(graph: &BTreeMap<Vec<String>, BTreeSet<Vec<String>>>) -> Vec<Vec<String>> {
    let reaches = |from: &Vec<String>| -> BTreeSet<Vec<String>> {
        let mut seen = BTreeSet::new();
        let mut stack = vec![from.clone()];
        while let Some(m) = stack.pop() {
            for d in graph.get(&m).into_iter().flatten() {
                if seen.insert(d.clone()) {
                    stack.push(d.clone());
                }
            }
        }
        seen
    };
    let reach: BTreeMap<&Vec<String>, BTreeSet<Vec<String>>> = graph.keys().map(|m| (m, reaches(m))).collect();
    let mut found: BTreeSet<Vec<String>> = BTreeSet::new();
    for (m, r) in &reach {
        if !r.contains(*m) {
            continue;
        }
        let mut group: Vec<String> =
            r.iter().filter(|o| reach.get(o).is_some_and(|back| back.contains(*m))).map(|o| o.join("::")).collect();
        group.sort();
        found.insert(group);
    }
    found.into_iter().collect()
}

/// The circles among the modules of one layer (`domain`, `storage`, `ui`, ...).
fn circles_in(layer: &str) -> Vec<Vec<String>> {
    let graph = graph();
    assert!(graph.len() > 50, "the source was read: {} modules", graph.len());
    circles(&graph).into_iter().filter(|c| c.iter().any(|m| m.split("::").next() == Some(layer))).collect()
}

#[test]
fn no_module_imports_a_module_that_imports_it_back() {
    for layer in ["domain", "charts", "routes", "storage", "ui"] {
        let found = circles_in(layer);
        assert!(found.is_empty(), "circles of modules importing each other: {found:#?}");
    }
}

#[test]
fn the_domain_uses_neither_storage_nor_pages_and_storage_never_the_pages() {
    let graph = graph();
    for (module, deps) in &graph {
        let layer = module[0].as_str();
        for d in deps {
            let bad = match layer {
                "domain" | "charts" => d[0] == "storage" || d[0] == "ui",
                "storage" => d[0] == "ui",
                _ => false,
            };
            assert!(!bad, "{} uses {}", module.join("::"), d.join("::"));
        }
    }
}

#[test]
fn the_checker_sees_a_circle_and_a_layer_broken() {
    // The same reading on a made-up crate: a ↔ b is a circle; c is not in one.
    let m = |s: &str| s.split("::").map(str::to_string).collect::<Vec<_>>();
    let modules: BTreeSet<Vec<String>> = [m("domain::a"), m("domain::b"), m("domain::c")].into_iter().collect();
    let deps = |from: &str, text: &str| -> BTreeSet<Vec<String>> {
        use_paths(&without_tests(text)).iter().filter_map(|p| resolve(&m(from), p, &modules)).collect()
    };
    let mut graph = BTreeMap::new();
    graph.insert(
        m("domain::a"),
        deps("domain::a", "use super::b::Thing;\n#[cfg(test)]\nmod tests { use super::c::X; }"),
    );
    graph.insert(m("domain::b"), deps("domain::b", "use crate::domain::{a::Other, c};"));
    graph.insert(m("domain::c"), deps("domain::c", "use std::fmt;"));
    assert_eq!(graph[&m("domain::a")], [m("domain::b")].into_iter().collect(), "test imports are not counted");
    assert_eq!(circles(&graph), vec![vec!["domain::a".to_string(), "domain::b".to_string()]]);
    graph.remove(&m("domain::b"));
    assert!(circles(&graph).is_empty());
}
