//! Shared by the tests that check the bulletin's Word document.

/// Reads a .docx with python-docx, an independent reader (installed by `.ci/test native`): its
/// page size, its paragraphs with their styles, and its table.
pub fn read_docx(bytes: &[u8]) -> serde_json::Value {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("bulletin.docx");
    std::fs::write(&path, bytes).expect("write");
    let out = std::process::Command::new("python3")
        .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/read_docx.py"))
        .arg(&path)
        .output()
        .expect("python3 runs (bash .ci/test native installs python-docx)");
    assert!(
        out.status.success(),
        "python-docx could not read the document: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("JSON")
}
