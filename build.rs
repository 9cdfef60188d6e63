//! The app's wasm is linked with its relocations kept, so that the build can split the pages
//! not needed for the first view into parts of their own (`public/split.sh`, `src/ui/parts.rs`).

fn main() {
    if std::env::var("CARGO_CFG_TARGET_ARCH").as_deref() == Ok("wasm32") {
        println!("cargo:rustc-link-arg-bin=xinyuan-tracker=--emit-relocs");
    }
    println!("cargo:rerun-if-changed=build.rs");
}
