//! The server's LSP 3.17 features over stdio, each with a client that declares it: pull
//! diagnostics with result ids, settings (`initializationOptions`, `workspace/configuration`,
//! `didChangeConfiguration`), progress while the KB loads, and `$/cancelRequest`.

use std::time::{Duration, Instant};

use serde_json::{Value, json};

use mlqa_tests::{FixtureKb, LspClient};

/// A client that pulls diagnostics and can be asked to pull again.
fn pulling() -> Value {
    json!({"textDocument": {"diagnostic": {"dynamicRegistration": false}}, "workspace": {"diagnostics": {"refreshSupport": true}}})
}

fn codes(items: &Value) -> Vec<String> {
    items.as_array().into_iter().flatten().filter_map(|d| d["code"].as_str().map(str::to_owned)).collect()
}

fn pull(client: &mut LspClient, kb: &FixtureKb, rel: &str, previous: Option<&str>) -> Value {
    let mut params = json!({"textDocument": {"uri": kb.uri(rel)}});
    if let Some(previous) = previous {
        params["previousResultId"] = json!(previous);
    }
    let response = client.request("textDocument/diagnostic", params);
    assert!(response.get("error").is_none(), "{response}");
    response["result"].clone()
}

#[test]
fn a_pulling_client_gets_reports_with_result_ids_and_nothing_pushed() {
    let kb = FixtureKb::new(Some("rules/broken-link"));
    let mut client = LspClient::start(kb.path());
    let init = client.initialize(&kb, pulling(), None);
    let provider = &init["result"]["capabilities"]["diagnosticProvider"];
    assert_eq!(provider["interFileDependencies"], true, "{init}");
    assert_eq!(provider["workspaceDiagnostics"], true, "{init}");

    let first = pull(&mut client, &kb, "alpha/first.md", None);
    assert_eq!(first["kind"], "full", "{first}");
    assert_eq!(codes(&first["items"]), ["broken-link"], "{first}");
    let id = first["resultId"].as_str().expect("a result id").to_owned();
    let again = pull(&mut client, &kb, "alpha/first.md", Some(&id));
    assert_eq!(again, json!({"kind": "unchanged", "resultId": id}));

    // The whole KB: the file the client knows is unchanged; no other file has diagnostics.
    let all = client.request(
        "workspace/diagnostic",
        json!({"previousResultIds": [{"uri": kb.uri("alpha/first.md"), "value": id}]}),
    );
    let items = all["result"]["items"].as_array().expect("items").clone();
    assert_eq!(items.len(), 1, "{all}");
    assert_eq!(items[0]["kind"], "unchanged");
    assert_eq!(items[0]["uri"], kb.uri("alpha/first.md"));

    // Fixing the link in the editor: the next pull is a full, empty report with a new id.
    let fixed = kb.read("alpha/first.md").replace("secnd.md", "second.md");
    client.open(&kb, "alpha/first.md");
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": kb.uri("alpha/first.md"), "version": 2}, "contentChanges": [{"text": fixed}]}),
    );
    let now = pull(&mut client, &kb, "alpha/first.md", Some(&id));
    assert_eq!(now["kind"], "full", "{now}");
    assert_eq!(now["items"], json!([]));
    assert_ne!(now["resultId"], json!(id));
    let all = client.request("workspace/diagnostic", json!({"previousResultIds": []}));
    assert_eq!(all["result"]["items"], json!([]), "a clean KB, and the client knows nothing: nothing to report");

    client.request("shutdown", Value::Null);
    let pushed: Vec<&Value> =
        client.notifications.iter().filter(|n| n["method"] == "textDocument/publishDiagnostics").collect();
    assert!(pushed.is_empty(), "a pulling client gets nothing pushed: {pushed:?}");
}

#[test]
fn a_change_that_breaks_another_file_asks_the_pulling_client_to_pull_again() {
    let kb = FixtureKb::new(None);
    let mut client = LspClient::start(kb.path());
    client.initialize(&kb, pulling(), None);
    let before = pull(&mut client, &kb, "alpha/first.md", None);
    assert_eq!(before["items"], json!([]), "{before}");
    // first.md links to second.md#example: renaming that heading breaks first.md, not second.md.
    let text = kb.read("alpha/second.md").replace("## Example", "## Examples");
    client.open(&kb, "alpha/second.md");
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": kb.uri("alpha/second.md"), "version": 2}, "contentChanges": [{"text": text}]}),
    );
    client.wait_for("workspace/diagnostic/refresh");
    let after = pull(&mut client, &kb, "alpha/first.md", before["resultId"].as_str());
    assert_eq!(codes(&after["items"]), ["broken-anchor"], "{after}");
}

#[test]
fn settings_from_initialization_options_apply_from_the_first_diagnostics() {
    let kb = FixtureKb::new(Some("rules/broken-link"));
    let mut client = LspClient::start(kb.path());
    let options = json!({"rules": {"broken-link": "warn"}, "ignore": ["brokn-anchor"]});
    client.initialize(&kb, json!({}), Some(options));
    let first = kb.uri("alpha/first.md");
    let published = client.wait_diagnostics(|p| p.contains_key(&first));
    let diagnostic = &published[&first][0];
    assert_eq!(diagnostic["code"], "broken-link");
    assert_eq!(diagnostic["severity"], 2, "a warning, as the settings say: {diagnostic}");
    let warning = client.wait_for("window/showMessage");
    let message = warning["params"]["message"].as_str().unwrap_or_default();
    assert!(message.contains("`mlqa.ignore`: `brokn-anchor`"), "{message}");
    assert!(message.contains("did you mean `broken-anchor`?"), "{message}");
}

#[test]
fn settings_are_asked_for_and_changed_live() {
    let kb = FixtureKb::new(Some("rules/broken-link"));
    let mut client = LspClient::start(kb.path());
    client.replies.insert("workspace/configuration".into(), Some(json!([{"ignore": ["links"]}])));
    client.initialize(&kb, json!({"workspace": {"configuration": true}}), None);
    let asked = client.wait_for("workspace/configuration");
    assert_eq!(asked["params"]["items"][0]["section"], "mlqa", "{asked}");
    // The links family is ignored: the KB is clean. An edit's publish shows the settled state.
    client.open(&kb, "beta/third.md");
    let first = kb.uri("alpha/first.md");
    let third = kb.uri("beta/third.md");
    client.wait_diagnostics(|_| true);
    assert!(!client.published().contains_key(&first), "{:?}", client.published());

    // The settings change: `didChangeConfiguration` with them, as VS Code sends them.
    client.notify("workspace/didChangeConfiguration", json!({"settings": {"mlqa": {"select": ["links"]}}}));
    let published = client.wait_diagnostics(|p| p.contains_key(&first));
    assert_eq!(codes(&json!(published[&first])), ["broken-link"]);
    assert!(!published.contains_key(&third));

    // `null` settings: the server asks again (and gets the first answer: links ignored).
    client.notify("workspace/didChangeConfiguration", json!({"settings": null}));
    client.wait_diagnostics(|p| !p.contains_key(&first));
}

#[test]
fn loading_shows_progress_to_a_client_that_offers_it() {
    let kb = FixtureKb::new(None);
    let mut client = LspClient::start(kb.path());
    client.initialize(&kb, json!({"window": {"workDoneProgress": true}}), None);
    let create = client.wait_for("window/workDoneProgress/create");
    let token = create["params"]["token"].clone();
    let response = client.request("workspace/symbol", json!({"query": ""}));
    assert!(response["result"].as_array().is_some_and(|s| s.len() == 3), "{response}");
    let progress: Vec<&Value> =
        client.notifications.iter().filter(|n| n["method"] == "$/progress" && n["params"]["token"] == token).collect();
    let kinds: Vec<&str> = progress.iter().filter_map(|p| p["params"]["value"]["kind"].as_str()).collect();
    assert_eq!(kinds, ["begin", "end"], "{progress:?}");
    assert_eq!(progress[0]["params"]["value"]["title"], "mlqa: loading the KB");
    assert_eq!(progress[1]["params"]["value"]["message"], "3 answers checked");

    // Without the capability: no token is asked for.
    let mut plain = LspClient::start(kb.path());
    plain.initialize(&kb, json!({}), None);
    plain.request("workspace/symbol", json!({"query": ""}));
    plain.request("shutdown", Value::Null);
    assert!(!plain.notifications.iter().any(|n| n["method"] == "window/workDoneProgress/create"));
}

/// The error code of a response (`RequestCancelled` is -32800).
fn error_code(response: &Value) -> Option<i64> {
    response["error"]["code"].as_i64()
}

#[test]
fn a_request_cancelled_while_it_waits_answers_request_cancelled() {
    let kb = FixtureKb::new(None);
    let mut client = LspClient::start(kb.path());
    // The server asks for its settings before it loads; while the question is unanswered, the
    // requests sent after it wait in line.
    client.replies.insert("workspace/configuration".into(), None);
    client.initialize(&kb, json!({"workspace": {"configuration": true}}), None);
    let asked = client.wait_for("workspace/configuration");
    let cancelled = client.send_request("workspace/symbol", json!({"query": ""}));
    let kept = client.send_request("workspace/symbol", json!({"query": "second"}));
    client.notify("$/cancelRequest", json!({"id": cancelled}));
    client.send(&json!({"jsonrpc": "2.0", "id": asked["id"], "result": [null]}));
    let response = client.response(cancelled);
    assert_eq!(error_code(&response), Some(-32800), "{response}");
    let response = client.response(kept);
    assert_eq!(response["result"].as_array().map(Vec::len), Some(1), "{response}");
}

/// A server on a synthetic KB of 10,000 answers (clean), loaded, with these client capabilities.
fn large(capabilities: Value) -> (tempfile::TempDir, LspClient) {
    let dir = tempfile::tempdir().unwrap();
    let synthetic = mlqa_synth::generate(&mlqa_synth::Options { answers: 10_000, seed: 1, faults: 0.0 });
    synthetic.write_to(dir.path()).unwrap();
    let mut client = LspClient::start(dir.path());
    let root = format!("file://{}", std::fs::canonicalize(dir.path()).unwrap().display());
    client.request(
        "initialize",
        json!({"capabilities": capabilities, "workspaceFolders": [{"uri": root, "name": "kb"}]}),
    );
    client.notify("initialized", json!({}));
    (dir, client)
}

#[test]
fn requests_are_served_from_the_loaded_kb_while_it_is_checked_again() {
    let (_dir, mut client) = large(json!({"window": {"workDoneProgress": true}}));
    client.request("workspace/symbol", json!({"query": "no such words"}));
    let loaded = client.notifications.len();
    // New settings: the whole KB is read and checked again, in the background.
    client.notify("workspace/didChangeConfiguration", json!({"settings": {"mlqa": {"ignore": ["completeness"]}}}));
    let response = client.request("workspace/symbol", json!({"query": "00042"}));
    assert!(response["result"].as_array().is_some_and(|s| !s.is_empty()), "answered from the loaded KB");
    let since: Vec<&Value> = client.notifications[loaded..].iter().collect();
    let ended = since.iter().any(|n| n["method"] == "$/progress" && n["params"]["value"]["kind"] == "end");
    assert!(!ended, "the answer came while the re-check ran, not after it: {since:?}");
    // And the re-check finishes, with its progress.
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        let end = client
            .notifications
            .iter()
            .skip(loaded)
            .find(|n| n["method"] == "$/progress" && n["params"]["value"]["kind"] == "end");
        if let Some(end) = end {
            assert_eq!(end["params"]["value"]["message"], "10000 answers checked", "{end}");
            break;
        }
        assert!(Instant::now() < deadline, "the re-check never ended");
        client.request("workspace/symbol", json!({"query": "no such words"}));
    }
}

#[test]
fn a_long_request_is_cancelled_while_it_runs() {
    let (_dir, mut client) = large(json!({}));
    // Every question: 10,000 symbols to translate, a chunk at a time. Timed once warm (the
    // first run also pays for the load and for first touches of memory).
    let full = client.request("workspace/symbol", json!({"query": ""}));
    assert_eq!(full["result"].as_array().map(Vec::len), Some(10_000));
    let started = Instant::now();
    client.request("workspace/symbol", json!({"query": ""}));
    let took = started.elapsed();
    let id = client.send_request("workspace/symbol", json!({"query": ""}));
    std::thread::sleep(Duration::from_millis(5));
    let cancelled_at = Instant::now();
    client.notify("$/cancelRequest", json!({"id": id}));
    let response = client.response(id);
    let stopped = cancelled_at.elapsed();
    let text = response.to_string();
    assert_eq!(error_code(&response), Some(-32800), "{}", &text[..200.min(text.len())]);
    // It stopped rather than finishing (the transport would answer RequestCancelled either
    // way): compared with the whole request in this same run, not with a fixed time. Stopping
    // takes one chunk; a handler that ignored the cancellation would take about `took`.
    eprintln!("cancelled after {stopped:?}; the whole request takes {took:?}");
    assert!(stopped < took / 2, "cancelled after {stopped:?}; the whole request takes {took:?}");
}

#[test]
fn without_a_workspace_folder_the_kb_of_the_opened_answer_is_loaded() {
    let kb = FixtureKb::new(Some("rules/broken-link"));
    let mut client = LspClient::start(kb.path());
    // As Helix outside a repository: no folders, no root URI.
    client.request("initialize", json!({"capabilities": {}, "rootUri": null, "workspaceFolders": []}));
    client.notify("initialized", json!({}));
    client.open(&kb, "alpha/first.md");
    let first = kb.uri("alpha/first.md");
    let published = client.wait_diagnostics(|p| p.contains_key(&first));
    assert_eq!(codes(&json!(published[&first])), ["broken-link"]);
}

#[test]
fn a_client_that_declares_little_gets_the_plain_forms() {
    let kb = FixtureKb::new(Some("rules/broken-link"));
    let mut client = LspClient::start(kb.path());
    let init = client.initialize(&kb, json!({"textDocument": {"hover": {"contentFormat": ["plaintext"]}}}), None);
    assert_eq!(init["result"]["capabilities"]["renameProvider"], true, "no prepareProvider: {init}");
    client.open(&kb, "alpha/first.md");
    let first = kb.uri("alpha/first.md");
    client.wait_diagnostics(|p| p.contains_key(&first));
    let at = |line: u32, character: u32| json!({"textDocument": {"uri": first}, "position": {"line": line, "character": character}});
    let link = at(15, 25);
    let hover = client.request("textDocument/hover", at(15, 74));
    assert_eq!(hover["result"]["contents"]["kind"], "plaintext", "{hover}");
    let actions = client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": first}, "range": {"start": link["position"], "end": link["position"]}, "context": {"diagnostics": []}}),
    );
    assert_eq!(actions["result"], json!([]), "no code action literals for a client without them");
    let symbols = client.request("textDocument/documentSymbol", json!({"textDocument": {"uri": first}}));
    let flat = symbols["result"].as_array().expect("symbols").clone();
    assert!(flat.iter().all(|s| s.get("location").is_some() && s.get("children").is_none()), "{symbols}");
    assert!(flat.iter().any(|s| s["name"] == "Example" && s["containerName"].is_string()), "{symbols}");
    // A heading: text edits as `changes`. An id: its file moves, which this client cannot do.
    let heading = client.request("textDocument/rename", json!({"textDocument": {"uri": kb.uri("alpha/second.md")}, "position": {"line": 17, "character": 4}, "newName": "Worked example"}));
    assert!(
        heading["result"]["changes"].is_object() && heading["result"].get("documentChanges").is_none(),
        "{heading}"
    );
    let id = client.request("textDocument/rename", json!({"textDocument": {"uri": kb.uri("beta/third.md")}, "position": {"line": 1, "character": 5}, "newName": "the-third"}));
    let message = id["error"]["message"].as_str().unwrap_or_default();
    assert!(
        message.contains("did not declare that it can rename files") && message.contains("`beta/third.md`"),
        "{id}"
    );
}
