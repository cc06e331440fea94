//! The agency itself: its departments and its staff.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A department of the agency. Serialized as its code (`CL`, `PL`,
/// `Benefits`) or the custom department's name.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Department {
    #[default]
    Cl,
    Pl,
    Benefits,
    Custom(String),
}

impl Department {
    /// The short code used in exports and `data-department` attributes.
    pub fn code(&self) -> &str {
        match self {
            Department::Cl => "CL",
            Department::Pl => "PL",
            Department::Benefits => "Benefits",
            Department::Custom(name) => name,
        }
    }

    /// The name people read.
    pub fn label(&self) -> &str {
        match self {
            Department::Cl => "Commercial Lines",
            Department::Pl => "Personal Lines",
            Department::Benefits => "Employee Benefits",
            Department::Custom(name) => name,
        }
    }

    /// Reads a department as reports write it: `CL`, `Commercial Lines`,
    /// `Commercial`, `Comm`, `PL`, `Personal`, `Personal Lines`, `Benefits`,
    /// `Employee Benefits`, `EB`, `Group Benefits`, `Life & Health`, `L&H`;
    /// also with a system's numeric code in front (`00 Commercial`,
    /// `01 - Personal`) or as code and label (`CL - Commercial Lines`).
    /// Anything else non-blank is a custom department of that name.
    ///
    /// ```
    /// use agency_desk::domain::book::Department;
    /// assert_eq!(Department::parse("00 Commercial"), Ok(Department::Cl));
    /// assert_eq!(Department::parse("PL - Personal Lines"), Ok(Department::Pl));
    /// assert_eq!(Department::parse("Farm & Ranch"), Ok(Department::Custom("Farm & Ranch".into())));
    /// ```
    pub fn parse(input: &str) -> Result<Department, String> {
        let s = input.trim();
        if s.is_empty() {
            return Err("the department is blank (expected CL, PL, Benefits or a department name)".into());
        }
        if let Some(d) = Self::standard_named(s) {
            return Ok(d);
        }
        // `00 Commercial`, `02-Benefits`: a numeric code before the name.
        let without_code = s.trim_start_matches(|c: char| c.is_ascii_digit());
        if without_code.len() < s.len()
            && let Some(d) = Self::standard_named(without_code.trim_start_matches([' ', '-', ':', '.']))
        {
            return Ok(d);
        }
        // `CL - Commercial Lines`: every part that names a department names the same one.
        let parts: Vec<Option<Department>> = s.split(" - ").map(|p| Self::standard_named(p.trim())).collect();
        if parts.len() > 1
            && let Some(Some(first)) = parts.first()
            && parts.iter().all(|d| d.as_ref() == Some(first))
        {
            return Ok(first.clone());
        }
        Ok(Department::Custom(s.to_string()))
    }

    /// One of the three built-in departments by code or name, if it is one.
    fn standard_named(s: &str) -> Option<Department> {
        let key: String = s.to_ascii_lowercase().chars().filter(|c| c.is_ascii_alphanumeric()).collect();
        Some(match key.as_str() {
            "cl" | "commercial" | "commerciallines" | "commercialline" | "comm" | "commlines" => Department::Cl,
            "pl" | "personal" | "personallines" | "personalline" => Department::Pl,
            "benefits" | "employeebenefits" | "eb" | "groupbenefits" | "ben" | "bn" | "lifehealth"
            | "lifeandhealth" | "lh" | "lifehealthbenefits" => Department::Benefits,
            _ => return None,
        })
    }

    /// The three built-in departments.
    pub fn standard() -> Vec<Department> {
        vec![Department::Cl, Department::Pl, Department::Benefits]
    }
}

impl fmt::Display for Department {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl Serialize for Department {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.code())
    }
}

impl<'de> Deserialize<'de> for Department {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        // Stored departments are written by `code`: the three built-in
        // codes are taken as they are, anything else is the custom
        // department of that name. It is never re-read by `parse`, whose
        // rules may learn new names: a department saved as "Life & Health"
        // stays that department.
        match s.as_str() {
            "CL" => Ok(Department::Cl),
            "PL" => Ok(Department::Pl),
            "Benefits" => Ok(Department::Benefits),
            "" => Err(serde::de::Error::custom("a department is blank")),
            _ => Ok(Department::Custom(s)),
        }
    }
}

/// The roles of the agency's staff.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum StaffRole {
    Producer,
    /// Account Executive / Client Manager.
    ClientManager,
    ClientAdvocate,
    Marketing,
    Claims,
    LossControl,
    Owner,
}

impl StaffRole {
    pub const ALL: [StaffRole; 7] = [
        StaffRole::Producer,
        StaffRole::ClientManager,
        StaffRole::ClientAdvocate,
        StaffRole::Marketing,
        StaffRole::Claims,
        StaffRole::LossControl,
        StaffRole::Owner,
    ];

    pub fn label(self) -> &'static str {
        match self {
            StaffRole::Producer => "Producer",
            StaffRole::ClientManager => "Account Executive / Client Manager",
            StaffRole::ClientAdvocate => "Client Advocate",
            StaffRole::Marketing => "Marketing",
            StaffRole::Claims => "Claims",
            StaffRole::LossControl => "Loss Control",
            StaffRole::Owner => "Owner",
        }
    }
}

/// A person on the agency's staff.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffMember {
    pub name: String,
    pub role: StaffRole,
    /// The person's user name on the agency's team database, if they sync:
    /// what they do while signed in is recorded under `name`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sync_user: Option<String>,
}

impl StaffMember {
    pub fn new(name: &str, role: StaffRole) -> Self {
        StaffMember { name: name.to_string(), role, sync_user: None }
    }
}

/// Agency-wide settings kept with the book.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgencyProfile {
    pub departments: Vec<Department>,
    pub staff: Vec<StaffMember>,
}

impl Default for AgencyProfile {
    fn default() -> Self {
        AgencyProfile { departments: Department::standard(), staff: Vec::new() }
    }
}

impl AgencyProfile {
    /// The name recorded for team database user `user`: the staff member
    /// whose sync user name it is (letter case aside), else the user name
    /// itself.
    ///
    /// ```
    /// use agency_desk::domain::book::{AgencyProfile, StaffMember, StaffRole};
    /// let mut profile = AgencyProfile::default();
    /// let mut ann = StaffMember::new("Ann Lee", StaffRole::ClientManager);
    /// ann.sync_user = Some("ann".into());
    /// profile.staff.push(ann);
    /// assert_eq!(profile.person_for("Ann"), "Ann Lee");
    /// assert_eq!(profile.person_for("bo"), "bo");
    /// ```
    pub fn person_for(&self, user: &str) -> String {
        self.staff
            .iter()
            .find(|s| s.sync_user.as_deref().is_some_and(|u| u.trim().eq_ignore_ascii_case(user.trim())))
            .map(|s| s.name.clone())
            .unwrap_or_else(|| user.to_string())
    }
}

/// Checks departments and staff before they are saved.
pub fn validate_profile(profile: &AgencyProfile) -> Vec<String> {
    let mut problems = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for d in &profile.departments {
        if d.code().trim().is_empty() {
            problems.push("A department name is blank.".to_string());
        } else if !seen.insert(d.code().to_lowercase()) {
            problems.push(format!("The department {} is listed twice.", d.code()));
        }
    }
    let mut users = std::collections::HashSet::new();
    for (i, s) in profile.staff.iter().enumerate() {
        if s.name.trim().is_empty() {
            problems.push(format!("Staff member {} has no name.", i + 1));
        }
        if let Some(user) = s.sync_user.as_deref().map(str::trim).filter(|u| !u.is_empty())
            && !users.insert(user.to_lowercase())
        {
            problems.push(format!("The team sync user name {user} is given to two people."));
        }
    }
    problems
}

#[cfg(test)]
mod profile_tests;
