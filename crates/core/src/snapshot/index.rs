//! Typed indices into the snapshot's lists, so a series index can never be used as a metric's.

use core::marker::PhantomData;
use core::ops::Index;

/// An index into one kind of list.
pub trait Position: Copy + Eq {
    /// The index at place `i`.
    fn at(i: usize) -> Self;
    /// The place this index stands for.
    fn place(self) -> usize;
}

macro_rules! position {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(pub usize);

        impl Position for $name {
            fn at(i: usize) -> Self {
                $name(i)
            }
            fn place(self) -> usize {
                self.0
            }
        }
    };
}

position!(
    /// A metric (measure) of `Snapshot::metrics`.
    MetricIndex
);
position!(
    /// A series of `Snapshot::series`.
    SeriesIndex
);
position!(
    /// A source of `Snapshot::sources`.
    SourceIndex
);
position!(
    /// A value of one metric's `values`.
    ValueIndex
);

/// A list addressed by its own index type `I`.
#[derive(Clone, Debug, PartialEq)]
pub struct List<I, T> {
    items: Vec<T>,
    index: PhantomData<I>,
}

impl<I: Position, T> List<I, T> {
    /// The item at `i`, if there is one.
    pub fn get(&self, i: I) -> Option<&T> {
        self.items.get(i.place())
    }

    /// The first item.
    pub fn first(&self) -> Option<&T> {
        self.items.first()
    }

    /// The items, in order.
    pub fn iter(&self) -> core::slice::Iter<'_, T> {
        self.items.iter()
    }

    /// The items with their indices, in order.
    pub fn indexed(&self) -> impl Iterator<Item = (I, &T)> + '_ {
        self.items.iter().enumerate().map(|(i, t)| (I::at(i), t))
    }

    /// Every index, in order.
    pub fn indices(&self) -> impl Iterator<Item = I> {
        (0..self.items.len()).map(I::at)
    }

    /// The index of the first item for which `found` holds.
    pub fn position(&self, found: impl FnMut(&T) -> bool) -> Option<I> {
        self.items.iter().position(found).map(I::at)
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// The items as a plain slice.
    pub fn as_slice(&self) -> &[T] {
        &self.items
    }

    /// The items, mutably (their order and number stay).
    pub fn iter_mut(&mut self) -> core::slice::IterMut<'_, T> {
        self.items.iter_mut()
    }
}

impl<I, T> From<Vec<T>> for List<I, T> {
    fn from(items: Vec<T>) -> Self {
        List {
            items,
            index: PhantomData,
        }
    }
}

/// Indexing with an index of the wrong list does not compile; an index past the end panics,
/// as for a slice: use [`List::get`] where an index may not exist.
impl<I: Position, T> Index<I> for List<I, T> {
    type Output = T;
    fn index(&self, i: I) -> &T {
        &self.items[i.place()]
    }
}

impl<'a, I, T> IntoIterator for &'a List<I, T> {
    type Item = &'a T;
    type IntoIter = core::slice::Iter<'a, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.iter()
    }
}
