//! The bundled role library against the role pages it was taken from
//! (copies in `tests/fixtures/seeds`): every task, every expectation bullet
//! of every level and every listed bullet is carried over, and nothing is
//! added. A bullet that ends with a colon and introduces the bullets after
//! it is a lead-in: it is carried as the context of those items, not as an
//! item. The page's own agency name is carried as the `{agency}` mark.

use agency_desk::domain::roles::level::Level;
use agency_desk::domain::roles::library::{Role, RoleLibrary};

/// Obvious typos fixed in the library: (as the page has it, as carried).
const TYPO_FIXES: [(&str, &str); 12] = [
    ("what what the language", "what the language"),
    ("Be open feedback", "Be open to feedback"),
    ("ask for their involved", "ask for their involvement"),
    ("important based client/business", "important based on client/business"),
    ("Ask carriers what like to see", "Ask carriers what they like to see"),
    ("when an activity complex", "when an activity is complex"),
    ("the important of items", "the importance of items"),
    ("explain the importance concepts", "explain the important concepts"),
    ("how solve their own", "how to solve their own"),
    ("during important moment in", "during important moments in"),
    ("in respect Cancellations", "in respect to Cancellations"),
    ("this task. ***", "this task.*"),
];

/// How the pages name their agency, and the mark the library has instead.
const AGENCY_NAMES: [(&str, &str); 2] = [("Christensen Group", "{agency}"), (" CG ", " {agency} ")];

/// Items per task and level (new, meeting, exceeding), counted by hand on
/// the Client Manager page.
const CM_ITEMS: [[usize; 3]; 6] = [
    [1, 5, 2], // Manage service team workflow
    [4, 4, 5], // Act as a technical expert to producer and client
    [7, 7, 3], // Manage renewal process
    [8, 6, 4], // New Business Marketing
    [3, 4, 3], // Maintain and build rapport with key partners
    [2, 4, 2], // Issue supporting documents
];

/// The same for the Client Advocate page. Process Audits' exceeding level
/// has five bullets, one of them the lead-in of the last three; Build
/// Technical Acumen asks nothing before month 6 (a note in place of items).
const CA_ITEMS: [[usize; 3]; 8] = [
    [4, 3, 4], // Issue certificates of insurance and prepare policy endorsements
    [4, 5, 4], // Process Audits
    [7, 6, 3], // Change Requests and Endorsements
    [7, 4, 3], // Answer billing questions
    [3, 9, 3], // Own the billing processing
    [7, 3, 2], // Process incoming mail and distribute to the team
    [8, 7, 5], // Policy Check-ins
    [0, 0, 3], // Build Technical Acumen
];

const LEVEL_HEADINGS: [&str; 3] =
    ["New in role (0–3 mos)", "Meeting expectations (3–6 mos)", "Exceeding expectations (6+ mos)"];

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!("{}/tests/fixtures/seeds/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

fn bullet(line: &str) -> Option<String> {
    let t = line.trim();
    let rest = t.strip_prefix('•').or_else(|| t.strip_prefix("- "))?;
    let mut text = rest.split_whitespace().collect::<Vec<_>>().join(" ");
    // Entries the Client Advocate page lists under Technology with an
    // "Activity:" label are carried under "Training activities" without it.
    for label in ["Training Activity: ", "Activity: "] {
        if let Some(rest) = text.strip_prefix(label) {
            text = rest.to_string();
        }
    }
    for (from, to) in TYPO_FIXES.iter().chain(&AGENCY_NAMES) {
        text = text.replace(from, to);
    }
    Some(text)
}

/// The bullets under each level heading, in page order: the bullets that
/// follow the heading (blank lines allowed) up to the first other line.
fn level_bullets(page: &str) -> Vec<Vec<String>> {
    let lines: Vec<&str> = page.lines().collect();
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        if LEVEL_HEADINGS.contains(&line.trim()) {
            out.push(lines[i + 1..].iter().filter(|l| !l.trim().is_empty()).map_while(|l| bullet(l)).collect());
        }
    }
    out
}

/// A bullet that ends with a colon and has bullets after it in its level.
fn lead_ins(bullets: &[String]) -> Vec<usize> {
    (0..bullets.len()).filter(|&i| bullets[i].ends_with(':') && i + 1 < bullets.len()).collect()
}

/// Items (bullets less lead-ins) under each level heading, in page order.
fn level_counts(page: &str) -> Vec<usize> {
    level_bullets(page).iter().map(|b| b.len() - lead_ins(b).len()).collect()
}

fn core_count(page: &str) -> usize {
    let lines: Vec<&str> = page.lines().collect();
    let at = lines.iter().position(|l| l.trim() == "Core responsibilities").unwrap();
    lines[at + 1..].iter().filter(|l| !l.trim().is_empty()).take_while(|l| bullet(l).is_some()).count()
}

/// Items plus the note a level shows instead of items, per level per task.
fn library_counts(role: &Role) -> Vec<usize> {
    role.tasks
        .iter()
        .flat_map(|t| Level::ALL.map(|l| t.level(l).items.len() + usize::from(t.level(l).note.is_some())))
        .collect()
}

fn all_text(role: &Role) -> Vec<String> {
    let mut out: Vec<String> = role.core.clone();
    for t in &role.tasks {
        out.push(t.title.clone());
        out.push(t.why.clone());
        out.extend(t.footnote.clone());
        for l in Level::ALL {
            out.extend(t.level(l).items.iter().map(|i| i.text.clone()));
            out.extend(t.level(l).items.iter().filter_map(|i| i.context.clone()));
            out.extend(t.level(l).note.clone());
        }
        out.extend(t.resources.iter().flat_map(|g| g.items.iter().cloned()));
    }
    out
}

fn check(file: &str, name: &str, by_hand: &[[usize; 3]], core: usize, items: usize, leads: usize) {
    let page = fixture(file);
    let library = RoleLibrary::original();
    let role = library.role(name).unwrap();
    assert_eq!(role.tasks.len(), by_hand.len());
    assert_eq!(
        page.lines().filter(|l| l.trim() == LEVEL_HEADINGS[0]).count(),
        by_hand.len(),
        "one new-in-role heading per task"
    );
    assert_eq!(role.core.len(), core_count(&page));
    assert_eq!(role.core.len(), core);
    assert_eq!(library_counts(role), level_counts(&page), "items (and notes) per task and level");
    let in_library: Vec<[usize; 3]> = role.tasks.iter().map(|t| Level::ALL.map(|l| t.level(l).items.len())).collect();
    assert_eq!(in_library, by_hand, "items per task and level, as counted by hand");
    assert_eq!(by_hand.iter().flatten().sum::<usize>(), items);
    assert_eq!(role.items().count(), items);
    // Each lead-in is the context of every item after it in its level, and
    // of nothing else.
    let bullets = level_bullets(&page);
    assert_eq!(bullets.iter().map(|b| lead_ins(b).len()).sum::<usize>(), leads);
    let parts: Vec<_> = role.tasks.iter().flat_map(|t| Level::ALL.map(|l| t.level(l))).collect();
    for (b, part) in bullets.iter().zip(&parts) {
        let mut context = None;
        let mut items = part.items.iter();
        for (i, text) in b.iter().enumerate() {
            if lead_ins(b).contains(&i) {
                context = Some(text.clone());
                continue;
            }
            if part.note.as_deref() == Some(text.as_str()) {
                continue;
            }
            let item = items.next().unwrap();
            assert_eq!(&item.text, text, "{name}: items in page order");
            assert_eq!(item.context, context, "{name}: the lead-in of \"{text}\"");
        }
        assert!(items.next().is_none(), "{name}: no item beyond the page's bullets");
    }
    // Every bullet of the page (levels, lists, core) is in the library.
    let text = all_text(role);
    for line in page.lines() {
        if let Some(b) = bullet(line) {
            assert!(text.iter().any(|t| t.contains(&b)), "{name}: the bullet \"{b}\" is missing");
        }
    }
}

#[test]
fn client_manager_is_carried_over_whole() {
    // 6 tasks; expectation items 8 + 13 + 17 + 18 + 10 + 8; no lead-ins.
    check("client_manager.txt", "Client Manager", &CM_ITEMS, 5, 74, 0);
}

#[test]
fn client_advocate_is_carried_over_whole() {
    // 8 tasks, expectation items 11 + 13 + 16 + 14 + 15 + 12 + 20 + 3; one
    // lead-in (Process Audits, exceeding).
    check("client_advocate.txt", "Client Advocate", &CA_ITEMS, 4, 104, 1);
}

#[test]
fn the_fixtures_match_the_source_pages_when_they_are_present() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds");
    let Ok(entries) = std::fs::read_dir(&dir) else { return };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let fixture_name = if name.starts_with("002_") {
            "client_manager.txt"
        } else if name.starts_with("003_") {
            "client_advocate.txt"
        } else {
            continue;
        };
        assert_eq!(std::fs::read_to_string(entry.path()).unwrap(), fixture(fixture_name), "{name}");
    }
}
