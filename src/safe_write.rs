//! Writing the author's files (`--fix`, baselines) the way careful tools do: through a
//! symlink to its target, never over a read-only file unless forced, by an atomic replace
//! that keeps the mode and owner, or in place when a replace would split hard links or lose
//! the owner, with the folder synced after a rename.

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

/// How a file was written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Written {
    /// A new file renamed over the old one: a crash leaves one or the other, whole.
    Replaced,
    /// The file itself rewritten, because a replace would have split its hard links or could
    /// not give the new file the old one's owner.
    InPlace(InPlaceReason),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InPlaceReason {
    HardLinks(u64),
    Owner,
}

impl std::fmt::Display for InPlaceReason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            InPlaceReason::HardLinks(n) => {
                write!(f, "it has {n} hard links, which a replace would split")
            }
            InPlaceReason::Owner => write!(f, "a replacement could not keep its owner"),
        }
    }
}

/// Why a file was not written.
#[derive(Debug)]
pub enum WriteError {
    ReadOnly(PathBuf),
    Io(PathBuf, std::io::Error),
}

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            WriteError::ReadOnly(path) => {
                write!(f, "{} is read-only; it was not changed", path.display())
            }
            WriteError::Io(path, error) => write!(f, "cannot write {}: {error}", path.display()),
        }
    }
}

/// Writes `bytes` as the new content of `path` (following symlinks to the real file).
pub fn write(path: &Path, bytes: &[u8], force: bool) -> Result<Written, WriteError> {
    // Through a symlink: the link stays a link and its target gets the new text.
    let target = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let io = |error| WriteError::Io(target.clone(), error);
    let existing = match std::fs::metadata(&target) {
        Ok(metadata) => Some(metadata),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => None,
        Err(error) => return Err(io(error)),
    };
    if let Some(metadata) = &existing {
        if metadata.permissions().readonly() && !force {
            return Err(WriteError::ReadOnly(path.to_path_buf()));
        }
        if let Some(reason) = in_place_reason(metadata) {
            write_in_place(&target, bytes, metadata, force).map_err(io)?;
            return Ok(Written::InPlace(reason));
        }
    }
    match replace(&target, bytes, existing.as_ref()) {
        Ok(()) => Ok(Written::Replaced),
        Err(ReplaceError::Owner) => {
            let metadata = existing.ok_or_else(|| io(std::io::ErrorKind::NotFound.into()))?;
            write_in_place(&target, bytes, &metadata, force).map_err(io)?;
            Ok(Written::InPlace(InPlaceReason::Owner))
        }
        Err(ReplaceError::Io(error)) => Err(io(error)),
    }
}

#[cfg(unix)]
fn in_place_reason(metadata: &std::fs::Metadata) -> Option<InPlaceReason> {
    use std::os::unix::fs::MetadataExt;
    (metadata.nlink() > 1).then(|| InPlaceReason::HardLinks(metadata.nlink()))
}

#[cfg(not(unix))]
fn in_place_reason(_: &std::fs::Metadata) -> Option<InPlaceReason> {
    None
}

/// Truncates and rewrites the file itself: links, owner and mode stay as they are.
fn write_in_place(
    path: &Path,
    bytes: &[u8],
    metadata: &std::fs::Metadata,
    force: bool,
) -> std::io::Result<()> {
    let forced_open = force && metadata.permissions().readonly();
    if forced_open {
        let mut writable = metadata.permissions();
        #[allow(clippy::permissions_set_readonly_false)]
        writable.set_readonly(false);
        std::fs::set_permissions(path, writable)?;
    }
    let result = (|| {
        let mut file = OpenOptions::new().write(true).truncate(true).open(path)?;
        file.write_all(bytes)?;
        file.sync_all()
    })();
    if forced_open {
        std::fs::set_permissions(path, metadata.permissions())?;
    }
    result
}

enum ReplaceError {
    Owner,
    Io(std::io::Error),
}

impl From<std::io::Error> for ReplaceError {
    fn from(error: std::io::Error) -> Self {
        ReplaceError::Io(error)
    }
}

/// A new file beside the target, created exclusively (never through a planted link), given
/// the old file's mode and owner, synced, renamed over the target; then the folder synced.
fn replace(
    target: &Path,
    bytes: &[u8],
    existing: Option<&std::fs::Metadata>,
) -> Result<(), ReplaceError> {
    let folder = match target.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "manuscript".to_string());
    let (temporary, mut file) = create_exclusive(&folder, &name)?;
    let result = (|| {
        file.write_all(bytes)?;
        if let Some(metadata) = existing {
            std::fs::set_permissions(&temporary, metadata.permissions())?;
            keep_owner(&temporary, metadata)?;
        }
        file.sync_all()?;
        drop(file);
        std::fs::rename(&temporary, target)?;
        sync_folder(&folder);
        Ok(())
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&temporary);
    }
    result
}

fn create_exclusive(folder: &Path, name: &str) -> std::io::Result<(PathBuf, File)> {
    let seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    for attempt in 0..100u32 {
        let candidate = folder.join(format!(
            ".{name}.manulint-{}-{:08x}.tmp",
            std::process::id(),
            seed.wrapping_add(attempt.wrapping_mul(0x9e37_79b9))
        ));
        match OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&candidate)
        {
            Ok(file) => return Ok((candidate, file)),
            Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(error) => return Err(error),
        }
    }
    Err(std::io::Error::new(
        std::io::ErrorKind::AlreadyExists,
        "no free temporary file name in the folder",
    ))
}

#[cfg(unix)]
fn keep_owner(temporary: &Path, metadata: &std::fs::Metadata) -> Result<(), ReplaceError> {
    use std::os::unix::fs::MetadataExt;
    let created = std::fs::metadata(temporary)?;
    if created.uid() == metadata.uid() && created.gid() == metadata.gid() {
        return Ok(());
    }
    std::os::unix::fs::chown(temporary, Some(metadata.uid()), Some(metadata.gid()))
        .map_err(|_| ReplaceError::Owner)
}

#[cfg(not(unix))]
fn keep_owner(_: &Path, _: &std::fs::Metadata) -> Result<(), ReplaceError> {
    Ok(())
}

/// After a rename the folder's entry must reach the disk too, or a crash may lose the file.
fn sync_folder(folder: &Path) {
    #[cfg(unix)]
    if let Ok(handle) = File::open(folder) {
        let _ = handle.sync_all();
    }
    #[cfg(not(unix))]
    let _ = folder;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("manulint-write-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("scratch folder");
        dir
    }

    #[cfg(unix)]
    #[test]
    fn a_symlink_stays_a_link_and_its_target_is_written() {
        let dir = scratch("link");
        std::fs::write(dir.join("real.md"), "old").expect("write");
        std::os::unix::fs::symlink("real.md", dir.join("link.md")).expect("link");
        assert_eq!(
            write(&dir.join("link.md"), b"new", false).ok(),
            Some(Written::Replaced)
        );
        assert!(
            std::fs::symlink_metadata(dir.join("link.md"))
                .expect("meta")
                .file_type()
                .is_symlink()
        );
        assert_eq!(
            std::fs::read_to_string(dir.join("real.md")).expect("read"),
            "new"
        );
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[cfg(unix)]
    #[test]
    fn hard_links_are_kept_by_writing_in_place() {
        let dir = scratch("hard");
        std::fs::write(dir.join("a.md"), "old").expect("write");
        std::fs::hard_link(dir.join("a.md"), dir.join("b.md")).expect("link");
        let written = write(&dir.join("a.md"), b"new", false).ok();
        assert_eq!(written, Some(Written::InPlace(InPlaceReason::HardLinks(2))));
        assert_eq!(
            std::fs::read_to_string(dir.join("b.md")).expect("read"),
            "new"
        );
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[cfg(unix)]
    #[test]
    fn a_read_only_file_is_refused_unless_forced_and_keeps_its_mode() {
        use std::os::unix::fs::PermissionsExt;
        let dir = scratch("readonly");
        let path = dir.join("a.md");
        std::fs::write(&path, "old").expect("write");
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).expect("chmod");
        assert!(matches!(
            write(&path, b"new", false),
            Err(WriteError::ReadOnly(_))
        ));
        assert_eq!(std::fs::read_to_string(&path).expect("read"), "old");
        assert!(write(&path, b"new", true).is_ok());
        assert_eq!(std::fs::read_to_string(&path).expect("read"), "new");
        let mode = std::fs::metadata(&path).expect("meta").permissions().mode() & 0o777;
        assert_eq!(mode, 0o444);
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn no_temporary_file_is_left_behind() {
        let dir = scratch("tidy");
        std::fs::write(dir.join("a.md"), "old").expect("write");
        write(&dir.join("a.md"), b"new", false).ok();
        let names: Vec<String> = std::fs::read_dir(&dir)
            .expect("list")
            .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
            .collect();
        assert_eq!(names, vec!["a.md"]);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
