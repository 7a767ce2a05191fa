// The lecture's quiz and its SCORM 1.2 runtime. On a course platform (an API object in a parent
// window or the opener) it reports the learner's progress: lesson_status "incomplete" at launch,
// the video position in cmi.core.lesson_location and the answers in cmi.suspend_data (a
// relaunch resumes from them), and once the video has been watched to its end and the answers
// submitted, the score (0-100), "passed" or "failed" against the mastery score, and the session
// time; then it commits and finishes. Without a platform the quiz still marks itself.
"use strict";
(function () {
  const data = JSON.parse(document.getElementById("nnlecture-data").textContent);
  const course = data.course;
  const quiz = document.getElementById("quiz");
  if (!course || !quiz) return;
  const video = document.getElementById("lecture");
  const launched = Date.now();
  const state = { answers: {}, ended: false, submitted: false, position: 0 };
  const status = document.getElementById("quiz-status");
  const questions = [...quiz.querySelectorAll("[data-question]")];

  // --- the platform's API: parents first, then the opener and its parents (SCORM 1.2, 3.3.6) ----
  function search(start) {
    let win = start;
    for (let hops = 0; win && hops < 16; hops++) {
      try { if (win.API) return win.API; } catch (error) { return null; }  // another origin
      if (!win.parent || win.parent === win) break;
      win = win.parent;
    }
    return null;
  }
  const api = search(window) || (window.opener ? search(window.opener) : null);
  let open = false;

  function set(name, value) { if (open) api.LMSSetValue(name, String(value)); }
  function get(name) { return open ? String(api.LMSGetValue(name) || "") : ""; }

  function timespan(milliseconds) {   // CMITimespan: HHHH:MM:SS.SS
    const hundredths = Math.round(milliseconds / 10);
    const seconds = Math.floor(hundredths / 100), rest = hundredths % 100;
    const pad = (value, width) => String(value).padStart(width, "0");
    return `${pad(Math.floor(seconds / 3600), 4)}:${pad(Math.floor(seconds / 60) % 60, 2)}:` +
           `${pad(seconds % 60, 2)}.${pad(rest, 2)}`;
  }

  function save(commit) {
    if (!open) return;
    set("cmi.core.lesson_location", state.position.toFixed(1));
    set("cmi.suspend_data", JSON.stringify({ a: state.answers, e: state.ended ? 1 : 0 }));
    if (commit) api.LMSCommit("");
  }

  function finish() {
    if (!open) return;
    set("cmi.core.session_time", timespan(Date.now() - launched));
    set("cmi.core.exit", state.submitted ? "" : "suspend");
    save(true);
    api.LMSFinish("");
    open = false;
  }

  if (api && String(api.LMSInitialize("")) === "true") {
    open = true;
    const lesson = get("cmi.core.lesson_status");
    if (lesson === "" || lesson === "not attempted") set("cmi.core.lesson_status", "incomplete");
    const mastery = Number.parseFloat(get("cmi.student_data.mastery_score"));
    if (Number.isFinite(mastery)) course.mastery_score = mastery;
    try {
      const saved = JSON.parse(get("cmi.suspend_data") || "{}");
      Object.assign(state.answers, saved.a || {});
      state.ended = saved.e === 1;
    } catch (error) { /* suspend data not ours: start afresh */ }
    const location = Number.parseFloat(get("cmi.core.lesson_location"));
    if (Number.isFinite(location) && location > 0) {
      state.position = location;
      const resume = () => { video.currentTime = location; };
      if (video.readyState >= 1) resume(); else video.addEventListener("loadedmetadata", resume, { once: true });
    }
    window.addEventListener("pagehide", finish);
    window.addEventListener("beforeunload", finish);
  }

  // --- the questions -------------------------------------------------------------------------------
  for (const question of questions) {
    const chosen = state.answers[question.dataset.question];
    for (const option of question.querySelectorAll("[data-option]")) {
      option.checked = option.dataset.option === chosen;
      option.addEventListener("change", () => {
        state.answers[question.dataset.question] = option.dataset.option;
        save(false);
        update();
      });
    }
  }

  function reveal(chapter) {
    let first = null;
    for (const question of questions) {
      if ((chapter === null || question.dataset.chapter === chapter) && question.hidden) {
        question.hidden = false;
        first = first || question;
      }
    }
    return first;
  }

  function update() {
    const missing = questions.filter((q) => !state.answers[q.dataset.question]).length;
    const button = quiz.querySelector('[data-action="submit"]');
    button.disabled = state.submitted || !questions.length;
    if (state.submitted) return;
    status.textContent = !state.ended ? "Watch the lecture to its end, then submit your answers."
      : missing ? `${missing} question${missing === 1 ? "" : "s"} still to answer.`
      : "All answered: submit when you are ready.";
  }

  function submit() {
    const missing = questions.filter((q) => !state.answers[q.dataset.question]);
    if (!state.ended || missing.length || state.submitted) {
      update();
      if (missing.length) (missing[0].querySelector("[data-option]") || missing[0]).focus();
      return;
    }
    let right = 0;
    for (const question of questions) {
      const good = state.answers[question.dataset.question] === question.dataset.answer;
      right += good ? 1 : 0;
      question.classList.add(good ? "right" : "wrong");
      question.querySelector(".explanation").hidden = false;
      question.querySelector(".verdict").textContent = good ? "Right." : "Not quite.";
      for (const option of question.querySelectorAll("[data-option]")) option.disabled = true;
    }
    const score = Math.round((100 * right) / questions.length);
    const passed = score >= course.mastery_score;
    state.submitted = true;
    set("cmi.core.score.min", "0");
    set("cmi.core.score.max", "100");
    set("cmi.core.score.raw", score);
    set("cmi.core.lesson_status", passed ? "passed" : "failed");
    status.textContent = `${right} of ${questions.length} right: ${score} % ` +
      `(${passed ? "passed" : "not passed"}; ${course.mastery_score} % needed).`;
    update();
    finish();
  }
  quiz.querySelector('[data-action="submit"]').addEventListener("click", submit);

  // --- following the video ---------------------------------------------------------------------------
  let saved = 0;
  const ends = course.placement === "chapters"
    ? data.chapters.filter((chapter) => questions.some((q) => q.dataset.chapter === chapter.slug)) : [];
  video.addEventListener("timeupdate", () => {
    state.position = video.currentTime;
    if (Math.abs(state.position - saved) >= 5) { saved = state.position; save(false); }
    for (const chapter of ends) {
      if (!chapter.asked && video.currentTime >= chapter.end - 0.3 && video.currentTime < chapter.end + 1) {
        chapter.asked = true;
        const first = reveal(chapter.slug);
        if (first) { video.pause(); quiz.hidden = false; first.scrollIntoView({ block: "nearest" }); }
      }
    }
  });
  function reachedEnd() {
    state.ended = true;
    quiz.hidden = false;
    reveal(null);
    update();
    save(true);
    if (!questions.length && !state.submitted) {   // nothing to ask in these chapters
      state.submitted = true;
      set("cmi.core.lesson_status", "completed");
      finish();
    }
  }
  video.addEventListener("ended", reachedEnd);
  // A seek or a pause can come before the next timeupdate: take the position from the video.
  video.addEventListener("seeked", () => { state.position = video.currentTime; });
  video.addEventListener("pause", () => { state.position = video.currentTime; save(true); });
  if (state.ended) reachedEnd();
  else if (course.placement === "chapters") {
    for (const question of questions) if (state.answers[question.dataset.question]) reveal(question.dataset.chapter);
    quiz.hidden = !questions.some((q) => !q.hidden);
  }
  update();

  window.nnlecture = Object.assign(window.nnlecture || {}, {
    course: { api: () => api, state: () => JSON.parse(JSON.stringify(state)), submit },
  });
})();
