//! Account profitability, following the agency-operations method: array the
//! book by commission revenue in tiers per department ([`tiers`]), see how
//! concentrated it is ([`concentration`]), price a minute of the agency's
//! time and each process ([`cost`]), and net every account and tier.

pub mod analysis;
pub mod concentration;
pub mod cost;
pub mod reports;
pub mod settings;
pub mod tiers;
