//! Noticing that the office was restored from a backup. Every answer names the copy of the
//! office's data it came from; when that changes, what this phone sent after the backup was
//! taken may be missing there, so every event and photo is sent again. The office takes what
//! it already holds as repeats (the same receipt, "already complete"), so nothing is stored
//! twice and nothing sent since the backup stays lost.

use crate::client::Office;
use crate::error::Result;
use crate::store::Store;

/// After an exchange with the office: if its data is another copy than the one last seen,
/// puts everything sent back in the outbox and returns true. The first copy seen is only
/// remembered.
pub(crate) fn requeue_if_restored(store: &mut Store, office: &Office) -> Result<bool> {
    let Some(seen) = office.data_copy.as_deref() else {
        // No answer yet, or an office from before the header: nothing to compare.
        return Ok(false);
    };
    let known = store.office_data_copy()?;
    if known.as_deref() == Some(seen) {
        return Ok(false);
    }
    let requeued = match known {
        Some(_) => {
            let (events, photos) = store.requeue_sent()?;
            tracing::warn!(
                events,
                photos,
                "office data was restored from a backup: sending everything again"
            );
            true
        }
        None => false,
    };
    store.set_office_data_copy(Some(seen))?;
    Ok(requeued)
}

/// At enrollment the office's copy is simply taken as it is (a new enrollment is not a
/// restore, even at another office).
pub(crate) fn adopt(store: &mut Store, office: &Office) -> Result<()> {
    store.set_office_data_copy(office.data_copy.as_deref())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn office_answering_as(copy: Option<&str>) -> Office {
        let mut office = Office::new("http://127.0.0.1:9", None).unwrap();
        office.data_copy = copy.map(str::to_owned);
        office
    }

    #[test]
    fn only_a_change_of_copy_sends_everything_again() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(dir.path()).unwrap();
        // The first copy seen, and an office that says nothing, change nothing.
        assert!(!requeue_if_restored(&mut store, &office_answering_as(None)).unwrap());
        assert!(!requeue_if_restored(&mut store, &office_answering_as(Some("a"))).unwrap());
        assert!(!requeue_if_restored(&mut store, &office_answering_as(Some("a"))).unwrap());
        assert!(!requeue_if_restored(&mut store, &office_answering_as(None)).unwrap());
        assert!(requeue_if_restored(&mut store, &office_answering_as(Some("b"))).unwrap());
        assert_eq!(store.office_data_copy().unwrap().as_deref(), Some("b"));
        // Enrolling takes the office's copy as it is.
        adopt(&mut store, &office_answering_as(Some("c"))).unwrap();
        assert!(!requeue_if_restored(&mut store, &office_answering_as(Some("c"))).unwrap());
    }
}
