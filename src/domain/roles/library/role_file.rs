//! Role files: one role written as JSON to share between offices, and read
//! back with its format and version checked.

use super::*;

/// The format name written into a role file.
pub const ROLE_FILE_FORMAT: &str = "agency-desk-role";
/// The version of the role file format this build writes and reads.
pub const ROLE_FILE_VERSION: u32 = 1;

#[derive(Serialize, Deserialize)]
pub(super) struct RoleFile {
    format: String,
    version: u32,
    role: Role,
}

/// A file-name-safe version of a role name, used in the role file's name
/// and in the key of a copied role: ASCII letters and digits in lower
/// case, every run of other characters one `-`, none at either end.
///
/// ```
/// use agency_desk::domain::roles::library::file_stem;
/// assert_eq!(file_stem("Client Manager (CL)"), "client-manager-cl");
/// ```
pub fn file_stem(name: &str) -> String {
    let s: String =
        name.chars().map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '-' }).collect();
    s.split('-').filter(|p| !p.is_empty()).collect::<Vec<_>>().join("-")
}

/// A role as a file to share with another office.
pub fn role_file(role: &Role) -> String {
    serde_json::to_string_pretty(&RoleFile {
        format: ROLE_FILE_FORMAT.into(),
        version: ROLE_FILE_VERSION,
        role: role.clone(),
    })
    .unwrap_or_default()
}

/// Reads a role file, checking its format, version and content.
pub fn read_role_file(text: &str) -> Result<Role, String> {
    let value: serde_json::Value =
        serde_json::from_str(text).map_err(|e| format!("This is not a role file: it is not valid JSON ({e})."))?;
    match value.get("format").and_then(|f| f.as_str()) {
        Some(ROLE_FILE_FORMAT) => {}
        Some(other) => return Err(format!("This file is a \"{other}\" file, not a role file.")),
        None => return Err("This is not a role file: it has no \"format\" field.".into()),
    }
    let version = value.get("version").and_then(|v| v.as_u64()).unwrap_or(0);
    if version > u64::from(ROLE_FILE_VERSION) {
        return Err(format!(
            "This role file was written by a newer version of AgencyDesk (format version {version}); update the app to read it."
        ));
    }
    let file: RoleFile =
        serde_json::from_value(value).map_err(|e| format!("The role file is damaged or incomplete: {e}."))?;
    let problems = file.role.problems();
    if !problems.is_empty() {
        return Err(format!("The role in this file cannot be used: {}", problems.join(" ")));
    }
    Ok(file.role)
}
