// Remember the reader's choice in every kind of group tab, across pages.
//
// sphinx-tabs keeps only the last group tab clicked, so choosing "maturin"
// on one page forgets an earlier "Python".  This keeps one choice per tab
// set (the names offered together) in session storage and applies them all
// on every page, after sphinx-tabs has restored its own.
(() => {
  "use strict";
  const KEY = "guide-tab-choices";

  function load() {
    try {
      const value = JSON.parse(window.sessionStorage.getItem(KEY) || "{}");
      return value && typeof value === "object" ? value : {};
    } catch (error) {
      return {};
    }
  }

  function save(choices) {
    try {
      window.sessionStorage.setItem(KEY, JSON.stringify(choices));
    } catch (error) {
      // Storage disabled: tabs still work, they are just not remembered.
    }
  }

  // The names a tab list offers, e.g. "Output|Python|Rust".
  function family(tabList) {
    return Array.from(tabList.querySelectorAll(".sphinx-tabs-tab.group-tab"))
      .map((tab) => tab.getAttribute("name"))
      .sort()
      .join("|");
  }

  document.addEventListener("click", (event) => {
    const tab = event.target.closest(".sphinx-tabs-tab.group-tab");
    if (!tab) return;
    const choices = load();
    choices[family(tab.parentNode)] = tab.getAttribute("name");
    save(choices);
  });

  window.addEventListener("DOMContentLoaded", () => {
    if (typeof selectTab !== "function") return;
    const choices = load();
    document.querySelectorAll('[role="tablist"]').forEach((tabList) => {
      const choice = choices[family(tabList)];
      if (!choice) return;
      const tab = tabList.querySelector(
        `.sphinx-tabs-tab.group-tab[name="${CSS.escape(choice)}"]`
      );
      if (tab) {
        deselectTabList(tab);
        selectTab(tab);
      }
    });
  });
})();
