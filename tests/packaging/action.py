"""action.yml's steps run as GitHub runs a composite action: each `run:` with bash
(`--noprofile --norc -eo pipefail`), its `env:` with the inputs substituted, fake GITHUB_OUTPUT,
GITHUB_PATH and RUNNER_TEMP files, PATH extended by what a step appended to GITHUB_PATH. Checks
the annotations, the outputs and the SARIF on a KB with a broken link, then on the fixed KB.
Needs MLQA_WHEEL (installed by the action's own install step, through its `package` input)."""

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[2]
ACTION = yaml.safe_load((REPO / "action.yml").read_text())
EXPRESSION = re.compile(r"\$\{\{\s*([^}]*?)\s*\}\}")


def run_action(inputs: dict, cwd: Path, scratch: Path):
    """Runs every step; returns (the steps' completed processes, the outputs of step `check`)."""
    declared = ACTION["inputs"]
    unknown = set(inputs) - set(declared)
    assert not unknown, f"not inputs of action.yml: {unknown}"
    values = {name: str(spec.get("default", "")) for name, spec in declared.items()}
    values.update(inputs)

    def substitute(text: str) -> str:
        def one(match):
            expression = match.group(1)
            if expression.startswith("inputs."):
                return values[expression[len("inputs."):]]
            if expression == "github.action_path":
                return str(REPO)
            raise AssertionError(f"unexpected expression in action.yml: {expression}")
        return EXPRESSION.sub(one, text)

    runner_temp = scratch / "runner-temp"
    runner_temp.mkdir(parents=True, exist_ok=True)
    files = {name: scratch / name.lower() for name in ("GITHUB_OUTPUT", "GITHUB_PATH", "GITHUB_ENV", "GITHUB_STEP_SUMMARY")}
    for f in files.values():
        f.write_text("")
    base_env = {**os.environ, "RUNNER_TEMP": str(runner_temp), "GITHUB_ACTION_PATH": str(REPO), "GITHUB_ACTIONS": "true"}
    base_env.update({k: str(v) for k, v in files.items()})

    assert ACTION["runs"]["using"] == "composite"
    done = []
    for index, step in enumerate(ACTION["runs"]["steps"]):
        assert "run" in step and step.get("shell") == "bash", f"step {index} is not a bash step"
        assert "${{" not in step["run"], f"step {step.get('name')}: inputs reach `run:` only through `env:`"
        env = dict(base_env)
        env.update({k: substitute(str(v)) for k, v in step.get("env", {}).items()})
        added = [line for line in files["GITHUB_PATH"].read_text().splitlines() if line]
        env["PATH"] = os.pathsep.join(list(reversed(added)) + [os.environ["PATH"]])
        script = scratch / f"step-{index}.sh"
        script.write_text(step["run"])
        proc = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)],
                              cwd=cwd, env=env, capture_output=True, text=True, timeout=600)
        done.append(proc)
        if proc.returncode != 0:
            break
    outputs = dict(line.split("=", 1) for line in files["GITHUB_OUTPUT"].read_text().splitlines() if "=" in line)
    return done, outputs


def main() -> None:
    wheel = os.environ["MLQA_WHEEL"]
    with tempfile.TemporaryDirectory(prefix="mlqa-action.") as tmp:
        tmp = Path(tmp)
        project = tmp / "project"
        shutil.copytree(REPO / "tests/fixtures/base", project / "kb")
        first = project / "kb/alpha/first.md"
        first.write_text(first.read_text().replace("(../beta/third.md)", "(../beta/thrid.md)"))

        # A broken link: annotations, exit code 1, and the SARIF.
        steps, outputs = run_action({"package": wheel, "sarif": "reports/mlqa.sarif"}, project, tmp / "broken")
        install, check = steps
        assert install.returncode == 0, install.stderr
        assert re.search(r"^mlqa \S+ \(KB format \d+, report format \d+\)$", install.stdout, re.M), install.stdout
        assert check.returncode == 1, (check.returncode, check.stdout, check.stderr)
        annotation = re.search(r"^::error title=mlqa \(broken-link\),file=kb/alpha/first\.md,line=(\d+),col=\d+,endLine=\d+,endColumn=\d+::.*thrid\.md", check.stdout, re.M)
        assert annotation, check.stdout
        assert outputs == {"sarif": "reports/mlqa.sarif", "exit-code": "1"}, outputs
        sarif = json.loads((project / "reports/mlqa.sarif").read_text())
        assert sarif["version"] == "2.1.0"
        results = sarif["runs"][0]["results"]
        assert [r["ruleId"] for r in results] == ["broken-link"], results
        location = results[0]["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uri"] == "kb/alpha/first.md"
        assert location["region"]["startLine"] == int(annotation.group(1))

        # Fixed, with a coverage gate and an explicit KB path: clean, no annotation, no SARIF.
        first.write_text(first.read_text().replace("(../beta/thrid.md)", "(../beta/third.md)"))
        steps, outputs = run_action({"package": wheel, "path": "kb", "fail-under": "100"}, project, tmp / "fixed")
        assert [s.returncode for s in steps] == [0, 0], [(s.stdout, s.stderr) for s in steps]
        assert "::error" not in steps[1].stdout and "::warning" not in steps[1].stdout, steps[1].stdout
        assert "100.0%" in steps[1].stdout, steps[1].stdout
        assert outputs == {"exit-code": "0"}, outputs

        # Coverage under the gate fails the step even when the selected rules pass (`args`).
        (project / "kb/beta/third.md").unlink()
        steps, outputs = run_action({"package": wheel, "fail-under": "90", "args": "--select missing-section"}, project, tmp / "gate")
        assert steps[1].returncode == 1 and outputs["exit-code"] == "1", (steps[1].stdout, outputs)
        assert "under --fail-under 90" in steps[1].stderr, steps[1].stderr
    print("action: ok (annotations, outputs and SARIF on a broken link; clean and coverage-gated runs)")


if __name__ == "__main__":
    sys.exit(main())
