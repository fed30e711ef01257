// Self-check on an answer page: the learner writes an answer with the page's answer hidden, and
// it is graded against the question's key points with the very patterns `mlqa practice` uses
// (mlqa writes each one for JavaScript: `new RegExp(js, "iu")` means what the Rust regex means).
// window.mlqaGrade(text) returns [{name, met}] for the browser test's comparison.
(function () {
  "use strict";
  const box = document.querySelector(".self-check");
  const data = document.getElementById("mlqa-key-points");
  if (!box || !data) return;
  const points = JSON.parse(data.textContent)
    .filter((p) => p.js)
    .map((p) => ({ name: p.name, re: new RegExp(p.js, "iu") }));
  // As mlqa reads a text: each run of ASCII whitespace is one space, so wrapped lines still match.
  const flat = (text) => text.replace(/[\t\n\v\f\r ]+/g, " ");
  const grade = (text) => points.map((p) => ({ name: p.name, met: p.re.test(flat(text)) }));
  window.mlqaGrade = grade;

  // The same thirds as `mlqa practice`: every point easy, two thirds good, one third hard.
  const suggest = (met, total) =>
    total === 0 || met >= total ? "easy" : 3 * met >= 2 * total ? "good" : 3 * met >= total ? "hard" : "again";

  const article = box.closest("article");
  const details = box.querySelector("details");
  const input = box.querySelector("textarea");
  const result = box.querySelector(".self-check-result");
  const hide = (hidden) => article.classList.toggle("answer-hidden", hidden);
  details.addEventListener("toggle", () => hide(details.open && !box.classList.contains("checked")));

  box.querySelector(".self-check-grade").addEventListener("click", () => {
    const marks = grade(input.value);
    const met = marks.filter((m) => m.met).length;
    result.replaceChildren();
    const list = document.createElement("ul");
    for (const m of marks) {
      const li = document.createElement("li");
      li.className = m.met ? "met" : "missed";
      li.textContent = (m.met ? "✓ " : "✗ ") + m.name;
      list.append(li);
    }
    const score = document.createElement("p");
    score.className = "self-check-score";
    score.textContent = `Score ${met}/${marks.length} · suggested grade: ${suggest(met, marks.length)}. The answer is shown below.`;
    result.append(list, score);
    box.classList.add("checked");
    hide(false);
  });
  box.querySelector(".self-check-reveal").addEventListener("click", () => {
    box.classList.add("checked");
    hide(false);
  });
})();
