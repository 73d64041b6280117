//! Component versions: the order in which several registrations of one tool, resource,
//! template or prompt are chosen, as fastmcp 3 and 4 order them (`@mcp.tool(version="2.0")`).
//!
//! A version is read as PEP 440 after one leading `v` run is dropped (`"v1.0"` is `1.0`, and
//! `"1"` equals `"1.0"`); text that is not PEP 440 (`"2025-01-15"`) compares as text, after
//! every PEP 440 version. An unversioned registration sorts lowest. Two spellings of one
//! version (`"1"`, `"1.0"`) are ordered by their text, so the choice never depends on the order
//! they were registered in.

use std::cmp::Ordering;
use std::str::FromStr;

/// A comparable version: see the module.
#[derive(Debug, Clone)]
pub enum VersionKey {
    /// Unversioned: lowest.
    Unversioned,
    /// A PEP 440 version.
    Pep440(pep440_rs::Version),
    /// Anything else, compared as text.
    Text(String),
}

impl VersionKey {
    /// The key of `version` (`None`: unversioned).
    pub fn of(version: Option<&str>) -> Self {
        let Some(v) = version else {
            return Self::Unversioned;
        };
        match pep440_rs::Version::from_str(v.trim_start_matches('v')) {
            Ok(parsed) => Self::Pep440(parsed),
            Err(_) => Self::Text(v.to_owned()),
        }
    }

    fn rank(&self) -> u8 {
        match self {
            Self::Unversioned => 0,
            Self::Pep440(_) => 1,
            Self::Text(_) => 2,
        }
    }
}

impl Ord for VersionKey {
    fn cmp(&self, other: &Self) -> Ordering {
        match (self, other) {
            (Self::Pep440(a), Self::Pep440(b)) => a.cmp(b),
            (Self::Text(a), Self::Text(b)) => a.cmp(b),
            _ => self.rank().cmp(&other.rank()),
        }
    }
}

impl PartialOrd for VersionKey {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq for VersionKey {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for VersionKey {}

/// How two versions compare (`None`: unversioned), ties between spellings of one version
/// broken by their text: the order registrations are chosen in.
pub fn compare(a: Option<&str>, b: Option<&str>) -> Ordering {
    VersionKey::of(a)
        .cmp(&VersionKey::of(b))
        .then_with(|| a.unwrap_or("").cmp(b.unwrap_or("")))
}

/// Whether `a` and `b` name the same version (`"v1.0"`, `"1"` and `"1.0"` do).
pub fn same(a: &str, b: &str) -> bool {
    VersionKey::of(Some(a)) == VersionKey::of(Some(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pep440_order_with_v_prefix_text_and_unversioned() {
        let mut v = vec![
            Some("2"),
            Some("v10"),
            None,
            Some("1.0a1"),
            Some("2025-01-15"),
            Some("1.0"),
            Some("abc"),
        ];
        v.sort_by(|a, b| compare(*a, *b));
        assert_eq!(
            v,
            vec![
                None,
                Some("1.0a1"),
                Some("1.0"),
                Some("2"),
                Some("v10"),
                Some("2025-01-15"),
                Some("abc"),
            ]
        );
    }

    #[test]
    fn spellings_of_one_version_are_equal_and_ordered_by_text() {
        assert!(same("1", "1.0"));
        assert!(same("v1.0", "1"));
        assert!(!same("1", "1.1"));
        assert!(!same("x", "1"));
        assert_eq!(compare(Some("1.0"), Some("1")), Ordering::Greater);
        assert_eq!(compare(Some("1"), Some("1")), Ordering::Equal);
    }
}
