//! ARCHITECTURE.md's first invariant, checked: the core never uses the browser or the view crates.
#![cfg(not(target_arch = "wasm32"))]

#[test]
fn core_never_imports_yew_web_sys_or_gloo() {
    let forbidden = ["yew", "web_sys", "gloo", "wasm_bindgen", "js_sys"];
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/core");
    let mut checked = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        for (n, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            for f in forbidden {
                assert!(
                    !code.contains(&format!("{f}::")) && !code.contains(&format!("use {f}")),
                    "{}:{}: the core must not use {f}: {line}",
                    path.display(),
                    n + 1
                );
            }
        }
        checked += 1;
    }
    assert!(checked >= 10, "only {checked} files found in {}", dir.display());
}
