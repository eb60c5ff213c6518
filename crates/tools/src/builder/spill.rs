//! The builder's records, partitioned by model and spilled to disk, so that memory does not grow
//! with the number of rows: each partition is read back, sorted and differenced on its own.
//!
//! A record is a model's count on a day, 16 bytes. Records are kept in memory until the buffer is
//! full, then appended to their partition's file in a temporary folder (removed when the
//! [`Partitions`] is dropped, also on an error). A small input never touches the disk.

use super::BuildError;
use std::io::{BufReader, BufWriter, Read, Write};
use std::path::PathBuf;

/// A model's cumulative count on a day (days since 1970-01-01).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Record {
    pub model: u32,
    pub day: i32,
    pub count: u64,
}

const RECORD_BYTES: usize = 16;

impl Record {
    fn to_bytes(self) -> [u8; RECORD_BYTES] {
        let mut b = [0u8; RECORD_BYTES];
        b[..4].copy_from_slice(&self.model.to_le_bytes());
        b[4..8].copy_from_slice(&self.day.to_le_bytes());
        b[8..].copy_from_slice(&self.count.to_le_bytes());
        b
    }

    fn from_bytes(b: &[u8]) -> Record {
        let word = |r: core::ops::Range<usize>| {
            let mut w = [0u8; 8];
            w[..r.len()].copy_from_slice(&b[r]);
            u64::from_le_bytes(w)
        };
        Record {
            model: word(0..4) as u32,
            day: word(4..8) as u32 as i32,
            count: word(8..16),
        }
    }
}

/// How many partitions, and how many records are held in memory before they go to disk.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Plan {
    pub partitions: usize,
    pub buffer: usize,
}

/// Records per partition the plan aims at: 64 MB of records sorted at a time.
pub const PARTITION_RECORDS: usize = 4 << 20;

impl Plan {
    /// A plan for about `rows` rows: partitions of at most [`PARTITION_RECORDS`] records when the
    /// models are spread evenly, and a buffer of as many.
    pub fn for_rows(rows: u64) -> Plan {
        let per = PARTITION_RECORDS as u64;
        Plan {
            partitions: usize::try_from(rows.div_ceil(per).clamp(1, 4096)).unwrap_or(4096),
            buffer: PARTITION_RECORDS,
        }
    }
}

struct Partition {
    held: Vec<Record>,
    file: Option<BufWriter<std::fs::File>>,
    written: bool,
}

/// Records partitioned by model.
pub struct Partitions {
    parts: Vec<Partition>,
    held: usize,
    buffer: usize,
    dir: Option<PathBuf>,
    /// Bytes written to disk, for the report.
    pub spilled: u64,
}

fn io_error(what: &str, e: std::io::Error) -> BuildError {
    BuildError::Read(format!("temporary file ({what}): {e}"))
}

impl Partitions {
    pub fn new(plan: Plan) -> Partitions {
        Partitions {
            parts: (0..plan.partitions.max(1))
                .map(|_| Partition {
                    held: Vec::new(),
                    file: None,
                    written: false,
                })
                .collect(),
            held: 0,
            buffer: plan.buffer.max(1),
            dir: None,
            spilled: 0,
        }
    }

    pub fn len(&self) -> usize {
        self.parts.len()
    }

    pub fn is_empty(&self) -> bool {
        self.parts.is_empty()
    }

    /// Adds a record to its model's partition; writes the buffer out when it is full.
    pub fn push(&mut self, r: Record) -> Result<(), BuildError> {
        let k = r.model as usize % self.parts.len();
        self.parts[k].held.push(r);
        self.held += 1;
        if self.held >= self.buffer {
            self.write_out()?;
        }
        Ok(())
    }

    fn path(&self, k: usize) -> Option<PathBuf> {
        self.dir.as_ref().map(|d| d.join(format!("part-{k}")))
    }

    fn write_out(&mut self) -> Result<(), BuildError> {
        if self.dir.is_none() {
            // A folder of our own: `create_dir` fails on one that exists (another run's, or one
            // planted there), and the next name is tried.
            let stamp = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_nanos());
            let mut tries = 0u32;
            let dir = loop {
                let dir = std::env::temp_dir()
                    .join(format!("oms-build-{}-{stamp}-{tries}", std::process::id()));
                match std::fs::create_dir(&dir) {
                    Ok(()) => break dir,
                    Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && tries < 100 => {
                        tries += 1;
                    }
                    Err(e) => return Err(io_error("create", e)),
                }
            };
            self.dir = Some(dir);
        }
        for k in 0..self.parts.len() {
            if self.parts[k].held.is_empty() {
                continue;
            }
            if self.parts[k].file.is_none() {
                let path = self
                    .path(k)
                    .ok_or_else(|| BuildError::Read("no folder".into()))?;
                let f = std::fs::File::create(&path).map_err(|e| io_error("create", e))?;
                self.parts[k].file = Some(BufWriter::with_capacity(1 << 16, f));
                self.parts[k].written = true;
            }
            let part = &mut self.parts[k];
            if let Some(w) = part.file.as_mut() {
                for r in part.held.drain(..) {
                    w.write_all(&r.to_bytes())
                        .map_err(|e| io_error("write", e))?;
                }
            }
        }
        self.spilled += (self.held * RECORD_BYTES) as u64;
        self.held = 0;
        Ok(())
    }

    /// The records of partition `k`, from disk and memory, in no particular order; the partition is
    /// emptied and its file removed.
    pub fn take(&mut self, k: usize) -> Result<Vec<Record>, BuildError> {
        let path = self.path(k);
        let part = &mut self.parts[k];
        let mut out = Vec::new();
        if let Some(w) = part.file.take() {
            w.into_inner()
                .map_err(|e| io_error("write", e.into_error()))?;
        }
        if part.written {
            if let Some(path) = path {
                let f = std::fs::File::open(&path).map_err(|e| io_error("read", e))?;
                let len = f.metadata().map_err(|e| io_error("read", e))?.len();
                out.reserve(usize::try_from(len).unwrap_or(0) / RECORD_BYTES + part.held.len());
                let mut r = BufReader::with_capacity(1 << 16, f);
                let mut chunk = vec![0u8; RECORD_BYTES * 4096];
                loop {
                    let n = read_full(&mut r, &mut chunk).map_err(|e| io_error("read", e))?;
                    if n % RECORD_BYTES != 0 {
                        return Err(BuildError::Read("temporary file cut short".into()));
                    }
                    out.extend(
                        chunk[..n]
                            .chunks_exact(RECORD_BYTES)
                            .map(Record::from_bytes),
                    );
                    if n < chunk.len() {
                        break;
                    }
                }
                // Best effort: the folder is removed on drop anyway.
                let _ = std::fs::remove_file(&path);
                part.written = false;
            }
        }
        out.append(&mut part.held);
        Ok(out)
    }
}

/// Reads until `buf` is full or the end; returns the bytes read.
fn read_full(r: &mut impl Read, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match r.read(&mut buf[n..])? {
            0 => break,
            k => n += k,
        }
    }
    Ok(n)
}

impl Drop for Partitions {
    fn drop(&mut self) {
        for part in &mut self.parts {
            part.file = None;
        }
        if let Some(dir) = &self.dir {
            let _ = std::fs::remove_dir_all(dir);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_round_trip_through_disk() {
        let mut p = Partitions::new(Plan {
            partitions: 3,
            buffer: 4,
        });
        let records: Vec<Record> = (0..20u32)
            .map(|i| Record {
                model: i % 7,
                day: -3 + i as i32 * 7,
                count: u64::MAX - u64::from(i),
            })
            .collect();
        for r in &records {
            p.push(*r).expect("push");
        }
        assert!(p.spilled >= 16 * 16, "went to disk: {}", p.spilled);
        let dir = p.dir.clone().expect("a folder");
        let mut back = Vec::new();
        for k in 0..p.len() {
            let part = p.take(k).expect("take");
            assert!(part.iter().all(|r| r.model as usize % 3 == k));
            back.extend(part);
        }
        back.sort();
        let mut want = records.clone();
        want.sort();
        assert_eq!(back, want);
        drop(p);
        assert!(!dir.exists(), "the folder is removed");
    }

    #[test]
    fn plans_bound_the_partition_size() {
        assert_eq!(Plan::for_rows(10).partitions, 1);
        assert_eq!(Plan::for_rows(32_700_000).partitions, 8);
        assert_eq!(Plan::for_rows(98_100_000).partitions, 24);
    }
}
