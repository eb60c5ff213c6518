//! Host tools of Open Model Share, on top of the pure core (`oms-core`): the data editor's `oms`
//! command, the build-time renderer (`oms-fallback`) and the snapshot builder ([`builder`]). The
//! widget never links this crate.

pub mod builder;
