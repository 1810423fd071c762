//! The YAML front matter of Pandoc, R Markdown and Quarto files: the keys that change what is
//! checked. `bibliography:` (one file or a list, relative to the file) names the databases the
//! `[@key]` citations resolve against; `nocite:` lists keys cited without a citation (`@*`:
//! every entry), which are then not "uncited".

use yaml_rust2::{Yaml, YamlLoader};

use crate::frontend::Companions;

/// The front matter's text, if the file opens with one: a `---` line, YAML, and a `---` or
/// `...` line. Returns the YAML and its byte offset in the file.
fn block(text: &str) -> Option<(&str, usize)> {
    let first_line_end = text.find('\n')?;
    if text[..first_line_end].trim_end() != "---" {
        return None;
    }
    let body_start = first_line_end + 1;
    let mut at = body_start;
    for line in text[body_start..].split_inclusive('\n') {
        let trimmed = line.trim_end();
        if trimmed == "---" || trimmed == "..." {
            return Some((&text[body_start..at], body_start));
        }
        at += line.len();
    }
    None
}

/// The front matter's `title:`, which Pandoc prints as the file's heading: a chapter file
/// titled "Bibliography" is a bibliography from its first line.
pub fn title(text: &str) -> Option<String> {
    let (yaml, _) = block(text)?;
    let documents = YamlLoader::load_from_str(yaml).ok()?;
    let map = documents.first().and_then(Yaml::as_hash)?;
    map.get(&Yaml::String("title".into()))
        .and_then(Yaml::as_str)
        .map(str::to_string)
}

/// What a Markdown file's front matter asks to be read with it. A front matter that is not
/// valid YAML is not Pandoc's either (Pandoc stops with an error); it is left to the text.
pub fn companions(text: &str) -> Companions {
    let mut companions = Companions::default();
    let Some((yaml, offset)) = block(text) else {
        return companions;
    };
    let Ok(documents) = YamlLoader::load_from_str(yaml) else {
        return companions;
    };
    let Some(map) = documents.first().and_then(Yaml::as_hash) else {
        return companions;
    };
    let key_offset = |key: &str| {
        offset
            + yaml
                .match_indices(key)
                .find(|(at, _)| *at == 0 || yaml.as_bytes()[at - 1] == b'\n')
                .map_or(0, |(at, _)| at)
    };
    if let Some(value) = map.get(&Yaml::String("bibliography".into())) {
        let at = key_offset("bibliography");
        let names: Vec<&str> = match value {
            Yaml::String(name) => vec![name.as_str()],
            Yaml::Array(items) => items.iter().filter_map(Yaml::as_str).collect(),
            _ => Vec::new(),
        };
        companions.bibliographies.extend(
            names
                .into_iter()
                .map(str::trim)
                .filter(|name| !name.is_empty())
                .map(|name| (name.to_string(), at)),
        );
    }
    companions.language = map
        .get(&Yaml::String("lang".into()))
        .and_then(Yaml::as_str)
        .map(str::to_string);
    if let Some(value) = map.get(&Yaml::String("nocite".into())) {
        let texts: Vec<&str> = match value {
            Yaml::String(text) => vec![text.as_str()],
            Yaml::Array(items) => items.iter().filter_map(Yaml::as_str).collect(),
            _ => Vec::new(),
        };
        for text in texts {
            for key in text.split(|c: char| c.is_whitespace() || c == ',' || c == ';') {
                let Some(key) = key.strip_prefix('@') else {
                    continue;
                };
                let key = key.trim_matches(|c: char| c == '[' || c == ']');
                if key == "*" {
                    companions.nocite_all = true;
                } else if !key.is_empty() {
                    companions.nocite.push(key.to_string());
                }
            }
        }
    }
    companions
}

#[cfg(test)]
mod tests {
    use super::companions;

    #[test]
    fn a_bibliography_string_or_list_is_read() {
        let one = companions("---\ntitle: X\nbibliography: refs.bib\n---\n\nText.\n");
        assert_eq!(one.bibliographies, vec![("refs.bib".to_string(), 13)]);
        let two = companions("---\nbibliography      : [\"a.bib\",\"b.json\"]\n---\n");
        let names: Vec<&str> = two.bibliographies.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["a.bib", "b.json"]);
        let block = companions("---\nbibliography:\n  - a.bib\n  - b.bib\n...\n");
        assert_eq!(block.bibliographies.len(), 2);
    }

    #[test]
    fn nocite_keys_and_the_star_are_read() {
        let listed = companions("---\nnocite: |\n  @smith2001, @lee2004\n---\n");
        assert_eq!(listed.nocite, ["smith2001", "lee2004"]);
        assert!(!listed.nocite_all);
        assert!(companions("---\nnocite: \"@*\"\n---\n").nocite_all);
    }

    #[test]
    fn no_front_matter_or_broken_yaml_asks_for_nothing() {
        assert!(
            companions("# Title\n\nbibliography: refs.bib\n")
                .bibliographies
                .is_empty()
        );
        assert!(
            companions("---\nbibliography: [a.bib\n---\n")
                .bibliographies
                .is_empty()
        );
        // A thematic break later in the file is no front matter.
        assert!(
            companions("Text.\n\n---\nbibliography: a.bib\n---\n")
                .bibliographies
                .is_empty()
        );
    }
}
