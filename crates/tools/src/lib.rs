//! Host tools of Open Model Share, on top of the pure core (`oms-core`): the data editor's `oms`
//! command, the build-time renderer (`oms-render`: the prerendered pages, their downloads and the fallback image) and the snapshot builder ([`builder`]), with a
//! synthetic dataset for its benchmark ([`synth`]). The widget never links this crate.

pub mod builder;
pub mod synth;
