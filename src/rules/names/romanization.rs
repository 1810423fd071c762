//! The romanization systems of `rules/romanization.toml`: which spellings of which Cyrillic
//! letters show that a word follows one system rather than another.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use serde::Deserialize;

const TABLE: &str = include_str!("../../../rules/romanization.toml");

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawTable {
    systems: BTreeMap<String, RawSystem>,
    ambiguous: Vec<String>,
    russian_clusters: Vec<String>,
    letters: Vec<RawLetter>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSystem {
    name: String,
    #[serde(default)]
    aliases: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLetter {
    #[allow(dead_code)]
    cyrillic: String,
    spellings: BTreeMap<String, String>,
}

/// A set of systems, one bit per system in table order.
pub type Systems = u32;

pub struct System {
    pub id: String,
    pub name: String,
    pub aliases: Vec<String>,
}

pub struct Table {
    pub systems: Vec<System>,
    /// Per letter, each system's spelling.
    letters: Vec<Vec<String>>,
    /// Every spelling that is evidence, with the systems that write it for its letter.
    markers: Vec<Marker>,
    russian_clusters: Vec<String>,
}

struct Marker {
    spelling: String,
    systems: Systems,
    ambiguous: bool,
}

/// What a word's spelling says about its system.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Evidence {
    /// The systems the word can be written in (a proper, non-empty subset of all).
    pub systems: Systems,
    /// Its only evidence is a spelling other languages share.
    pub weak: bool,
}

/// A spelling is evidence only when it cannot be an accident of Latin text.
fn is_marker(spelling: &str) -> bool {
    spelling.chars().count() >= 2 || !spelling.is_ascii()
}

impl Table {
    fn parse(text: &str) -> Result<Table, String> {
        let raw: RawTable = toml::from_str(text).map_err(|e| e.to_string())?;
        let ids: Vec<String> = raw.systems.keys().cloned().collect();
        let mut letters = Vec::new();
        for letter in &raw.letters {
            let mut row = Vec::new();
            for id in &ids {
                let spelling = letter.spellings.get(id).ok_or_else(|| {
                    format!("letter {} has no spelling for {id}", letter.cyrillic)
                })?;
                row.push(spelling.clone());
            }
            letters.push(row);
        }
        let everything: Systems = (1 << ids.len()) - 1;
        let mut markers: Vec<Marker> = Vec::new();
        for row in &letters {
            for spelling in row.iter().filter(|s| is_marker(s)) {
                let systems = row
                    .iter()
                    .enumerate()
                    .filter(|(_, s)| *s == spelling)
                    .fold(0, |set, (j, _)| set | 1 << j);
                let known = markers
                    .iter()
                    .any(|m| m.spelling == *spelling && m.systems == systems);
                if systems != everything && !known {
                    markers.push(Marker {
                        spelling: spelling.clone(),
                        systems,
                        ambiguous: raw.ambiguous.contains(spelling),
                    });
                }
            }
        }
        Ok(Table {
            markers,
            systems: raw
                .systems
                .into_iter()
                .map(|(id, s)| System {
                    id,
                    name: s.name,
                    aliases: s.aliases,
                })
                .collect(),
            letters,
            russian_clusters: raw.russian_clusters,
        })
    }

    /// The embedded table (checked by a unit test, so it always parses).
    pub fn get() -> &'static Table {
        static PARSED: LazyLock<Table> = LazyLock::new(|| {
            Table::parse(TABLE).unwrap_or(Table {
                systems: Vec::new(),
                letters: Vec::new(),
                markers: Vec::new(),
                russian_clusters: Vec::new(),
            })
        });
        &PARSED
    }

    /// The system a config names, by id or alias.
    pub fn lookup(&self, name: &str) -> Option<usize> {
        self.systems
            .iter()
            .position(|s| s.id == name || s.aliases.iter().any(|a| a == name))
    }

    pub fn all_names(&self) -> Vec<&str> {
        self.systems
            .iter()
            .flat_map(|s| {
                std::iter::once(s.id.as_str()).chain(s.aliases.iter().map(String::as_str))
            })
            .collect()
    }

    fn everything(&self) -> Systems {
        (1 << self.systems.len()) - 1
    }

    /// The systems a lower-case word's spellings agree with, if they narrow them down.
    pub fn evidence(&self, word: &str) -> Option<Evidence> {
        let mut systems = self.everything();
        let (mut strong, mut russian) = (false, false);
        // One pass over the word, trying each (short) spelling where it stands: cheaper than a
        // substring search per spelling.
        for (at, _) in word.char_indices() {
            let rest = &word[at..];
            for marker in &self.markers {
                if rest.starts_with(marker.spelling.as_str()) {
                    systems &= marker.systems;
                    strong |= !marker.ambiguous;
                }
            }
            russian |= self
                .russian_clusters
                .iter()
                .any(|c| rest.starts_with(c.as_str()));
        }
        (systems != 0 && systems != self.everything()).then_some(Evidence {
            systems,
            weak: !strong && !russian,
        })
    }

    /// Whether a lower-case word has a spelling that only systems other than `system` write
    /// (`družei` in an ALA-LC manuscript, `Yurevich` beside ALA-LC's `Iurevich`).
    pub fn contradicts(&self, word: &str, system: usize) -> bool {
        word.char_indices().any(|(at, _)| {
            let rest = &word[at..];
            self.markers
                .iter()
                .any(|m| m.systems & (1 << system) == 0 && rest.starts_with(m.spelling.as_str()))
        })
    }

    /// Whether a lower-case word looks like romanized Russian: it has a cluster only
    /// romanized Russian has, or a spelling no other language shares.
    pub fn looks_romanized(&self, word: &str) -> bool {
        word.char_indices().any(|(at, _)| {
            let rest = &word[at..];
            self.russian_clusters
                .iter()
                .any(|c| rest.starts_with(c.as_str()))
                || self
                    .markers
                    .iter()
                    .any(|m| !m.ambiguous && rest.starts_with(m.spelling.as_str()))
        })
    }

    /// The word, written in the systems `from`, respelt in `system`: each spelling of another
    /// system replaced by its own. Single letters (ISO 9's `h` for х) are respelt only when the
    /// word is known to be in a system that writes them.
    pub fn respell(&self, word: &str, from: Systems, system: usize) -> String {
        let mut pairs: Vec<(&str, &str)> = Vec::new();
        for row in &self.letters {
            let target = row[system].as_str();
            for (i, spelling) in row.iter().enumerate() {
                let known = is_marker(spelling) || from & (1 << i) != 0;
                if spelling != target && known {
                    pairs.push((spelling, target));
                }
            }
        }
        // Longest first: `shch` before `sh`.
        pairs.sort_by_key(|(from, _)| std::cmp::Reverse(from.len()));
        let mut out = String::with_capacity(word.len());
        let mut rest = word;
        'scan: while let Some(c) = rest.chars().next() {
            for (from, to) in &pairs {
                if let Some(after) = rest.strip_prefix(from) {
                    out.push_str(to);
                    rest = after;
                    continue 'scan;
                }
            }
            out.push(c);
            rest = &rest[c.len_utf8()..];
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_table_parses_and_tells_systems_apart() {
        let table = Table::parse(TABLE).expect("rules/romanization.toml");
        let ala = table.lookup("ala-lc").expect("ala-lc");
        let bgn = table.lookup("popular").expect("popular is bgn-pcgn");
        let iso = table.lookup("iso9").expect("iso9");
        let systems = |w: &str| table.evidence(w).map(|e| e.systems);
        assert_eq!(systems("vsesoiuznoe"), Some(1 << ala));
        assert_eq!(systems("vsesoyuznoe"), Some(1 << bgn));
        assert_eq!(systems("žizn"), Some(1 << iso));
        assert_eq!(systems("zhizn"), Some((1 << ala) | (1 << bgn)));
        assert_eq!(systems("peredovye"), None);
        assert!(table.evidence("industriale").is_some_and(|e| e.weak));
        assert!(!table.evidence("zhiznia").is_some_and(|e| e.weak));
        assert!(table.contradicts("družei", ala) && !table.contradicts("druzei", ala));
        assert!(table.contradicts("yurevich", ala) && !table.contradicts("iurevich", ala));
        assert!(table.looks_romanized("stakhanovtša") && !table.looks_romanized("reminiscences"));
        assert_eq!(table.respell("vsesoyuznoe", 1 << bgn, ala), "vsesoiuznoe");
        assert_eq!(table.respell("ŝit", 1 << iso, ala), "shchit");
        assert_eq!(table.respell("šahtërov", 1 << iso, ala), "shakhtërov");
        assert_eq!(table.respell("zhiznia", 1 << ala, iso), "žiznâ");
    }
}
