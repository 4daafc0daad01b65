//! Keyset paging for the long staff lists: a page starts after or before one row's key, so the
//! last page of a million rows costs what the first does (an OFFSET reads every row it skips).

/// Where a page of a list starts; `K` is the key of a row (a document's id, a proof's number).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) enum PageAt<K> {
    #[default]
    First,
    /// The rows that follow this one in the list's order.
    After(K),
    /// The rows just before this one.
    Before(K),
    Last,
}

impl<K> PageAt<K> {
    /// Whether the rows are read in the list's own order; the others are read backwards from
    /// the end or the key, then turned round.
    pub(crate) fn forward(&self) -> bool {
        matches!(self, Self::First | Self::After(_))
    }

    /// The key rows must come after (forward) or before (backward), if any.
    pub(crate) fn key(&self) -> Option<&K> {
        match self {
            Self::After(key) | Self::Before(key) => Some(key),
            Self::First | Self::Last => None,
        }
    }
}

/// One page of a list and whether there are rows before and after it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Paged<T> {
    pub(crate) rows: Vec<T>,
    pub(crate) has_prev: bool,
    pub(crate) has_next: bool,
}

impl<T> Default for Paged<T> {
    fn default() -> Self {
        Self {
            rows: Vec::new(),
            has_prev: false,
            has_next: false,
        }
    }
}

impl<T> Paged<T> {
    /// The page from up to `limit + 1` rows read as `at` says (the extra row only tells that
    /// more follow); `None` when the read says the page is the first one instead: a page
    /// before a key that is short of `limit`, or a page after a key with no row at all (its
    /// rows went elsewhere since the link was made).
    fn from_read<K>(at: &PageAt<K>, mut rows: Vec<T>, limit: usize) -> Option<Self> {
        let more = rows.len() > limit;
        rows.truncate(limit);
        let page = match at {
            PageAt::First => Self {
                rows,
                has_prev: false,
                has_next: more,
            },
            PageAt::After(_) if rows.is_empty() => return None,
            PageAt::After(_) => Self {
                rows,
                has_prev: true,
                has_next: more,
            },
            PageAt::Before(_) if rows.len() < limit => return None,
            PageAt::Before(_) => {
                rows.reverse();
                Self {
                    rows,
                    has_prev: more,
                    has_next: true,
                }
            }
            PageAt::Last => {
                rows.reverse();
                Self {
                    rows,
                    has_prev: more,
                    has_next: false,
                }
            }
        };
        Some(page)
    }
}

impl<T> Paged<T> {
    /// The page at `at` from `read` (which reads up to its `limit + 1` rows as `at` says), or
    /// the first page when the read says that is what it is (see [`Paged::from_read`]).
    pub(crate) fn read<K, E>(
        at: &PageAt<K>,
        limit: usize,
        read: impl Fn(&PageAt<K>) -> Result<Vec<T>, E>,
    ) -> Result<Self, E> {
        if let Some(page) = Self::from_read(at, read(at)?, limit) {
            return Ok(page);
        }
        let first = PageAt::First;
        Ok(Self::from_read(&first, read(&first)?, limit).unwrap_or_default())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_read_becomes_a_page_in_the_lists_order_with_its_neighbours() {
        let first = Paged::from_read(&PageAt::<i64>::First, vec![1, 2, 3], 2).unwrap();
        assert_eq!(
            (first.rows, first.has_prev, first.has_next),
            (vec![1, 2], false, true)
        );
        let after = Paged::from_read(&PageAt::After(2), vec![3, 4], 2).unwrap();
        assert_eq!(
            (after.rows, after.has_prev, after.has_next),
            (vec![3, 4], true, false)
        );
        // Backwards reads come newest first and are turned round.
        let before = Paged::from_read(&PageAt::Before(5), vec![4, 3, 2], 2).unwrap();
        assert_eq!(
            (before.rows, before.has_prev, before.has_next),
            (vec![3, 4], true, true)
        );
        let last = Paged::from_read(&PageAt::<i64>::Last, vec![9, 8], 2).unwrap();
        assert_eq!(
            (last.rows, last.has_prev, last.has_next),
            (vec![8, 9], false, false)
        );
    }

    #[test]
    fn a_short_page_before_a_key_or_none_after_it_is_the_first_page() {
        assert_eq!(Paged::from_read(&PageAt::Before(3), vec![2, 1], 5), None);
        assert_eq!(Paged::<i64>::from_read(&PageAt::After(3), vec![], 5), None);
        let empty = Paged::<i64>::from_read(&PageAt::<i64>::First, vec![], 5).unwrap();
        assert!(!empty.has_prev && !empty.has_next);
    }
}
