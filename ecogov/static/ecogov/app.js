/* Behaviours of every page, wired by data attributes: the Content-Security-Policy runs no inline
   script or event handler, so templates say what they need and this file does it.
   data-autosubmit   on a field: submit its form when it changes (the language switch)
   data-back         on a link: go back in the history
   data-tab-active   on a tab link: mark it the active one of its .tabs group when clicked
   data-hidden-when  on any element: a selector of a checkbox; hidden while the box is checked */
(function () {
  "use strict";
  function syncHidden() {
    document.querySelectorAll("[data-hidden-when]").forEach(function (el) {
      var box = document.querySelector(el.dataset.hiddenWhen);
      if (box) el.style.display = box.checked ? "none" : "";
    });
  }
  document.addEventListener("change", function (e) {
    var t = e.target;
    if (t.matches("[data-autosubmit]") && t.form) t.form.submit();
    syncHidden();
  });
  document.addEventListener("click", function (e) {
    var back = e.target.closest("[data-back]");
    if (back) { e.preventDefault(); history.back(); return; }
    var tab = e.target.closest("[data-tab-active]");
    if (tab) {
      var group = tab.closest(".tabs") || tab.parentNode;
      group.querySelectorAll("a").forEach(function (a) { a.classList.remove("active"); });
      tab.classList.add("active");
    }
  });
  syncHidden();
})();
