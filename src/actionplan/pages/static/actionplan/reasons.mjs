// The reasons checkboxes appear under Partly Agreed and under Not Agreed: ticking one ticks its twin, so
// what is sent is what the person sees under the decision they chose.
for (const box of document.querySelectorAll('input[type="checkbox"][name="reasons"]')) {
  box.addEventListener("change", () => {
    for (const twin of document.querySelectorAll(`input[type="checkbox"][name="reasons"][value="${box.value}"]`)) {
      twin.checked = box.checked;
    }
  });
}
