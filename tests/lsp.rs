//! The language server end to end: the real `mlqa-lsp` binary over stdio, on fixture KBs and a
//! copy of the shipped KB.

use serde_json::{Value, json};

use mlqa_tests::{FixtureKb, LspClient, bin, full_capabilities, repo};

fn uri(kb: &FixtureKb, rel: &str) -> String {
    kb.uri(rel)
}

/// Replaces the temporary KB folder in every string of `value` with `<kb>`.
fn redact(value: &Value, kb: &FixtureKb) -> Value {
    let root = format!("file://{}", std::fs::canonicalize(kb.path()).unwrap().display());
    let text = value.to_string().replace(&root, "file://<kb>");
    serde_json::from_str(&text).unwrap()
}

fn start(kb: &FixtureKb, utf8: bool) -> LspClient {
    let mut client = LspClient::start(kb.path());
    let encodings = if utf8 { json!(["utf-8", "utf-16"]) } else { json!(["utf-16"]) };
    let mut capabilities = full_capabilities();
    capabilities["general"] = json!({"positionEncodings": encodings});
    let init = client.initialize(kb, capabilities, None);
    let expected = if utf8 { "utf-8" } else { "utf-16" };
    assert_eq!(init["result"]["capabilities"]["positionEncoding"], expected, "{init}");
    client
}

fn open(client: &mut LspClient, kb: &FixtureKb, rel: &str) {
    client.open(kb, rel);
}

/// The (line, UTF-16 character) of the first `needle` in `rel`, plus `delta` characters.
fn pos(kb: &FixtureKb, rel: &str, needle: &str, delta: usize) -> Value {
    let text = kb.read(rel);
    let at = text.find(needle).unwrap_or_else(|| panic!("{needle} in {rel}"));
    let line_start = text[..at].rfind('\n').map_or(0, |n| n + 1);
    let line = text[..at].matches('\n').count();
    let character = text[line_start..at].encode_utf16().count() + delta;
    json!({"line": line, "character": character})
}

fn at(kb: &FixtureKb, rel: &str, needle: &str, delta: usize) -> Value {
    json!({"textDocument": {"uri": uri(kb, rel)}, "position": pos(kb, rel, needle, delta)})
}

#[test]
fn diagnostics_are_pushed_for_every_file_and_cleared_when_fixed() {
    let kb = FixtureKb::new(Some("rules/broken-link"));
    let mut client = start(&kb, false);
    let file = uri(&kb, "alpha/first.md");
    let diags = client.wait_diagnostics(|d| d.contains_key(&file));
    let first = &diags[&file];
    assert_eq!(first.len(), 1);
    assert_eq!(first[0]["code"], "broken-link");
    assert_eq!(first[0]["source"], "mlqa");
    assert_eq!(
        first[0]["range"],
        json!({"start": {"line": 15, "character": 20}, "end": {"line": 15, "character": 36}})
    );
    assert_eq!(diags.len(), 1, "only the broken file has diagnostics: {diags:?}");

    open(&mut client, &kb, "alpha/first.md");
    let start = pos(&kb, "alpha/first.md", "secnd.md", 0);
    let end = pos(&kb, "alpha/first.md", "secnd.md", 5);
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri(&kb, "alpha/first.md"), "version": 2}, "contentChanges": [{"range": {"start": start, "end": end}, "text": "second"}]}),
    );
    client.wait_diagnostics(|d| d.is_empty());
    assert!(client.stop().success());
}

#[test]
fn missing_answer_is_on_the_spec_line_with_a_create_action() {
    let kb = FixtureKb::new(Some("rules/missing-answer"));
    let mut client = start(&kb, false);
    let spec_uri = uri(&kb, "spec.yaml");
    let diags = client.wait_diagnostics(|d| d.contains_key(&spec_uri));
    let spec = &diags[&spec_uri];
    assert_eq!(spec[0]["code"], "missing-answer");
    assert_eq!(spec[0]["range"]["start"]["line"], 22, "the line of `- id: fourth`");
    let actions = client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri(&kb, "spec.yaml")}, "range": spec[0]["range"], "context": {"diagnostics": []}}),
    );
    let action = &actions["result"][0];
    assert_eq!(action["title"], "Create answer: beta/fourth.md");
    let ops = action["edit"]["documentChanges"].as_array().unwrap();
    assert_eq!(ops[0]["kind"], "create");
    assert_eq!(ops[0]["options"], json!({"overwrite": false, "ignoreIfExists": true}));
    assert!(ops[1]["edits"][0]["newText"].as_str().unwrap().contains("# What is the fourth question?"));
    assert!(!kb.path().join("beta/fourth.md").exists(), "the server proposes; it never writes");
    client.stop();
}

#[test]
fn quick_fixes_for_safe_and_unsafe_fixes() {
    let kb = FixtureKb::new(Some("rules/question-mismatch"));
    let mut client = start(&kb, false);
    let second = uri(&kb, "alpha/second.md");
    let diags = client.wait_diagnostics(|d| d.contains_key(&second));
    let d = &diags[&second][0];
    let actions = client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri(&kb, "alpha/second.md")}, "range": d["range"], "context": {"diagnostics": [d]}}),
    );
    insta::assert_json_snapshot!("lsp_code_action_question_mismatch", redact(&actions["result"], &kb));
    client.stop();
}

#[test]
fn completion_hover_definition_references() {
    let kb = FixtureKb::new(None);
    let mut client = start(&kb, false);
    let related = client.request("textDocument/completion", at(&kb, "alpha/first.md", "third]", 0));
    let labels: Vec<&str> =
        related["result"].as_array().unwrap().iter().map(|i| i["label"].as_str().unwrap()).collect();
    assert_eq!(labels, ["second", "third"]);
    let anchors = client.request("textDocument/completion", at(&kb, "alpha/first.md", "second.md#example", 10));
    insta::assert_json_snapshot!("lsp_completion_anchors", anchors["result"]);

    let hover = client.request("textDocument/hover", at(&kb, "alpha/first.md", "second.md#example", 3));
    insta::assert_snapshot!("lsp_hover_link", hover["result"]["contents"]["value"].as_str().unwrap());
    let hover = client.request("textDocument/hover", at(&kb, "alpha/first.md", "[book]", 2));
    assert_eq!(hover["result"]["contents"]["value"], "**A Book** (course)\n\n<https://example.org/book>");
    let hover = client.request("textDocument/hover", at(&kb, "spec.yaml", "id: third", 5));
    assert!(hover["result"]["contents"]["value"].as_str().unwrap().starts_with("answered by `beta/third.md`"));
    // A key point: where its answer makes it, the range being the hovered pattern.
    let hover = client.request("textDocument/hover", at(&kb, "spec.yaml", "'pitfall'", 3));
    assert_eq!(
        hover["result"]["contents"]["value"],
        "**Key point:** Warns of a pitfall\n\nmet in `beta/third.md` line 23:\n\n> Pitfalls: The one pitfall is to skip the example above."
    );
    assert_eq!(hover["result"]["range"]["start"], pos(&kb, "spec.yaml", "'pitfall'", 0));

    let def = client.request("textDocument/definition", at(&kb, "alpha/first.md", "second.md#example", 3));
    assert_eq!(def["result"][0]["uri"], uri(&kb, "alpha/second.md"));
    assert_eq!(def["result"][0]["range"]["start"], json!({"line": 17, "character": 3}));
    let def = client.request("textDocument/definition", at(&kb, "spec.yaml", "id: first", 5));
    assert_eq!(def["result"][0]["uri"], uri(&kb, "alpha/first.md"));
    let def = client.request("textDocument/definition", at(&kb, "alpha/first.md", "# What", 3));
    assert_eq!(def["result"][0]["uri"], uri(&kb, "spec.yaml"), "answer -> spec question");
    let def = client.request("textDocument/definition", at(&kb, "alpha/first.md", "[book]", 2));
    assert_eq!(def["result"][0]["uri"], uri(&kb, "resources.yaml"));

    let refs = client.request(
        "textDocument/references",
        json!({"textDocument": {"uri": uri(&kb, "beta/third.md")}, "position": pos(&kb, "beta/third.md", "# What", 3), "context": {"includeDeclaration": false}}),
    );
    insta::assert_json_snapshot!("lsp_references_third", redact(&refs["result"], &kb));
    client.stop();
}

#[test]
fn rename_of_an_id_and_of_a_heading() {
    let kb = FixtureKb::new(None);
    let mut client = start(&kb, false);
    let prepare = client.request("textDocument/prepareRename", at(&kb, "beta/third.md", "id: third", 5));
    assert_eq!(prepare["result"]["placeholder"], "third");
    let refused = client.request("textDocument/prepareRename", at(&kb, "beta/third.md", "# What", 3));
    assert!(refused["error"]["message"].as_str().unwrap().contains("spec.yaml"), "{refused}");
    let mut params = at(&kb, "beta/third.md", "id: third", 5);
    params["newName"] = json!("the-third");
    let edit = client.request("textDocument/rename", params);
    insta::assert_json_snapshot!("lsp_rename_id", redact(&edit["result"], &kb));
    let mut params = at(&kb, "alpha/second.md", "## Example", 4);
    params["newName"] = json!("Worked example");
    let edit = client.request("textDocument/rename", params);
    let text = edit["result"].to_string();
    assert!(text.contains("\"newText\":\"worked-example\""), "{text}");
    let mut bad = at(&kb, "beta/third.md", "id: third", 5);
    bad["newName"] = json!("Not An Id");
    assert!(client.request("textDocument/rename", bad)["error"]["message"].as_str().unwrap().contains("kebab-case"));
    client.stop();
}

#[test]
fn symbols_lenses_and_file_moves() {
    let kb = FixtureKb::new(None);
    let mut client = start(&kb, false);
    let outline =
        client.request("textDocument/documentSymbol", json!({"textDocument": {"uri": uri(&kb, "alpha/first.md")}}));
    let sections: Vec<&str> =
        outline["result"][0]["children"].as_array().unwrap().iter().map(|c| c["name"].as_str().unwrap()).collect();
    assert_eq!(sections, ["Short answer", "Explanation", "Example", "Pitfalls", "Follow-ups"]);
    let found = client.request("workspace/symbol", json!({"query": "third question"}));
    assert_eq!(found["result"][0]["name"], "What is the third question?");
    let lenses = client.request("textDocument/codeLens", json!({"textDocument": {"uri": uri(&kb, "spec.yaml")}}));
    let titles: Vec<&str> =
        lenses["result"].as_array().unwrap().iter().map(|l| l["command"]["title"].as_str().unwrap()).collect();
    assert_eq!(
        titles,
        [
            "2/2 answered (100%)",
            "answered: alpha/first.md · 1/1 key points met",
            "answered: alpha/second.md",
            "1/1 answered (100%)",
            "answered: beta/third.md · 2/2 key points met"
        ]
    );
    let moved = client.request(
        "workspace/willRenameFiles",
        json!({"files": [{"oldUri": uri(&kb, "beta/third.md"), "newUri": uri(&kb, "alpha/third.md")}]}),
    );
    insta::assert_json_snapshot!("lsp_will_rename_files", redact(&moved["result"], &kb));
    client.stop();
}

#[test]
fn changes_on_disk_are_picked_up() {
    let kb = FixtureKb::new(None);
    let mut client = start(&kb, false);
    let extra = uri(&kb, "beta/extra.md");
    kb.write("beta/extra.md", "# An orphan\n");
    client.notify("workspace/didChangeWatchedFiles", json!({"changes": [{"uri": extra, "type": 1}]}));
    let diags = client.wait_diagnostics(|d| d.contains_key(&extra));
    assert_eq!(diags[&extra][0]["code"], "missing-front-matter");
    std::fs::remove_file(kb.path().join("beta/extra.md")).unwrap();
    client.notify("workspace/didChangeWatchedFiles", json!({"changes": [{"uri": extra, "type": 3}]}));
    client.wait_diagnostics(|d| d.is_empty());
    client.stop();
}

/// JSON that is not a JSON-RPC message gets an Invalid Request error (id null), and the session
/// goes on: a batch, a number, a string, an object without `jsonrpc`, `method` or `id`, and a
/// response to a request the server never sent.
#[test]
fn json_that_is_not_json_rpc_is_answered_invalid_and_the_session_goes_on() {
    let kb = FixtureKb::new(None);
    let mut client = start(&kb, false);
    client.request("workspace/symbol", json!({"query": ""}));
    let bodies = [
        "[1,2,3,4,5]\n",
        "5",
        "\"x\"",
        "{\"a\":1}",
        "{\"jsonrpc\":\"2.0\"}",
        "{\"id\":7,\"method\":\"shutdown\"}",
        "{\"jsonrpc\":\"2.0\",\"id\":99,\"result\":null}",
    ];
    for body in bodies {
        client.send_raw(format!("Content-Length: {}\r\n\r\n{body}", body.len()).as_bytes());
    }
    let still = client.request("workspace/symbol", json!({"query": "third"}));
    assert_eq!(still["result"].as_array().unwrap().len(), 1, "still serving: {still}");
    let invalid: Vec<&serde_json::Value> =
        client.notifications.iter().filter(|m| m["error"]["code"] == -32600 && m["id"].is_null()).collect();
    assert_eq!(invalid.len(), bodies.len(), "{:#?}", client.notifications);
    assert!(client.stop().success());
}

/// The server asks a client to watch files only when the client declared it can be asked
/// (a strict client fails the session on an unexpected `client/registerCapability`).
#[test]
fn file_watchers_are_registered_only_with_a_client_that_offers_it() {
    let kb = FixtureKb::new(None);
    let registered =
        |client: &LspClient| client.notifications.iter().any(|m| m["method"] == "client/registerCapability");
    let mut watching = start(&kb, false);
    // Requests answered after `initialized` was handled: the registration has gone out by then.
    watching.request("workspace/symbol", json!({"query": ""}));
    watching.request("workspace/symbol", json!({"query": ""}));
    assert!(registered(&watching), "{:#?}", watching.notifications);
    watching.stop();

    let mut plain = LspClient::start(kb.path());
    let root = uri(&kb, "").trim_end_matches('/').to_owned();
    plain.request("initialize", json!({"capabilities": {}, "workspaceFolders": [{"uri": root, "name": "kb"}]}));
    plain.notify("initialized", json!({}));
    plain.request("workspace/symbol", json!({"query": ""}));
    plain.request("workspace/symbol", json!({"query": ""}));
    assert!(!registered(&plain), "{:#?}", plain.notifications);
    // Without watchers, a save is when the KB is read again: a file added on disk is seen.
    let extra = uri(&kb, "beta/extra.md");
    kb.write("beta/extra.md", "# An orphan\n");
    open(&mut plain, &kb, "alpha/first.md");
    plain.notify("textDocument/didSave", json!({"textDocument": {"uri": uri(&kb, "alpha/first.md")}}));
    let diags = plain.wait_diagnostics(|d| d.contains_key(&extra));
    assert_eq!(diags[&extra][0]["code"], "missing-front-matter");
    plain.stop();
}

#[test]
fn positions_are_right_in_utf8_and_utf16_for_non_ascii_text() {
    let kb = FixtureKb::new(None);
    let second = kb.read("alpha/second.md").replace(
        "See [the first answer](first.md#short-answer).",
        "See 😀 √dₖ 中文 [the first answer](first.md#short-answer).",
    );
    kb.write("alpha/second.md", &second);
    let line = second[..second.find("😀").unwrap()].matches('\n').count();
    let prefix =
        &second[second[..second.find("😀").unwrap()].rfind('\n').unwrap() + 1..second.find("first.md#").unwrap()];
    for (utf8, character) in [(false, prefix.encode_utf16().count()), (true, prefix.len())] {
        let mut client = start(&kb, utf8);
        let def = client.request(
            "textDocument/definition",
            json!({"textDocument": {"uri": uri(&kb, "alpha/second.md")}, "position": {"line": line, "character": character + 2}}),
        );
        assert_eq!(def["result"][0]["uri"], uri(&kb, "alpha/first.md"), "utf8={utf8}: {def}");
        let refs = client.request(
            "textDocument/references",
            json!({"textDocument": {"uri": uri(&kb, "alpha/first.md")}, "position": pos(&kb, "alpha/first.md", "## Short answer", 4), "context": {"includeDeclaration": false}}),
        );
        let start = &refs["result"][0]["range"]["start"];
        assert_eq!(start, &json!({"line": line, "character": character}), "utf8={utf8}");
        client.stop();
    }
}

#[test]
fn the_server_survives_bad_requests() {
    let kb = FixtureKb::new(None);
    let mut client = start(&kb, false);
    let unknown_doc = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": "file:///elsewhere/x.md"}, "position": {"line": 0, "character": 0}}),
    );
    assert_eq!(unknown_doc["result"], Value::Null);
    let past_end = client.request(
        "textDocument/definition",
        json!({"textDocument": {"uri": uri(&kb, "alpha/first.md")}, "position": {"line": 9999, "character": 9999}}),
    );
    assert!(past_end.get("error").is_none(), "{past_end}");
    let malformed = client.request("textDocument/hover", json!({"nonsense": true}));
    assert!(malformed.get("error").is_some());
    let unknown = client.request("mlqa/nothing", json!({}));
    assert_eq!(unknown["error"]["code"], -32601);
    // Malformed JSON, a missing header, a wrong Content-Length: dropped, the session goes on.
    client.send_raw(b"Content-Length: 5\r\n\r\n{bad}");
    client.send_raw(b"X-Nonsense: 1\r\n\r\n");
    client.send_raw(b"Content-Length: 3\r\n\r\n{\"jsonrpc\":\"2.0\",\"method\":\"initialized\"}");
    // A burst of 1,000 edits to an open document.
    open(&mut client, &kb, "alpha/first.md");
    let first = uri(&kb, "alpha/first.md");
    for version in 2..1002 {
        let change =
            json!({"range": {"start": {"line": 23, "character": 0}, "end": {"line": 23, "character": 0}}, "text": "x"});
        client.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": first, "version": version}, "contentChanges": [change]}),
        );
    }
    let still = client.request("workspace/symbol", json!({"query": "third"}));
    assert_eq!(still["result"].as_array().unwrap().len(), 1, "still serving after abuse");
    let hover = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": first}, "position": {"line": 23, "character": 500}}),
    );
    assert!(hover.get("error").is_none(), "{hover}");
    assert!(client.stop().success());
}

#[test]
fn a_client_that_vanishes_ends_the_server_cleanly() {
    let kb = FixtureKb::new(None);
    let mut client = start(&kb, false);
    client.request("workspace/symbol", json!({"query": "first"}));
    // No shutdown, no exit: the client closes its end.
    let status = client.vanish();
    assert!(status.success(), "{status:?}");
}

#[test]
fn the_shipped_kb_opens_clean() {
    let copy = tempfile::tempdir().unwrap();
    copy_dir(&repo().join("kb"), &copy.path().join("kb"));
    copy_dir(&repo().join("docs"), &copy.path().join("docs"));
    let kb = FixtureKb { dir: copy };
    let mut client = LspClient::start(kb.path());
    let root = format!("file://{}", std::fs::canonicalize(kb.path()).unwrap().display());
    client.request("initialize", json!({"capabilities": {}, "workspaceFolders": [{"uri": root, "name": "repo"}]}));
    client.notify("initialized", json!({}));
    let lenses =
        client.request("textDocument/codeLens", json!({"textDocument": {"uri": format!("{root}/kb/spec.yaml")}}));
    assert_eq!(lenses["result"][0]["command"]["title"], "8/8 answered (100%)");
    // The KB is loaded (the lenses say so) and clean: nothing was published for any file.
    assert!(client.published().is_empty(), "{:#?}", client.published());
    // A broken link typed into an answer: its diagnostic links to the rule's explanation.
    let rag = format!("{root}/kb/rag/why-rag.md");
    let text = kb.read("kb/rag/why-rag.md");
    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": rag, "languageId": "markdown", "version": 1, "text": text}}),
    );
    let change = json!({"range": {"start": {"line": 9, "character": 0}, "end": {"line": 9, "character": 0}}, "text": "[gone](nowhere.md) "});
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": rag, "version": 2}, "contentChanges": [change]}),
    );
    let diags = client.wait_diagnostics(|d| d.contains_key(&rag));
    let href = diags[&rag][0]["codeDescription"]["href"].as_str().unwrap();
    assert!(href.ends_with("/docs/RULES.md#broken-link"), "{href}");
    client.stop();
}

fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

#[test]
fn mlqa_lsp_subcommand_is_the_same_server() {
    let kb = FixtureKb::new(Some("rules/broken-link"));
    let mut command = std::process::Command::new(bin("mlqa"));
    command.arg("lsp");
    let mut client = LspClient::spawn(command, kb.path());
    let root = uri(&kb, "").trim_end_matches('/').to_owned();
    let init =
        client.request("initialize", json!({"capabilities": {}, "workspaceFolders": [{"uri": root, "name": "kb"}]}));
    assert_eq!(init["result"]["serverInfo"]["name"], "mlqa-lsp");
    client.notify("initialized", json!({}));
    let file = uri(&kb, "alpha/first.md");
    let diags = client.wait_diagnostics(|d| d.contains_key(&file));
    assert_eq!(diags[&file][0]["code"], "broken-link");
    assert!(client.stop().success());
}

#[test]
fn glossary_terms_over_stdio_hover_definition_completion_and_a_scaffolding_fix() {
    // beta/third.md says "(GQA, like LoRA and the GPUs it runs on)"; the glossary defines LoRA
    // (explained by `second`) and GPU (explained by no answer), not GQA.
    let kb = FixtureKb::new(Some("rules/undefined-acronym"));
    let mut client = start(&kb, false);
    let third = uri(&kb, "beta/third.md");
    let diags = client.wait_diagnostics(|d| d.contains_key(&third));
    let d = &diags[&third][0];
    assert_eq!(
        (d["code"].as_str(), d["range"]["start"].clone()),
        (Some("undefined-acronym"), pos(&kb, "beta/third.md", "GQA", 0))
    );

    let hover = client.request("textDocument/hover", at(&kb, "beta/third.md", "LoRA", 1));
    assert_eq!(
        hover["result"]["contents"]["value"],
        "**low-rank adaptation** (LoRA)\n\nFine-tuning through a trainable low-rank update added to frozen weights.\n\nexplained in *Why divide by √dₖ in the second question?* (`alpha/second.md`)"
    );
    assert_eq!(hover["result"]["range"]["start"], pos(&kb, "beta/third.md", "LoRA", 0));
    assert_eq!(hover["result"]["range"]["end"], pos(&kb, "beta/third.md", "LoRA", 4));
    let hover = client.request("textDocument/hover", at(&kb, "beta/third.md", "GPUs", 2));
    assert!(hover["result"]["contents"]["value"].as_str().unwrap().starts_with("**graphics processing unit** (GPU)"));

    let def = client.request("textDocument/definition", at(&kb, "beta/third.md", "LoRA", 2));
    assert_eq!(def["result"][0]["uri"], uri(&kb, "alpha/second.md"), "the answer that explains it");
    let def = client.request("textDocument/definition", at(&kb, "beta/third.md", "GPUs", 0));
    assert_eq!(def["result"][0]["uri"], uri(&kb, "glossary.yaml"), "no answer explains it: its entry");

    let completion = client.request("textDocument/completion", at(&kb, "beta/third.md", "LoRA", 2));
    let items = completion["result"].as_array().unwrap();
    let labels: Vec<&str> = items.iter().map(|i| i["label"].as_str().unwrap()).collect();
    assert_eq!(labels, ["LoRA", "low-rank adaptation"]);
    assert_eq!(items[1]["detail"], "Fine-tuning through a trainable low-rank update added to frozen weights.");

    let actions = client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": third}, "range": d["range"], "context": {"diagnostics": [d]}}),
    );
    let action = &actions["result"][0];
    assert_eq!(action["title"], "Add `GQA` to glossary.yaml (unsafe: review it)");
    let change = &action["edit"]["documentChanges"][0];
    assert_eq!(change["textDocument"]["uri"], uri(&kb, "glossary.yaml"));
    let lines = kb.read("glossary.yaml").lines().count();
    assert_eq!(change["edits"][0]["range"]["start"], json!({"line": lines, "character": 0}), "at the end");
    let inserted = change["edits"][0]["newText"].as_str().unwrap();
    assert!(
        inserted.contains("    acronyms: [\"GQA\"]\n")
            && inserted.ends_with("    # answer: third   (if this answer explains it)\n"),
        "{inserted}"
    );
    client.stop();
}
