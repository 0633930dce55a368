//! The GitHub Action (`action.yml`) and its install step, `scripts/install.sh`,
//! run here with a stand-in `cargo` that records what it is asked (CI runs
//! the script with the real one, see `.ci/run`).

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use crate::common::repo_root;

#[test]
fn the_action_is_a_composite_action_whose_install_step_is_the_script() {
    let text = fs::read_to_string(repo_root().join("action.yml")).unwrap();
    let action: serde_yaml::Value = serde_yaml::from_str(&text).expect("action.yml is YAML");
    assert_eq!(action["runs"]["using"], "composite");
    for input in ["args", "working-directory"] {
        assert!(
            action["inputs"][input]["description"].is_string(),
            "no input {input}"
        );
    }
    let steps = action["runs"]["steps"].as_sequence().expect("steps");
    let runs: Vec<&str> = steps.iter().filter_map(|s| s["run"].as_str()).collect();
    assert!(
        runs.iter()
            .any(|r| r.contains("bash \"$GITHUB_ACTION_PATH/scripts/install.sh\" --root")),
        "{runs:?}"
    );
    let last = steps.last().unwrap();
    assert_eq!(last["working-directory"], "${{ inputs.working-directory }}");
    assert_eq!(last["env"]["FEEDWRIGHT_ARGS"], "${{ inputs.args }}");
    assert!(last["run"].as_str().unwrap().contains("feedwright \"$@\""));
    // Every step that runs a script says its shell, as composite actions must.
    for step in steps.iter().filter(|s| s["run"].is_string()) {
        assert_eq!(step["shell"], "bash", "{step:?}");
    }
    let script = repo_root().join("scripts/install.sh");
    let mode = fs::metadata(&script).unwrap().permissions().mode();
    assert!(mode & 0o111 != 0, "install.sh is not executable");
}

/// A folder with a stand-in `cargo` that logs its arguments and "installs"
/// a `feedwright` that prints a version.
fn fake_cargo(dir: &Path) -> PathBuf {
    let bin = dir.join("fake-bin");
    fs::create_dir_all(&bin).unwrap();
    let cargo = bin.join("cargo");
    fs::write(
        &cargo,
        format!(
            r#"#!/bin/sh
echo "$@" >> "{log}"
while [ $# -gt 0 ]; do
  if [ "$1" = --root ]; then root=$2; fi
  shift
done
mkdir -p "$root/bin"
printf '#!/bin/sh\necho feedwright 0.1.0\n' > "$root/bin/feedwright"
chmod +x "$root/bin/feedwright"
"#,
            log = dir.join("cargo.log").display()
        ),
    )
    .unwrap();
    fs::set_permissions(&cargo, fs::Permissions::from_mode(0o755)).unwrap();
    bin
}

fn install(dir: &Path, root: &Path) -> Output {
    let path = format!(
        "{}:{}",
        fake_cargo(dir).display(),
        std::env::var("PATH").unwrap_or_default()
    );
    Command::new("bash")
        .arg(repo_root().join("scripts/install.sh"))
        .arg("--root")
        .arg(root)
        .env("PATH", path)
        .env("GITHUB_PATH", dir.join("github-path"))
        .output()
        .unwrap()
}

#[test]
fn the_install_script_installs_with_cargo_puts_it_on_path_and_reuses_a_cached_build() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("tool-cache/feedwright");
    let output = install(dir.path(), &root);
    let stdout = String::from_utf8_lossy(&output.stdout).to_string();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(stdout.ends_with("feedwright 0.1.0\n"), "{stdout}");
    let log = fs::read_to_string(dir.path().join("cargo.log")).unwrap();
    assert_eq!(
        log,
        format!(
            "install --locked --force --path {} --root {}\n",
            repo_root().canonicalize().unwrap().display(),
            root.display()
        )
    );
    let github_path = fs::read_to_string(dir.path().join("github-path")).unwrap();
    assert_eq!(github_path, format!("{}/bin\n", root.display()));

    // The same source again (a cache restored): nothing is compiled.
    let output = install(dir.path(), &root);
    assert!(output.status.success());
    assert!(String::from_utf8_lossy(&output.stdout).contains("already installed"));
    assert_eq!(
        fs::read_to_string(dir.path().join("cargo.log"))
            .unwrap()
            .lines()
            .count(),
        1
    );

    // A binary from other source is replaced.
    fs::write(root.join(".source-key"), "feedwright-0.0.1-old\n").unwrap();
    assert!(install(dir.path(), &root).status.success());
    assert_eq!(
        fs::read_to_string(dir.path().join("cargo.log"))
            .unwrap()
            .lines()
            .count(),
        2
    );
}

#[test]
fn the_cache_key_names_the_version_and_the_source() {
    let key = |args: &[&str]| {
        let output = Command::new("bash")
            .arg(repo_root().join("scripts/install.sh"))
            .args(args)
            .output()
            .unwrap();
        assert!(output.status.success());
        String::from_utf8(output.stdout).unwrap()
    };
    let first = key(&["--cache-key"]);
    assert!(
        first.starts_with(&format!("feedwright-{}-", env!("CARGO_PKG_VERSION"))),
        "{first}"
    );
    assert_eq!(first, key(&["--cache-key"]), "the key is stable");
    let output = Command::new("bash")
        .arg(repo_root().join("scripts/install.sh"))
        .arg("--frobnicate")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("unknown argument: --frobnicate"));
}
