//! `puente calc` on the JSON fixtures in `tests/calc/`: `NAME.json` must print `NAME.expected.json`;
//! `NAME.error.json` must exit with code 2 and print `NAME.expected.txt` on stderr.
//! `PUENTE_BLESS=1` rewrites the expectations (then read the diff).

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/calc")
}

fn calc(args: &[&str], stdin: &str) -> std::process::Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_puente"))
        .arg("calc")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(stdin.as_bytes()).unwrap();
    child.wait_with_output().unwrap()
}

#[test]
fn calc_fixtures_give_their_expected_output() {
    let bless = std::env::var_os("PUENTE_BLESS").is_some();
    let mut inputs: Vec<PathBuf> = fs::read_dir(fixtures())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with(".json") && !p.to_string_lossy().ends_with(".expected.json"))
        .collect();
    inputs.sort();
    assert!(inputs.len() >= 6);
    let mut failures = Vec::new();
    for input in inputs {
        let name = input.file_name().unwrap().to_string_lossy().into_owned();
        let result = calc(&[input.to_str().unwrap()], "");
        let (expected_file, actual, code) = if let Some(stem) = name.strip_suffix(".error.json") {
            (
                fixtures().join(format!("{stem}.expected.txt")),
                String::from_utf8_lossy(&result.stderr).into_owned(),
                2,
            )
        } else {
            let stem = name.trim_end_matches(".json");
            (
                fixtures().join(format!("{stem}.expected.json")),
                String::from_utf8_lossy(&result.stdout).into_owned(),
                0,
            )
        };
        if result.status.code() != Some(code) {
            failures.push(format!("{name}: exit code {:?}, expected {code}", result.status.code()));
        }
        if bless {
            fs::write(&expected_file, &actual).unwrap();
        } else if fs::read_to_string(&expected_file).unwrap_or_default() != actual {
            failures.push(format!(
                "{name}: output differs from {}:\n{actual}",
                expected_file.display()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn calc_reads_standard_input() {
    let input = fs::read_to_string(fixtures().join("example-2-three-year-bar.json")).unwrap();
    let result = calc(&[], &input);
    assert!(result.status.success());
    let out: serde_json::Value = serde_json::from_slice(&result.stdout).unwrap();
    assert_eq!(out["stays"][0]["bar"], "three_year");
}

#[test]
fn calc_rejects_invalid_json_with_exit_code_2() {
    let result = calc(&[], "{\"stays\": [");
    assert_eq!(result.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&result.stderr).starts_with("error: stays: EOF while parsing a list"));
}

#[test]
fn calc_stops_reading_an_endless_input_with_a_message() {
    let result = std::process::Command::new(env!("CARGO_BIN_EXE_puente"))
        .args(["calc", "/dev/zero"])
        .output()
        .unwrap();
    assert_eq!(result.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&result.stderr),
        "error: /dev/zero: the input is longer than 1000 KB; give one JSON document describing the stays\n"
    );
}
