/* Progressive enhancement of the feedback forms (they work without it, as plain POST forms).
   - The rating shows one step at a time: stars, then the follow-up answers that match the
     rating (positive for 4-5 stars, negative for 1-3), then the free text and the button.
   - Both forms are sent with fetch(); the outcome is announced in the form's status region. */
(function () {
  "use strict";
  var POSITIVE_THRESHOLD = 3;

  function setHidden(element, hidden) {
    if (!element) { return; }
    element.hidden = hidden;
    element.querySelectorAll("input").forEach(function (input) { input.disabled = hidden; });
  }

  function enhanceSteps(form) {
    var stars = form.querySelectorAll('input[name="stars"]');
    if (!stars.length) { return; }
    form.querySelectorAll("[data-feedback-no-js]").forEach(function (hint) { hint.remove(); });
    var answerStep = form.querySelector('[data-feedback-step="answer"]');
    var later = form.querySelectorAll('[data-feedback-step="comment"], [data-feedback-step="submit"]');
    var positive = form.querySelector('[data-feedback-answers="positive"]');
    var negative = form.querySelector('[data-feedback-answers="negative"]');

    function update() {
      var checked = form.querySelector('input[name="stars"]:checked');
      answerStep.hidden = !checked;
      later.forEach(function (step) { step.hidden = !checked; });
      if (!checked) { return; }
      var isPositive = Number(checked.value) > POSITIVE_THRESHOLD;
      setHidden(positive, !isPositive);
      setHidden(negative, isPositive);
    }
    stars.forEach(function (input) { input.addEventListener("change", update); });
    update();
  }

  function showErrors(status, errors) {
    var list = document.createElement("ul");
    list.className = "mb-0";
    Object.keys(errors).forEach(function (field) {
      errors[field].forEach(function (message) {
        var item = document.createElement("li");
        item.textContent = message;
        list.appendChild(item);
      });
      markInvalid(status.form, field);
    });
    var alert = document.createElement("div");
    alert.className = "alert alert-danger";
    alert.appendChild(list);
    status.replaceChildren(alert);
  }

  function markInvalid(form, name) {
    form.querySelectorAll('[name="' + name + '"]').forEach(function (input) {
      input.setAttribute("aria-invalid", "true");
    });
  }

  function submit(event) {
    var form = event.currentTarget;
    var status = form.querySelector("[data-feedback-status]");
    status.form = form;
    event.preventDefault();
    form.querySelectorAll('[aria-invalid="true"]').forEach(function (input) {
      input.removeAttribute("aria-invalid");
    });
    var button = form.querySelector('button[type="submit"]');
    button.disabled = true;
    fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      headers: { Accept: "application/json" },
      credentials: "same-origin"
    }).then(function (response) {
      return response.json().then(function (data) { return { ok: response.ok, data: data }; });
    }).then(function (result) {
      if (result.ok) {
        var thanks = document.createElement("p");
        thanks.className = "alert alert-success";
        thanks.textContent = result.data.message;
        status.replaceChildren(thanks);
        Array.prototype.forEach.call(form.children, function (child) {
          if (child !== status && child.tagName !== "H2") { child.hidden = true; }
        });
      } else {
        showErrors(status, result.data.errors || {});
        button.disabled = false;
      }
    }).catch(function () {
      button.disabled = false;
      form.removeEventListener("submit", submit);
      form.submit();
    });
  }

  document.querySelectorAll("[data-feedback-form]").forEach(function (form) {
    enhanceSteps(form);
    form.addEventListener("submit", submit);
  });
})();
